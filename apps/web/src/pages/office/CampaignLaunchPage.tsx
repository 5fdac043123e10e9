import { CalculatorOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PHASE_LABELS } from '@rol/domain';
import { api, call, newActionKey, page } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';

/** The phase calendar, in the order of the cycle; `end` fields are the last moment of their day. */
const CALENDAR_FIELDS = [
  { name: 'selfCheckOpensAt', label: `${PHASE_LABELS.self_check}开始`, month: 5, day: 1 },
  { name: 'selfCheckClosesAt', label: '自查报送截止', month: 5, day: 31, end: true },
  { name: 'reviewOpensAt', label: `${PHASE_LABELS.review}开始`, month: 6, day: 1 },
  { name: 'reviewClosesAt', label: '评查截止', month: 8, day: 31, end: true },
  { name: 'opinionsOpensAt', label: `${PHASE_LABELS.opinions}开始`, month: 9, day: 1 },
  { name: 'rectificationOpensAt', label: `${PHASE_LABELS.rectification}开始`, month: 10, day: 1 },
  { name: 'assessmentOpensAt', label: `${PHASE_LABELS.assessment}开始`, month: 12, day: 1 },
] as const;

interface PriorityRow { code: string; title: string; description?: string; scope: 'all' | 'chosen'; departmentIds?: string[]; dueAt: Dayjs; evidenceRequired: boolean }
interface LaunchForm { year: number; title: string; reminderDaysBefore: number; priorities: PriorityRow[]; calendar: Record<string, Dayjs | undefined> & { closesAt: Dayjs } }

const startOf = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T00:00:00+08:00`;
const endOf = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T23:59:59+08:00`;

