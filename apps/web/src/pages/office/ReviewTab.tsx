import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Progress, Radio, Row, Segmented, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { api, call, download, newActionKey, page, type Schemas } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ApiErrorView, errorText } from '../../components/ApiErrorView';
import { LedgerButton } from '../../components/LedgerButton';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { fmtDateTime } from '../../components/format';
import { ReviewerPoolCard } from './ReviewerPoolCard';

type Draw = Schemas['DrawDto'];
const STEP: Record<Draw['status'], number> = { not_configured: 0, configured: 1, committed: 2, drawing: 2, drawn: 3 };
const GRADE_COLORS: Record<string, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };
const rate = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** 案卷评查 of a campaign: the draw (rules → commit → draw → public proof), the drawn files, and the results with 复核. */
export function ReviewTab({ campaignId }: { campaignId: string }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const draw = useQuery({
    queryKey: ['draw', campaignId],
    queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/draw', { params: { path: { campaignId } } })),
    refetchInterval: (q) => (q.state.data?.status === 'drawing' ? 2000 : false), // a draw under way: follow it
  });
  // A draw that finished while the page followed it: say so, and refresh what depends on it.
  const previous = useRef<Draw['status']>(undefined);
  useEffect(() => {
    const status = draw.data?.status;
    if (previous.current === 'drawing' && status === 'drawn') {
      message.success(`抽取完成：从 ${draw.data!.candidateCount} 件候选案卷中抽中 ${draw.data!.sampleCount} 件`);
      void client.invalidateQueries({ queryKey: ['campaign', campaignId] });
      void client.invalidateQueries({ queryKey: ['reviewer-pool', campaignId] });
    }
    previous.current = status;
  }, [draw.data?.status]); // once per change of status
  if (draw.error) return <ApiErrorView error={draw.error} />;
  if (!draw.data) return <Card loading />;
  const d = draw.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Steps
        current={STEP[d.status]}
        items={[{ title: '设置抽取规则' }, { title: '公布种子哈希', description: '此后规则不可改' }, { title: '执行抽取', description: '冻结候选清单、抽取案卷与评查人员' }, { title: '公示与评查' }]}
      />
      {d.status === 'drawing' ? <DrawUnderWay draw={d} /> : d.status !== 'drawn' ? <DrawSetup campaignId={campaignId} draw={d} /> : <DrawProof campaignId={campaignId} draw={d} />}
      <ReviewerPoolCard campaignId={campaignId} />
      {d.status === 'drawn' && <DrawnFiles campaignId={campaignId} />}
      {d.status === 'drawn' && <Results campaignId={campaignId} />}
    </Space>
  );
}

type CaseFileStatus = 'concluded' | 'in_progress';
type RulesForm = { ratePercent: number; min: number; max: number; caseTypeCoverage: boolean; period: [Dayjs, Dayjs]; reviewersPerFile: 1 | 2; statuses: CaseFileStatus[] };
const STATUS_OPTIONS: { value: CaseFileStatus; label: string }[] = [{ value: 'concluded', label: '已办结' }, { value: 'in_progress', label: '在办' }];
const statusText = (statuses?: CaseFileStatus[]) => (statuses ? statuses.map((s) => STATUS_OPTIONS.find((o) => o.value === s)?.label ?? s).join('、') : '不限');

