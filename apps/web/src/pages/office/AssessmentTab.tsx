import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, call, page, type Schemas } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { AssessmentExplanation, GRADE_COLORS } from '../../components/AssessmentExplanation';
import { ApiErrorView } from '../../components/ApiErrorView';
import { LedgerButton } from '../../components/LedgerButton';
import { fmtDateTime } from '../../components/format';

type Score = Schemas['DepartmentScoreDto'];
type Indicator = Schemas['IndicatorResultDto'];
type Objection = Schemas['AssessmentObjectionDto'];
const rate = (v: number) => `${Math.round(v * 1000) / 10}%`;
const DECISION: Record<string, { label: string; color: string }> = { upheld: { label: '异议成立', color: 'green' }, rejected: { label: '不予采纳', color: 'default' } };

/** 考核 of a campaign: computed as of a cut-off date (or a published version), ranking, explanation of every point, publication, objections. */
export function AssessmentTab({ campaignId }: { campaignId: string }) {
  const session = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params] = useSearchParams();
  // ?asOf= opens the tab at a given cut-off (a link from elsewhere, or a test), otherwise the end of today.
  const [asOf, setAsOf] = useState<Dayjs>(() => (params.get('asOf') && dayjs(params.get('asOf')).isValid() ? dayjs(params.get('asOf')) : dayjs().endOf('day')));
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<Score | null>(null);
  const [publishing, setPublishing] = useState(false);
  const query = version ? { version } : { asOf: asOf.format('YYYY-MM-DDTHH:mm:ssZ') };
  const summary = useQuery({
    queryKey: ['assessment', campaignId, query],
    queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/assessment', { params: { path: { campaignId }, query } })),
    placeholderData: keepPreviousData,
  });
  const rows = useQuery({
    queryKey: ['assessment-rows', campaignId, query, paging, q],
    queryFn: () => page(api.GET('/api/v1/campaigns/{campaignId}/assessment/departments', { params: { path: { campaignId }, query: { ...query, q: q || undefined, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const objections = useQuery({ queryKey: ['assessment-objections', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/assessment/objections', { params: { path: { campaignId } } })) });
  const refresh = () => client.invalidateQueries({ predicate: (x) => String(x.queryKey[0]).startsWith('assessment') });
  if (summary.error) return <ApiErrorView error={summary.error} />;
  const s = summary.data;
  if (!s) return <Card loading />;
  const latest = s.versions[0];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size={16}>
          <span>查看：</span>
          <Select
            style={{ width: 260 }}
            value={version ?? 0}
            onChange={(v) => { setVersion(v || undefined); setPaging((p) => ({ ...p, current: 1 })); }}
            options={[{ value: 0, label: '按截止时间实时计算（未发布）' }, ...s.versions.map((v) => ({ value: v.version, label: `已发布第 ${v.version} 版（截至 ${fmtDateTime(v.asOf)}）` }))]}
            aria-label="查看版本"
          />
          {!version && (
            <span>
              考核截止时间：
              <DatePicker showTime value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} aria-label="考核截止时间" />
            </span>
          )}
          {session.role === 'office_admin' && <Button type="primary" onClick={() => setPublishing(true)}>{latest ? '重新发布考核结果' : '发布考核结果'}</Button>}
          {latest && <LedgerButton campaignId={campaignId} kind="assessment" />}
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          指标体系：{s.tree.name}（第 {s.tree.version} 版）。截止时间之后发生的事件不计入；监督科评分项未评分的按满分计（扣分制）。
        </Typography.Paragraph>
      </Card>
      {latest && (
        <Alert
          type="info"
          showIcon
          title={`已发布第 ${latest.version} 版：截至 ${fmtDateTime(latest.asOf)}，${fmtDateTime(latest.publishedAt)} 由 ${latest.publishedBy} 发布；异议期限至 ${fmtDateTime(latest.objectionDueAt)}`}
          description={<span>输入数据哈希（SHA-256）：<Typography.Text code copyable>{latest.inputsHash}</Typography.Text>{latest.reason ? `；原因：${latest.reason}` : ''}</span>}
        />
      )}
      <Row gutter={16}>
        <Col span={4}><Card size="small"><Statistic title="参加考核部门" value={s.departments} suffix="个" /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title="平均分" value={s.averageScore} precision={2} /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title="优秀" value={s.grades.excellent} /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title="良好" value={s.grades.good} /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title="合格" value={s.grades.pass} /></Card></Col>
        <Col span={3}><Card size="small"><Statistic title="不合格" value={s.grades.fail} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title="待处理异议" value={s.pendingObjections} /></Card></Col>
      </Row>
      <Card size="small" title="考核得分表" extra={<Input.Search placeholder="部门代码或名称" allowClear onSearch={(v) => { setQ(v); setPaging((p) => ({ ...p, current: 1 })); }} style={{ width: 220 }} />}>
        <ApiErrorView error={rows.error} />
        <Table<Score>
          rowKey="departmentId"
          size="small"
          loading={rows.isFetching}
          dataSource={rows.data?.items}
          scroll={{ x: 'max-content' }}
          pagination={{ ...paging, total: rows.data?.total, showTotal: (t) => `共 ${t} 个部门`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 60, fixed: 'left' },
            { title: '部门', fixed: 'left', render: (_, r) => <span>{r.name} <Typography.Text type="secondary">{r.code}</Typography.Text></span> },
            { title: '总分', dataIndex: 'score', width: 80, render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
            { title: '等次', width: 90, render: (_, r) => <Space orientation="vertical" size={0}><Tag color={GRADE_COLORS[r.grade]}>{r.gradeLabel}</Tag>{r.gradeNotes.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>受单位条件限制</Typography.Text>}</Space> },
            ...s.areas.map((a, n) => ({ title: <span title={a.name}>{a.code}.{a.name.slice(0, 6)}（{a.points}）</span>, width: 110, render: (_: unknown, r: Score) => r.areaScores[n] })),
            { title: '案卷', width: 140, render: (_, r) => (r.files.reviewed ? `${r.files.reviewed} 本 优秀 ${rate(r.files.excellentRate)} 合格 ${rate(r.files.passRate)}` : '未抽取') },
            { title: '操作', fixed: 'right', width: 100, render: (_, r) => <Button type="link" onClick={() => setOpen(r)}>计分说明</Button> },
          ]}
        />
      </Card>
      <Objections campaignId={campaignId} objections={objections.data ?? []} canDecide={session.role === 'office_admin'} onChanged={refresh} />
      {open && <DepartmentDrawer campaignId={campaignId} row={open} query={query} editable={!version} onClose={() => setOpen(null)} onChanged={refresh} />}
      {publishing && (
        <PublishModal
          campaignId={campaignId}
          hasVersion={!!latest}
          defaultAsOf={asOf}
          onClose={() => setPublishing(false)}
          onDone={(v) => { setPublishing(false); setVersion(v); void refresh(); message.success(`已发布第 ${v} 版考核结果，各部门已收到通知`); }}
        />
      )}
    </Space>
  );
}

function PublishModal({ campaignId, hasVersion, defaultAsOf, onClose, onDone }: { campaignId: string; hasVersion: boolean; defaultAsOf: Dayjs; onClose: () => void; onDone: (version: number) => void }) {
  const [form] = Form.useForm<{ asOf: Dayjs; reason?: string }>();
  const publish = useMutation({
    mutationFn: (v: { asOf: Dayjs; reason?: string }) => call(api.POST('/api/v1/campaigns/{campaignId}/assessment/publish', { params: { path: { campaignId } }, body: { asOf: v.asOf.format('YYYY-MM-DDTHH:mm:ssZ'), reason: v.reason || undefined } })),
    onSuccess: (v) => onDone(v.version),
  });
  return (
    <Modal open title={hasVersion ? '重新发布考核结果' : '发布考核结果'} okText="确认发布" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={publish.isPending}>
      <Typography.Paragraph>发布后结果即固定（保存输入数据的哈希），各部门可查看本部门得分和计分说明，并可在异议期限内提出异议。</Typography.Paragraph>
      <ApiErrorView error={publish.error} />
      <Form form={form} layout="vertical" initialValues={{ asOf: defaultAsOf }} onFinish={(v) => publish.mutate(v)}>
        <Form.Item name="asOf" label="考核截止时间" rules={[{ required: true, message: '请选择考核截止时间' }]} extra="截止时间之后发生的事件不计入。"><DatePicker showTime /></Form.Item>
        {hasVersion && <Form.Item name="reason" label="重新发布的原因" rules={[{ required: true, message: '请填写重新发布的原因' }]}><Input maxLength={500} /></Form.Item>}
      </Form>
    </Modal>
  );
}

function DepartmentDrawer({ campaignId, row, query, editable, onClose, onChanged }: { campaignId: string; row: Score; query: { asOf?: string; version?: number }; editable: boolean; onClose: () => void; onChanged: () => void }) {
  const [scoring, setScoring] = useState<Indicator | null>(null);
  const detail = useQuery({
    queryKey: ['assessment-department', campaignId, row.departmentId, query],
    queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/assessment/departments/{departmentId}', { params: { path: { campaignId, departmentId: row.departmentId }, query } })),
  });
  const d = detail.data;
  return (
    <Drawer open size="large" width={1100} title={`${row.name}：考核计分说明`} onClose={onClose}>
      <ApiErrorView error={detail.error} />
      {d && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={4}>
            <Descriptions.Item label="总分">{d.score}</Descriptions.Item>
            <Descriptions.Item label="等次"><Tag color={GRADE_COLORS[d.grade]}>{d.gradeLabel}</Tag></Descriptions.Item>
            <Descriptions.Item label="排名">第 {d.rank} 名</Descriptions.Item>
            <Descriptions.Item label="截至">{fmtDateTime(d.asOf)}{d.version ? `（第 ${d.version} 版）` : '（实时）'}</Descriptions.Item>
          </Descriptions>
          {d.gradeNotes.map((n) => <Alert key={n} type="warning" showIcon title={n} />)}
          <AssessmentExplanation indicators={d.indicators} onScore={editable ? setScoring : undefined} />
        </Space>
      )}
      {scoring && <ScoreModal campaignId={campaignId} departmentId={row.departmentId} leaf={scoring} onClose={() => setScoring(null)} onDone={() => { setScoring(null); void detail.refetch(); onChanged(); }} />}
    </Drawer>
  );
}

function ScoreModal({ campaignId, departmentId, leaf, onClose, onDone }: { campaignId: string; departmentId: string; leaf: Indicator; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number; note: string }>();
  const current = leaf.scored ? leaf.score : leaf.points;
  const save = useMutation({
    mutationFn: (v: { score: number; note: string }) =>
      call(api.PUT('/api/v1/campaigns/{campaignId}/assessment/departments/{departmentId}/scores/{indicatorCode}', { params: { path: { campaignId, departmentId, indicatorCode: leaf.code } }, body: { score: v.score, note: v.note ?? '' } })),
    onSuccess: () => { message.success('评分已保存'); onDone(); },
  });
  return (
    <Modal open title={`评分：${leaf.code} ${leaf.name}`} okText="保存评分" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <ApiErrorView error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ score: current, note: '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="score" label={`得分（0 至 ${leaf.points} 分）`} rules={[{ required: true, message: '请填写得分' }]}><InputNumber min={0} max={leaf.points} step={0.5} precision={2} /></Form.Item>
        <Form.Item name="note" label="评分说明" dependencies={['score']} rules={[({ getFieldValue }) => ({ validator: (_, v) => (getFieldValue('score') < leaf.points && !String(v ?? '').trim() ? Promise.reject(new Error('扣分时请写明扣分理由')) : Promise.resolve()) })]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="例如：应急预案未按期修订，扣 1 分" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Objections({ campaignId, objections, canDecide, onChanged }: { campaignId: string; objections: Objection[]; canDecide: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<{ o: Objection; decision: 'upheld' | 'rejected' } | null>(null);
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: () => call(api.POST('/api/v1/campaigns/{campaignId}/assessment/objections/{objectionId}/decision', { params: { path: { campaignId, objectionId: deciding!.o.id } }, body: { decision: deciding!.decision, note } })),
    onSuccess: (o) => { setDeciding(null); setNote(''); onChanged(); message.success(o.resultVersion ? `异议成立，已重新计算为第 ${o.resultVersion} 版` : '已处理：不予采纳'); },
  });
  return (
    <Card size="small" title={`考核异议（${objections.filter((o) => !o.decision).length} 件待处理）`}>
      <Table<Objection>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={objections}
        locale={{ emptyText: '暂无异议' }}
        columns={[
          { title: '部门', render: (_, o) => o.departmentName },
          { title: '针对版本', dataIndex: 'version', width: 90, render: (v: number) => `第 ${v} 版` },
          { title: '指标', dataIndex: 'indicatorCode', width: 80, render: (v: string | null) => v ?? '—' },
          { title: '异议理由', dataIndex: 'reason' },
          { title: '提出时间', dataIndex: 'filedAt', width: 150, render: fmtDateTime },
          { title: '处理结果', width: 220, render: (_, o) => (o.decision ? <Space orientation="vertical" size={0}><Tag color={DECISION[o.decision].color}>{DECISION[o.decision].label}</Tag><Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.note}{o.resultVersion ? `（重新计算为第 ${o.resultVersion} 版）` : ''}</Typography.Text></Space> : <Tag color="processing">待处理</Tag>) },
          ...(canDecide ? [{ title: '操作', width: 170, render: (_: unknown, o: Objection) => (o.decision ? null : <Space><Button size="small" type="primary" onClick={() => setDeciding({ o, decision: 'upheld' })}>异议成立</Button><Button size="small" onClick={() => setDeciding({ o, decision: 'rejected' })}>不予采纳</Button></Space>) }] : []),
        ]}
      />
      {deciding && (
        <Modal open title={deciding.decision === 'upheld' ? '异议成立：按同一截止时间重新计算为新版本' : '不予采纳：维持原考核结果'} okText="确认" cancelText="取消" okButtonProps={{ disabled: !note.trim() }} confirmLoading={decide.isPending} onCancel={() => setDeciding(null)} onOk={() => decide.mutate()}>
          {deciding.decision === 'upheld' && <Typography.Paragraph type="secondary">如需更正监督科评分项，请先在该部门的“计分说明”中修改评分，再确认异议成立；重新计算会采用更正后的记录。</Typography.Paragraph>}
          <ApiErrorView error={decide.error} />
          <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="处理意见（必填）" aria-label="处理意见" maxLength={2000} />
        </Modal>
      )}
    </Card>
  );
}
