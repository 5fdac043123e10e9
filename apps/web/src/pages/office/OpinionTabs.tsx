import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ESCALATION_LABELS, RECTIFICATION_STATUS_LABELS } from '@rol/domain';
import { api, call, page, type Schemas } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ApiErrorView } from '../../components/ApiErrorView';
import { LedgerButton } from '../../components/LedgerButton';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { fmtDateTime } from '../../components/format';
import { LETTER_STATUS } from '../LetterPage';

/** 监督意见书 of a campaign: draft from the findings, open one to edit, issue all drafts. */
export function LettersTab({ campaignId }: { campaignId: string }) {
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Schemas['OpinionLetterDto']['status']>();
  const [departmentId, setDepartmentId] = useState<string>();
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const letters = useQuery({
    queryKey: ['letters', campaignId, status, departmentId, paging],
    placeholderData: keepPreviousData,
    queryFn: () => page(api.GET('/api/v1/campaigns/{campaignId}/opinion-letters', { params: { path: { campaignId }, query: { status, departmentId, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
  });
  const draftCount = useQuery({
    queryKey: ['letters', campaignId, 'drafts'],
    queryFn: () => page(api.GET('/api/v1/campaigns/{campaignId}/opinion-letters', { params: { path: { campaignId }, query: { status: 'draft', limit: 1 } } })),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['letters', campaignId] });
  const draft = useMutation({ mutationFn: () => call(api.POST('/api/v1/campaigns/{campaignId}/opinion-letters/draft', { params: { path: { campaignId } } })), onSuccess: (l) => { refresh(); message.success(`已根据发现的问题起草：共 ${l.filter((x) => x.status === 'draft').length} 份草稿`); } });
  const issueAll = useMutation({
    mutationFn: () => call(api.POST('/api/v1/campaigns/{campaignId}/opinion-letters/issue', { params: { path: { campaignId } }, body: {} })),
    onSuccess: (r) => {
      refresh();
      const failed = r.filter((x) => x.error);
      if (failed.length) message.warning(`已印发 ${r.length - failed.length} 份；${failed.length} 份未印发：${failed[0].error?.message}`);
      else message.success(`已印发 ${r.length} 份`);
    },
  });
  const drafts = draftCount.data?.total ?? 0;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button onClick={() => draft.mutate()} loading={draft.isPending}>根据发现的问题起草</Button>
        {session.role === 'office_admin' && (
          <Popconfirm title={`印发全部 ${drafts} 份草稿？印发后编文号并送达各部门，不能再修改。`} disabled={!drafts} onConfirm={() => issueAll.mutate()}>
            <Button type="primary" disabled={!drafts} loading={issueAll.isPending}>印发全部草稿（{drafts}）</Button>
          </Popconfirm>
        )}
        <Typography.Text type="secondary">自查核查与案卷评查发现的问题按部门汇成草稿；意见书印发后新发现的问题，再起草时汇成该部门的补充监督意见书（另编文号）。</Typography.Text>
      </Space>
      <Space style={{ marginBottom: 12 }}>
        <DepartmentSelect value={departmentId} onChange={(v) => { setDepartmentId(v); setPaging((p) => ({ ...p, current: 1 })); }} />
        <Select allowClear placeholder="状态" style={{ width: 140 }} value={status} onChange={(v) => { setStatus(v); setPaging((p) => ({ ...p, current: 1 })); }} options={Object.entries(LETTER_STATUS).map(([value, s]) => ({ value, label: s.label }))} />
        <LedgerButton campaignId={campaignId} kind="letters" />
      </Space>
      <ApiErrorView error={letters.error ?? draft.error ?? issueAll.error} />
      <Table<Schemas['OpinionLetterDto']>
        rowKey="id"
        size="small"
        loading={letters.isFetching}
        dataSource={letters.data?.items}
        pagination={{ ...paging, total: letters.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 份`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        locale={{ emptyText: '尚无意见书：点“根据发现的问题起草”' }}
        columns={[
          { title: '部门', render: (_, l) => <Link to={`/letters/${l.id}`}>{l.departmentName}</Link> },
          { title: '文号', render: (_, l) => <>{l.documentNumber ?? <Typography.Text type="secondary">（草稿）</Typography.Text>}{l.supplements && <Tag style={{ marginLeft: 8 }}>补充意见（补充 {l.supplements.documentNumber}）</Tag>}</> },
          { title: '意见条数', width: 90, render: (_, l) => l.items.length },
          { title: '状态', width: 140, render: (_, l) => <Tag color={LETTER_STATUS[l.status].color}>{LETTER_STATUS[l.status].label}</Tag> },
          { title: '印发', width: 160, render: (_, l) => fmtDateTime(l.issuedAt) },
          { title: '签收', width: 160, render: (_, l) => fmtDateTime(l.acknowledgedAt) },
        ]}
      />
    </>
  );
}

/** 整改 board: each department's items with their deadlines and state (the closure figures are in the campaign's overview above). */
export function RectificationTab({ campaignId }: { campaignId: string }) {
  const [departmentId, setDepartmentId] = useState<string>();
  const [status, setStatus] = useState<Schemas['RectificationItemDto']['status']>();
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const items = useQuery({
    queryKey: ['rectifications', campaignId, departmentId, status, paging],
    placeholderData: keepPreviousData,
    queryFn: () => page(api.GET('/api/v1/campaigns/{campaignId}/rectifications', { params: { path: { campaignId }, query: { departmentId, status, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <DepartmentSelect value={departmentId} onChange={(v) => { setDepartmentId(v); setPaging((p) => ({ ...p, current: 1 })); }} />
        <Select allowClear placeholder="状态" style={{ width: 160 }} value={status} onChange={(v) => { setStatus(v); setPaging((p) => ({ ...p, current: 1 })); }} options={Object.entries(RECTIFICATION_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        <LedgerButton campaignId={campaignId} kind="rectification" />
      </Space>
      <ApiErrorView error={items.error} />
      <Table<Schemas['RectificationItemDto']>
        rowKey="id"
        size="small"
        loading={items.isFetching}
        dataSource={items.data?.items}
        pagination={{ ...paging, total: items.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 项`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        rowClassName={(i) => (i.overdue ? 'row-overdue' : '')}
        columns={[
          { title: '部门', width: 160, dataIndex: 'departmentName' },
          { title: '问题', render: (_, i) => <>{i.carryLabel && <Tag color={i.carriedInFrom ? 'purple' : 'default'}>{i.carryLabel}</Tag>}<Link to={`/rectifications/${i.id}`}>{i.problem}</Link></> },
          { title: '意见书', width: 170, dataIndex: 'documentNumber' },
          { title: '期限', width: 150, render: (_, i) => fmtDateTime(i.deadlineAt) },
          { title: '状态', width: 130, render: (_, i) => <>{i.statusLabel}{i.overdue && <Tag color="red" style={{ marginLeft: 4 }}>逾期</Tag>}</> },
        ]}
      />
    </>
  );
}

type Rules = Schemas['RectificationRulesDto'];
const UNIT_OPTIONS = [{ value: 'working_days', label: '个工作日' }, { value: 'calendar_days', label: '日' }];

function PeriodInput({ value, onChange, disabled }: { value?: Rules['defaultDeadline']; onChange?: (v: Rules['defaultDeadline']) => void; disabled?: boolean }) {
  return (
    <Space.Compact>
      <InputNumber min={0} max={3650} disabled={disabled} value={value?.amount} onChange={(amount) => onChange?.({ unit: value?.unit ?? 'calendar_days', amount: amount ?? 0 })} style={{ width: 100 }} />
      <Select disabled={disabled} value={value?.unit} onChange={(unit) => onChange?.({ amount: value?.amount ?? 0, unit })} options={UNIT_OPTIONS} style={{ width: 110 }} />
    </Space.Compact>
  );
}

/** 整改规则: periods and the escalation ladder; set before the first letter is issued. (发文机关 and 文号 are the office's settings.) */
export function RulesTab({ campaignId }: { campaignId: string }) {
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Rules>();
  const rules = useQuery({ queryKey: ['rectification-rules', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/rectification-rules', { params: { path: { campaignId } } })) });
  const save = useMutation({
    mutationFn: (r: Rules) => call(api.PUT('/api/v1/campaigns/{campaignId}/rectification-rules', { params: { path: { campaignId } }, body: { rules: r } })),
    onSuccess: (r) => { queryClient.setQueryData(['rectification-rules', campaignId], r); message.success('整改规则已保存'); },
  });
  if (rules.error) return <ApiErrorView error={rules.error} />;
  if (!rules.data) return null;
  const readOnly = session.role !== 'office_admin';
  return (
    <Form<Rules> form={form} layout="horizontal" labelCol={{ span: 4 }} wrapperCol={{ span: 12 }} initialValues={rules.data} disabled={readOnly} onFinish={(v) => save.mutate({ ...rules.data!, ...v })}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={<>本周期的整改期限与催办阶梯；首份意见书印发后锁定。发文机关与文号格式在 <Link to="/settings">本机关设置</Link>。</>} />
      <ApiErrorView error={save.error} />
      <Form.Item name="defaultDeadline" label="默认整改期限"><PeriodInput /></Form.Item>
      <Form.Item name="acknowledgeWithin" label="签收期限"><PeriodInput /></Form.Item>
      <Form.Item name="objectionWindow" label="申请复查期限"><PeriodInput /></Form.Item>
      <Form.Item label="催办阶梯">
        <Typography.Text type="secondary">
          {rules.data.ladder.map((s) => `${ESCALATION_LABELS[s.kind]}：期限${s.before ? '前' : '后'} ${s.offset.amount} ${s.offset.unit === 'working_days' ? '个工作日' : '日'}`).join('；')}
        </Typography.Text>
      </Form.Item>
      {!readOnly && <Form.Item wrapperCol={{ offset: 4 }}><Button type="primary" htmlType="submit" loading={save.isPending}>保存整改规则</Button></Form.Item>}
    </Form>
  );
}