function DrawSetup({ campaignId, draw }: { campaignId: string; draw: Draw }) {
  const session = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<RulesForm>();
  const [drawKey] = useState(newActionKey);
  const refresh = (d: Draw) => client.setQueryData(['draw', campaignId], d);
  const save = useMutation({
    mutationFn: (v: RulesForm) =>
      call(api.PUT('/api/v1/campaigns/{campaignId}/draw/config', { params: { path: { campaignId } }, body: { rules: {
        // A whole number of basis points divided once: the shortest decimal of the result is exact (6 % → 0.06).
        rate: Math.round(v.ratePercent * 100) / 10_000, min: v.min, max: v.max, caseTypeCoverage: v.caseTypeCoverage, reviewersPerFile: v.reviewersPerFile, statuses: v.statuses,
        departmentIds: draw.rules?.departmentIds ?? 'all', standardCode: draw.rules?.standardCode ?? 'default',
        period: { from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') },
      } } })),
    onSuccess: (d) => { refresh(d); message.success('抽取规则已保存'); },
  });
  const commit = useMutation({ mutationFn: () => call(api.POST('/api/v1/campaigns/{campaignId}/draw/commit', { params: { path: { campaignId } } })), onSuccess: (d) => { refresh(d); message.success('种子哈希已公布：抽取规则已锁定'); } });
  const run = useMutation({
    mutationFn: () => call(api.POST('/api/v1/campaigns/{campaignId}/draw', { params: { path: { campaignId } }, headers: { 'Idempotency-Key': drawKey } })),
    onSuccess: (d) => {
      refresh(d);
      if (d.status === 'drawing') return void message.info('抽取已受理：案卷较多，正在后台逐批抽取，本页显示进度');
      void client.invalidateQueries({ queryKey: ['campaign', campaignId] });
      void client.invalidateQueries({ queryKey: ['reviewer-pool', campaignId] });
      message.success(`抽取完成：从 ${d.candidateCount} 件候选案卷中抽中 ${d.sampleCount} 件`);
    },
  });
  const r = draw.rules;
  const year = dayjs().year();
  const locked = draw.status === 'committed';
  return (
    <Card title="抽取规则" size="small">
      <ApiErrorView error={save.error ?? commit.error ?? run.error} />
      <Form<RulesForm>
        form={form}
        layout="inline"
        disabled={locked}
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          ratePercent: r ? Math.round(r.rate * 10_000) / 100 : 5, statuses: r ? (r.statuses ?? ['concluded', 'in_progress']) : ['concluded'], min: r?.min ?? 3, max: r?.max ?? 10, caseTypeCoverage: r?.caseTypeCoverage ?? true, reviewersPerFile: r?.reviewersPerFile ?? 1,
          period: r ? [dayjs(r.period.from), dayjs(r.period.to)] : [dayjs(`${year - 1}-07-01`), dayjs(`${year}-06-30`)],
        }}
        style={{ rowGap: 12 }}
      >
        <Form.Item name="ratePercent" label="抽取比例" rules={[{ required: true, message: '请填写抽取比例' }]}><InputNumber min={0.01} max={100} step={1} precision={2} suffix="%" style={{ width: 110 }} /></Form.Item>
        <Form.Item name="min" label="每部门至少" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0} max={10000} suffix="件" style={{ width: 100 }} /></Form.Item>
        <Form.Item name="max" label="至多" rules={[{ required: true, message: '请填写' }]}><InputNumber min={1} max={10000} suffix="件" style={{ width: 100 }} /></Form.Item>
        <Form.Item name="period" label="决定日期范围" rules={[{ required: true, message: '请选择抽查范围' }]}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="statuses" label="案卷状态" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种案卷状态' }]}><Checkbox.Group options={STATUS_OPTIONS} /></Form.Item>
        <Form.Item name="reviewersPerFile" label="每卷评查人数"><Radio.Group options={[{ value: 1, label: '1 人' }, { value: 2, label: '2 人' }]} /></Form.Item>
        <Form.Item name="caseTypeCoverage" valuePropName="checked"><Checkbox>每种案卷类别至少抽一件</Checkbox></Form.Item>
        {!locked && <Form.Item><Button htmlType="submit" loading={save.isPending}>保存规则</Button></Form.Item>}
      </Form>
      <Space style={{ marginTop: 16 }} wrap>
        {draw.status === 'configured' && session.role === 'office_admin' && (
          <Popconfirm title="公布种子哈希后抽取规则不能再改。确定公布？" okText="公布" cancelText="取消" onConfirm={() => commit.mutate()}>
            <Button type="primary" loading={commit.isPending}>公布种子哈希</Button>
          </Popconfirm>
        )}
        {locked && session.role === 'office_admin' && (
          <Popconfirm title="每个周期只抽取一次，抽取后公布种子与结果。确定现在抽取？" okText="抽取" cancelText="取消" onConfirm={() => run.mutate()}>
            <Button type="primary" danger loading={run.isPending}>执行抽取</Button>
          </Popconfirm>
        )}
        {session.role !== 'office_admin' && draw.status !== 'not_configured' && <Typography.Text type="secondary">公布种子哈希与执行抽取由监督科负责人（管理员）操作。</Typography.Text>}
        {draw.seedHash && <Typography.Text>已公布种子哈希：<Typography.Text code copyable>{draw.seedHash}</Typography.Text>（{fmtDateTime(draw.committedAt)}）</Typography.Text>}
      </Space>
    </Card>
  );
}

