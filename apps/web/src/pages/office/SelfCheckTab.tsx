import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { SELF_CHECK_STATUS_LABELS } from '@rol/domain';
import { api, call, page, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { LedgerButton } from '../../components/LedgerButton';
import { fmtDateTime, SELF_CHECK_STATUS_COLORS } from '../../components/format';

type Status = Schemas['SelfCheckSummaryDto']['status'];

/** 自查一览: every department's self-check by status, paged and searched on the server. */
export function SelfCheckList({ campaignId }: { campaignId: string }) {
  const [status, setStatus] = useState<Status>();
  const [q, setQ] = useState<string>();
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['self-checks', campaignId, status, q, paging],
    queryFn: () => page(api.GET('/api/v1/campaigns/{campaignId}/self-checks', { params: { path: { campaignId }, query: { status, q, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="按部门编码或名称搜索" style={{ width: 260 }} onSearch={(v) => { setQ(v || undefined); setPaging((p) => ({ ...p, current: 1 })); }} />
        <Select allowClear placeholder="状态" style={{ width: 160 }} value={status} onChange={(v) => { setStatus(v); setPaging((p) => ({ ...p, current: 1 })); }} options={Object.entries(SELF_CHECK_STATUS_LABELS).map(([value, label]) => ({ value, label: value === 'submitted' ? `${label}（待审核）` : label }))} />
        <LedgerButton campaignId={campaignId} kind="self-checks" />
      </Space>
      <ApiErrorView error={list.error} />
      <Table<Schemas['SelfCheckSummaryDto']>
        rowKey="departmentId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...paging, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 个部门`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { title: '部门', render: (_, r) => `${r.name}（${r.code}）` },
          { title: '状态', width: 110, render: (_, r) => <Tag color={SELF_CHECK_STATUS_COLORS[r.status]}>{r.statusLabel}</Tag> },
          { title: '报送次数', dataIndex: 'version', width: 90 },
          { title: '最近报送', width: 160, render: (_, r) => fmtDateTime(r.submittedAt) },
          { title: '操作', width: 100, render: (_, r) => (r.selfCheckId && r.version > 0 ? <Link to={`/self-check-reviews/${r.selfCheckId}`}>{r.status === 'submitted' ? '审核' : '查看'}</Link> : <Typography.Text type="secondary">未报送</Typography.Text>) },
        ]}
      />
    </>
  );
}

type Template = Schemas['TemplateBodyDto'];
const ANSWER_TYPES = [
  { value: 'yes_no_partial', label: '是/否/部分' },
  { value: 'number', label: '数量' },
  { value: 'text', label: '文字' },
];

/** 自查表: edited in place until the self-check window opens; read-only after. */
export function SelfCheckTemplateEditor({ campaignId, locked }: { campaignId: string; locked: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const template = useQuery({ queryKey: ['self-check-template', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/self-check/template', { params: { path: { campaignId } } })) });
  const [draft, setDraft] = useState<Template>();
  useEffect(() => { if (template.data) setDraft(structuredClone(template.data)); }, [template.data]);
  const save = useMutation({
    mutationFn: (t: Template) => call(api.PUT('/api/v1/campaigns/{campaignId}/self-check/template', { params: { path: { campaignId } }, body: { template: t } })),
    onSuccess: (t) => {
      queryClient.setQueryData(['self-check-template', campaignId], t);
      message.success('自查表已保存');
    },
  });
  if (template.error) return <ApiErrorView error={template.error} />;
  if (!draft) return <Card loading />;
  const edit = (f: (t: Template) => void) => setDraft((d) => { const next = structuredClone(d!); f(next); return next; });
  const total = draft.sections.reduce((n, s) => n + s.items.reduce((m, i) => m + (i.points || 0), 0), 0);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {locked ? <Alert type="info" showIcon title="自查已开始，自查表不能再修改。" /> : <Alert type="info" showIcon title="自查开始前可以修改自查表；自查开始后锁定。各部门按此表填报。" />}
      <ApiErrorView error={save.error} />
      {draft.sections.map((section, si) => (
        <Card
          key={si}
          size="small"
          title={locked ? section.title : <Input value={section.title} placeholder="部分标题，如 行政执法公示制度" onChange={(e) => edit((t) => { t.sections[si].title = e.target.value; })} style={{ maxWidth: 480 }} />}
          extra={!locked && draft.sections.length > 1 && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => edit((t) => { t.sections.splice(si, 1); })}>删除此部分</Button>}
        >
          <Table
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={section.items}
            columns={[
              { title: '编码', width: 110, render: (_, item, ii) => (locked ? item.code : <Input value={item.code} onChange={(e) => edit((t) => { t.sections[si].items[ii].code = e.target.value; })} />) },
              { title: '项目', render: (_, item, ii) => (locked ? item.title : <Input.TextArea autoSize placeholder="项目内容" value={item.title} onChange={(e) => edit((t) => { t.sections[si].items[ii].title = e.target.value; })} />) },
              { title: '填报方式', width: 130, render: (_, item, ii) => (locked ? ANSWER_TYPES.find((a) => a.value === item.answerType)?.label : <Select value={item.answerType} options={ANSWER_TYPES} style={{ width: '100%' }} onChange={(v) => edit((t) => { t.sections[si].items[ii].answerType = v; })} />) },
              { title: '分值', width: 90, render: (_, item, ii) => (locked ? item.points : <InputNumber min={0} max={100} value={item.points} onChange={(v) => edit((t) => { t.sections[si].items[ii].points = v ?? 0; })} />) },
              { title: '须附佐证', width: 90, render: (_, item, ii) => <Switch disabled={locked} checked={item.evidenceRequired} onChange={(v) => edit((t) => { t.sections[si].items[ii].evidenceRequired = v; })} /> },
              ...(locked ? [] : [{ title: '', width: 50, render: (_: unknown, __: unknown, ii: number) => section.items.length > 1 && <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除该项目" onClick={() => edit((t) => { t.sections[si].items.splice(ii, 1); })} /> }]),
            ]}
          />
          {!locked && <Button icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => edit((t) => { t.sections[si].items.push({ code: `${section.code}-${section.items.length + 1}`, title: '', answerType: 'yes_no_partial', points: 5, evidenceRequired: false }); })}>添加项目</Button>}
        </Card>
      ))}
      <Space>
        {!locked && <Button icon={<PlusOutlined />} onClick={() => edit((t) => { t.sections.push({ code: `part-${t.sections.length + 1}`, title: '', items: [{ code: `part-${t.sections.length + 1}-1`, title: '', answerType: 'yes_no_partial', points: 5, evidenceRequired: false }] }); })}>添加部分</Button>}
        {!locked && <Button type="primary" loading={save.isPending} onClick={() => save.mutate(draft)}>保存自查表</Button>}
        <Typography.Text type="secondary">合计 {total} 分</Typography.Text>
      </Space>
    </Space>
  );
}