function defaults(year: number): LaunchForm {
  const at = (month: number, day: number) => dayjs(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  return {
    year,
    title: `${year}年度法治政府建设督察`,
    reminderDaysBefore: 3,
    priorities: [{ code: 'P01', title: '', scope: 'all', dueAt: at(6, 30), evidenceRequired: true }],
    // A campaign with no other closing date closes on 28 February of the next year (the annual report is due before 1 March).
    calendar: { ...Object.fromEntries(CALENDAR_FIELDS.map((f) => [f.name, at(f.month, f.day)])), closesAt: dayjs(`${year + 1}-02-28`) },
  };
}

/** Launch request (as the API takes it) → the form. */
function fromLaunch(l: LaunchBody): LaunchForm {
  return {
    year: l.year,
    title: l.title,
    reminderDaysBefore: l.reminderDaysBefore ?? 3,
    priorities: l.priorities.map((p) => ({ code: p.code, title: p.title, description: p.description, scope: p.departmentIds === 'all' ? 'all' : 'chosen', departmentIds: p.departmentIds === 'all' ? undefined : p.departmentIds, dueAt: dayjs(p.dueAt), evidenceRequired: p.evidenceRequired })),
    calendar: { ...Object.fromEntries(Object.entries(l.calendar).map(([k, v]) => [k, v ? dayjs(v as string) : undefined])), closesAt: dayjs(l.calendar.closesAt) },
  };
}

/** The form → a launch request. */
function toLaunch(v: LaunchForm): LaunchBody {
  return {
    year: v.year,
    title: v.title,
    reminderDaysBefore: v.reminderDaysBefore,
    priorities: v.priorities.map((p) => ({ code: p.code, title: p.title, description: p.description || undefined, departmentIds: p.scope === 'all' ? 'all' : p.departmentIds ?? [], dueAt: endOf(p.dueAt), evidenceRequired: p.evidenceRequired })),
    calendar: {
      ...Object.fromEntries(CALENDAR_FIELDS.flatMap((f) => { const d = v.calendar[f.name]; return d ? [[f.name, 'end' in f ? endOf(d) : startOf(d)]] : []; })),
      closesAt: endOf(v.calendar.closesAt),
    },
  };
}

interface LaunchBody {
  year: number;
  title: string;
  reminderDaysBefore?: number;
  priorities: { code: string; title: string; description?: string; departmentIds: 'all' | string[]; dueAt: string; evidenceRequired: boolean }[];
  calendar: Record<string, string | undefined> & { closesAt: string };
}
interface DraftView { year: number; sourceYear: number; status: string; launch: LaunchBody; copies: { label: string; detail: string }[] }

export default function CampaignLaunchPage() {
  const [params] = useSearchParams();
  const draftYear = params.get('draft');
  const draft = useQuery({
    queryKey: ['campaign-drafts', draftYear],
    enabled: !!draftYear,
    queryFn: () => call(api.GET('/api/v1/campaign-drafts/{year}', { params: { path: { year: Number(draftYear) } } })) as Promise<DraftView>,
  });
  if (draftYear) {
    if (draft.error) return <Card title="确认下一年度工作周期草稿"><ApiErrorView error={draft.error} /></Card>;
    if (!draft.data) return <Card title="确认下一年度工作周期草稿" loading />;
    return <LaunchForm key={draftYear} draft={draft.data} />;
  }
  return <LaunchForm />;
}

function LaunchForm({ draft }: { draft?: DraftView }) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<LaunchForm>();
  // From September on, the office is preparing next year's campaign.
  const initial = useMemo(() => (draft ? fromLaunch(draft.launch) : defaults(dayjs().month() >= 8 ? dayjs().year() + 1 : dayjs().year())), [draft]);
  const [actionKey] = useState(newActionKey);
  const values = Form.useWatch([], form);

  /** A draft is saved (validated like a launch), then confirmed: the campaign is launched with what it copies. */
  const confirmDraft = useMutation({
    mutationFn: async (v: LaunchForm) => {
      await call(api.PUT('/api/v1/campaign-drafts/{year}', { params: { path: { year: draft!.year } }, body: toLaunch(v) as never }));
      return call(api.POST('/api/v1/campaign-drafts/{year}/confirm', { params: { path: { year: draft!.year } } })) as Promise<{ id: string; title: string; departments: number }>;
    },
    onSuccess: (c) => {
      message.success(`已确认并发布「${c.title}」：正在为 ${c.departments} 个部门生成任务`);
      void navigate(`/campaigns/${c.id}`);
    },
  });

  const departments = useQuery({
    queryKey: ['departments', 'active-all'],
    queryFn: () => page(api.GET('/api/v1/departments', { params: { query: { active: 'true', limit: 500 } } })),
  });

  const launch = useMutation({
    mutationFn: (v: LaunchForm) => call(api.POST('/api/v1/campaigns', { headers: { 'Idempotency-Key': actionKey }, body: toLaunch(v) as never })),
    onSuccess: (c) => {
      message.success(`已发布「${c.title}」：正在为 ${c.departments} 个部门生成任务`);
      void navigate(`/campaigns/${c.id}`);
    },
  });

  const past = useMemo(() => {
    if (!values) return [] as string[];
    const today = dayjs().startOf('day');
    const list: string[] = [];
    values.priorities?.forEach((p, i) => p?.dueAt && p.dueAt.isBefore(today) && list.push(`第 ${i + 1} 条工作要点的完成时限（${p.dueAt.format('YYYY-MM-DD')}）`));
    CALENDAR_FIELDS.forEach((f) => { const d = values.calendar?.[f.name]; if (d && d.isBefore(today)) list.push(`${f.label}（${d.format('YYYY-MM-DD')}）`); });
    return list;
  }, [values]);

  const submit = (v: LaunchForm) => {
    if (!draft) return launch.mutate(v);
    modal.confirm({
      title: `确认发布 ${v.year} 年度工作周期？`,
      content: '发布后将为各责任单位生成任务，并复制下列自查表、规则与标准；草稿不能再修改。',
      okText: '确认并发布',
      cancelText: '再看看',
      onOk: () => confirmDraft.mutate(v),
    });
  };

  return (
    <Card title={draft ? `确认 ${draft.year} 年度工作周期草稿（由 ${draft.sourceYear} 年度复制）` : '发布年度工作周期'}>
      <ApiErrorView error={launch.error ?? confirmDraft.error} />
      {draft && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`以下内容由 ${draft.sourceYear} 年度复制，日期已顺延一年，请核对修改后确认发布`}
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{draft.copies.map((c) => <li key={c.label}><b>{c.label}</b>：{c.detail}</li>)}</ul>}
        />
      )}
      <Form<LaunchForm> form={form} layout="vertical" initialValues={initial} onFinish={submit} onValuesChange={(changed, all) => changed.year && moveToYear(form, all, changed.year)} scrollToFirstError>
        <Typography.Title level={5}>一、基本信息</Typography.Title>
        <Row gutter={16}>
          <Col span={4}><Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}><InputNumber min={2000} max={2100} style={{ width: '100%' }} disabled={!!draft} /></Form.Item></Col>
          <Col span={14}><Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="reminderDaysBefore" label="截止前几天提醒（自然日）"><InputNumber min={0} max={60} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>

        <Typography.Title level={5}>二、年度工作要点</Typography.Title>
        <Typography.Paragraph type="secondary">每条工作要点为每个责任单位生成一项任务。</Typography.Paragraph>
        <Form.List name="priorities">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                pagination={false}
                dataSource={fields}
                rowKey="key"
                columns={[
                  { title: '编号', width: 90, render: (_, f) => <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: '必填' }]} noStyle><Input /></Form.Item> },
                  { title: '工作要点', render: (_, f) => (<>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写工作要点' }]} style={{ marginBottom: 4 }}><Input placeholder="如：全面落实行政执法三项制度" /></Form.Item>
                    <Form.Item name={[f.name, 'description']} noStyle><Input.TextArea autoSize placeholder="具体要求（选填）" /></Form.Item>
                  </>) },
                  { title: '责任单位', width: 260, render: (_, f) => (<>
                    <Form.Item name={[f.name, 'scope']} style={{ marginBottom: 4 }}><Radio.Group options={[{ value: 'all', label: '全部部门' }, { value: 'chosen', label: '指定部门' }]} /></Form.Item>
                    {values?.priorities?.[f.name]?.scope === 'chosen' && (
                      <Form.Item name={[f.name, 'departmentIds']} rules={[{ required: true, message: '请选择部门' }]} noStyle>
                        <Select mode="multiple" placeholder="选择部门" optionFilterProp="label" style={{ width: '100%' }} options={departments.data?.items.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))} />
                      </Form.Item>
                    )}
                  </>) },
                  { title: '完成时限', width: 150, render: (_, f) => <Form.Item name={[f.name, 'dueAt']} rules={[{ required: true, message: '必填' }]} noStyle><DatePicker /></Form.Item> },
                  { title: '须附佐证', width: 80, render: (_, f) => <Form.Item name={[f.name, 'evidenceRequired']} valuePropName="checked" noStyle><Switch /></Form.Item> },
                  { title: '', width: 40, render: (_, f) => fields.length > 1 && <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除该要点" onClick={() => remove(f.name)} /> },
                ]}
              />
              <Button icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ code: `P${String(fields.length + 1).padStart(2, '0')}`, title: '', scope: 'all', dueAt: values?.priorities?.[0]?.dueAt ?? dayjs().add(1, 'month'), evidenceRequired: true })}>添加工作要点</Button>
            </>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 24 }}>三、周期日程</Typography.Title>
        <Row gutter={16}>
          {CALENDAR_FIELDS.map((f) => (
            <Col span={6} key={f.name}><Form.Item name={['calendar', f.name]} label={f.label}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          ))}
          <Col span={6}><Form.Item name={['calendar', 'closesAt']} label="本周期结束" rules={[{ required: true, message: '请选择结束日期' }]} extra="默认次年 2 月 28 日（年度报告须于 3 月 1 日前报送）"><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <DeadlineCalculator />
        {past.length > 0 && <Alert type="warning" showIcon style={{ margin: '16px 0' }} title="以下日期已经过去，请确认是否有误" description={past.join('；')} />}
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={launch.isPending || confirmDraft.isPending}>{draft ? '确认并发布' : '发布'}</Button>
          <Button onClick={() => navigate('/campaigns')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** A changed year moves every date (and a default title) by the same number of years. */
function moveToYear(form: ReturnType<typeof Form.useForm<LaunchForm>>[0], all: LaunchForm, year: number) {
  const from = all.calendar?.closesAt ? all.calendar.closesAt.year() - 1 : year;
  const by = year - from;
  if (!by || year < 2000 || year > 2100) return;
  const shift = (d?: Dayjs) => d?.add(by, 'year');
  form.setFieldsValue({
    title: all.title === `${from}年度法治政府建设督察` ? `${year}年度法治政府建设督察` : all.title,
    priorities: all.priorities.map((p) => ({ ...p, dueAt: shift(p.dueAt)! })),
    calendar: Object.fromEntries(Object.entries(all.calendar).map(([k, d]) => [k, shift(d)])) as LaunchForm['calendar'],
  });
}

/** 期限试算: a start date plus N working days (the State Council's holiday calendar) or calendar days. */
function DeadlineCalculator() {
  const [start, setStart] = useState<Dayjs | null>(dayjs());
  const [amount, setAmount] = useState<number | null>(10);
  const [unit, setUnit] = useState<'working_days' | 'calendar_days'>('working_days');
  const result = useQuery({
    queryKey: ['deadline', start?.format('YYYY-MM-DD'), amount, unit],
    enabled: !!start && amount !== null,
    queryFn: () => call(api.GET('/api/v1/calendar/deadline', { params: { query: { start: start!.format('YYYY-MM-DD'), amount: amount!, unit } } })) as Promise<unknown> as Promise<{ deadline: string }>,
    retry: false,
  });
  return (
    <Card size="small" title={<><CalculatorOutlined /> 期限试算</>} style={{ maxWidth: 720 }}>
      <Space wrap>
        <DatePicker value={start} onChange={setStart} />
        <span>起（当日不计），加</span>
        <InputNumber min={0} max={3650} value={amount} onChange={setAmount} />
        <Select value={unit} onChange={setUnit} style={{ width: 110 }} options={[{ value: 'working_days', label: '个工作日' }, { value: 'calendar_days', label: '个自然日' }]} />
        <span>= <b>{result.data?.deadline ?? (result.error ? '—' : '…')}</b></span>
      </Space>
      {result.error && <ApiErrorView error={result.error} />}
    </Card>
  );
}