/** A draw under way (a large catalogue: batches of departments, each committed on its own): how far it is. */
function DrawUnderWay({ draw }: { draw: Draw }) {
  const p = draw.progress;
  const percent = !p || p.departmentsTotal === 0 ? 0 : p.stage === 'assigning' ? 99 : Math.min(98, Math.floor((p.departmentsDone / p.departmentsTotal) * 98));
  const n = (v: number) => v.toLocaleString('zh-CN');
  return (
    <Card title="正在抽取" size="small" data-testid="draw-under-way">
      <Progress percent={percent} status="active" />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        {!p || p.stage === 'starting'
          ? '抽取已受理，正在准备……'
          : p.stage === 'selecting'
            ? `已完成 ${n(p.departmentsDone)} / ${n(p.departmentsTotal)} 个部门：冻结候选案卷 ${n(p.candidateCount)} 件，抽中 ${n(p.sampleCount)} 件`
            : `全部 ${n(p.departmentsTotal)} 个部门已抽取（候选 ${n(p.candidateCount)} 件，抽中 ${n(p.sampleCount)} 件），正在计算候选清单哈希并分配评查人员`}
      </Typography.Paragraph>
      <Typography.Text type="secondary">抽取按部门分批进行，每批单独保存；即使服务中断也会从中断处继续，不会重抽。完成后本页自动显示抽取公示。</Typography.Text>
    </Card>
  );
}

function DrawProof({ campaignId, draw }: { campaignId: string; draw: Draw }) {
  const { message } = App.useApp();
  const r = draw.rules!;
  const get = (what: 'candidates' | 'result' | 'reviewers', name: string) => download(`/api/v1/campaigns/${campaignId}/draw/${what}`, name).catch((e) => message.error(errorText(e)));
  return (
    <Card title="抽取公示" size="small" extra={<Space><Button icon={<DownloadOutlined />} onClick={() => void get('candidates', '候选案卷清单.txt')}>下载候选清单</Button><Button icon={<DownloadOutlined />} onClick={() => void get('result', '抽取结果.txt')}>下载抽取结果</Button><Button icon={<DownloadOutlined />} onClick={() => void get('reviewers', '评查人员分配.json')}>下载评查人员分配</Button></Space>}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="抽取时间">{fmtDateTime(draw.drawnAt)}</Descriptions.Item>
        <Descriptions.Item label="结果">候选 {draw.candidateCount} 件，抽中 {draw.sampleCount} 件</Descriptions.Item>
        <Descriptions.Item label="规则" span={2}>
          比例 {rate(r.rate)}，每部门 {r.min}–{r.max} 件；决定日期 {r.period.from} 至 {r.period.to}（含）；案卷状态 {statusText(r.statuses)}；{r.caseTypeCoverage ? '每种类别至少一件；' : ''}每卷 {r.reviewersPerFile ?? 1} 人评查
        </Descriptions.Item>
        <Descriptions.Item label="规则哈希" span={2}><Typography.Text code copyable>{draw.rulesHash}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label="种子哈希（抽取前公布）" span={2}><Typography.Text code copyable>{draw.seedHash}</Typography.Text> {fmtDateTime(draw.committedAt)}</Descriptions.Item>
        <Descriptions.Item label="种子" span={2}><Typography.Text code copyable data-testid="draw-seed">{draw.seed}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label="候选清单哈希" span={2}><Typography.Text code copyable>{draw.candidateHash}</Typography.Text></Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>如何核验</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{draw.procedure}</Typography.Paragraph>
    </Card>
  );
}

function DrawnFiles({ campaignId }: { campaignId: string }) {
  const [departmentId, setDepartmentId] = useState<string>();
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['draw-files', campaignId, departmentId, paging],
    placeholderData: keepPreviousData,
    queryFn: () => page(api.GET('/api/v1/campaigns/{campaignId}/draw/files', { params: { path: { campaignId }, query: { departmentId, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
  });
  return (
    <Card title="抽中的案卷" size="small" data-testid="drawn-files" extra={<DepartmentSelect value={departmentId} onChange={(v) => { setDepartmentId(v); setPaging((p) => ({ ...p, current: 1 })); }} />}>
      <ApiErrorView error={list.error} />
      <Table<Schemas['DrawFileDto']>
        rowKey="caseFileId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...paging, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 件`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { title: '部门', width: 160, dataIndex: 'departmentName' },
          { title: '案卷号', width: 190, dataIndex: 'caseNumber' },
          { title: '案卷名称', dataIndex: 'title' },
          { title: '类别', width: 90, dataIndex: 'caseTypeLabel' },
          { title: '决定日期', width: 110, dataIndex: 'decisionDate' },
          { title: '评查人员', width: 160, render: (_, f) => f.reviewers.map((r) => r.name).join('、') || <Tag color="red">未分配</Tag> },
          { title: '评查表', width: 100, render: (_, f) => (f.submitted >= f.reviewers.length && f.reviewers.length > 0 ? <Tag color="success">已提交</Tag> : <Tag>{f.submitted}/{f.reviewers.length}</Tag>) },
        ]}
      />
    </Card>
  );
}

function Results({ campaignId }: { campaignId: string }) {
  const overall = useQuery({ queryKey: ['review-results', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/review/results', { params: { path: { campaignId } } })), refetchInterval: 30_000 });
  const o = overall.data?.overall;
  return (
    <Card title="评查结果" size="small" extra={<LedgerButton campaignId={campaignId} kind="review-results" />}>
      <ApiErrorView error={overall.error} />
      {o && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={4}><Statistic title="抽中" value={o.sampled} suffix="件" /></Col>
          <Col span={4}><Statistic title="已评查" value={o.reviewed} suffix={`/ ${o.sampled}`} /></Col>
          <Col span={4}><Statistic title="逾期上报" value={o.escalated} suffix="件" styles={{ content: o.escalated ? { color: '#cf1322' } : undefined }} /></Col>
          <Col span={4}><Statistic title="平均分" value={o.files ? o.averageScore : '—'} /></Col>
          <Col span={4}><Statistic title="优秀率" value={o.files ? rate(o.excellentRate) : '—'} /></Col>
          <Col span={4}><Statistic title="合格率" value={o.files ? rate(o.passRate) : '—'} /></Col>
        </Row>
      )}
      <DepartmentResults campaignId={campaignId} />
      <FileResults campaignId={campaignId} />
    </Card>
  );
}

function DepartmentResults({ campaignId }: { campaignId: string }) {
  const [q, setQ] = useState<string>();
  const [paging, setPaging] = useState({ current: 1, pageSize: 10 });
  const list = useQuery({
    queryKey: ['review-results-departments', campaignId, q, paging],
    placeholderData: keepPreviousData,
    queryFn: () => page(api.GET('/api/v1/campaigns/{campaignId}/review/results/departments', { params: { path: { campaignId }, query: { q, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
  });
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>各部门</Typography.Text>
        <Input.Search allowClear size="small" placeholder="部门编码或名称" style={{ width: 200 }} onSearch={(v) => { setQ(v || undefined); setPaging((p) => ({ ...p, current: 1 })); }} />
      </Space>
      <Table<Schemas['DepartmentResultDto']>
        rowKey="departmentId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...paging, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 个部门`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '部门', render: (_, d) => `${d.name}（${d.code}）` },
          { title: '已评 / 未评', width: 110, render: (_, d) => `${d.files} / ${d.pending}` },
          { title: '平均分', width: 90, render: (_, d) => (d.files ? d.averageScore : '—') },
          { title: '优秀率', width: 90, render: (_, d) => (d.files ? rate(d.excellentRate) : '—') },
          { title: '合格率', width: 90, render: (_, d) => (d.files ? rate(d.passRate) : '—') },
          { title: '优秀单位', width: 100, render: (_, d) => (d.excellentUnit ? <Tag color="green">达到</Tag> : d.files ? '未达到' : '—') },
        ]}
      />
    </>
  );
}

function FileResults({ campaignId }: { campaignId: string }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<'reviewed' | 'pending' | undefined>();
  const [departmentId, setDepartmentId] = useState<string>();
  const [paging, setPaging] = useState({ current: 1, pageSize: 10 });
  const [returning, setReturning] = useState<Schemas['FileResultDto']>();
  const [reason, setReason] = useState('');
  const list = useQuery({
    queryKey: ['review-results-files', campaignId, status, departmentId, paging],
    placeholderData: keepPreviousData,
    queryFn: () => page(api.GET('/api/v1/campaigns/{campaignId}/review/results/files', { params: { path: { campaignId }, query: { status, departmentId, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
  });
  const back = useMutation({
    mutationFn: async ({ ids, reason }: { ids: string[]; reason: string }) => { for (const id of ids) await call(api.POST('/api/v1/reviews/{id}/return', { params: { path: { id } }, body: { reason } })); },
    onSuccess: () => {
      message.success('已退回评查人员复核');
      setReturning(undefined);
      setReason('');
      for (const key of ['review-results', 'review-results-files', 'review-results-departments', 'draw-files']) void client.invalidateQueries({ queryKey: [key, campaignId] });
    },
  });
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>每卷结果</Typography.Text>
        <Segmented size="small" value={status ?? 'all'} onChange={(v) => { setStatus(v === 'all' ? undefined : (v as 'reviewed' | 'pending')); setPaging((p) => ({ ...p, current: 1 })); }} options={[{ value: 'all', label: '全部' }, { value: 'reviewed', label: '已评完' }, { value: 'pending', label: '未评完' }]} />
        <DepartmentSelect value={departmentId} onChange={(v) => { setDepartmentId(v); setPaging((p) => ({ ...p, current: 1 })); }} />
      </Space>
      <ApiErrorView error={list.error} />
      <Table<Schemas['FileResultDto']>
        rowKey="caseFileId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...paging, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 件`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { title: '部门', width: 160, dataIndex: 'departmentName' },
          { title: '案卷号', width: 190, dataIndex: 'caseNumber' },
          { title: '案卷名称', dataIndex: 'title' },
          { title: '得分', width: 80, render: (_, f) => f.score ?? '—' },
          { title: '等次', width: 80, render: (_, f) => (f.grade ? <Tag color={GRADE_COLORS[f.grade]}>{f.gradeLabel}</Tag> : <Tag>评查中</Tag>) },
          { title: '操作', width: 110, render: (_, f) => (f.reviewIds.length > 0 ? <Button size="small" onClick={() => setReturning(f)}>退回复核</Button> : null) },
        ]}
      />
      <Modal
        open={!!returning}
        title={`退回复核：${returning?.caseNumber ?? ''}`}
        okText="退回"
        cancelText="取消"
        okButtonProps={{ disabled: !reason.trim(), loading: back.isPending }}
        onCancel={() => setReturning(undefined)}
        onOk={() => returning && back.mutate({ ids: returning.reviewIds, reason: reason.trim() })}
      >
        <ApiErrorView error={back.error} />
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="该卷的评查表将退回评查人员，按您的意见复核后重新提交；得分与等次在重新提交后更新。" />
        <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="退回理由，如：扣分依据不充分，请复核第 3 项" maxLength={2000} showCount />
      </Modal>
    </>
  );
}
