import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Descriptions, Empty, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PHASE_LABELS } from '@rol/domain';
import { api, call, newActionKey, type Schemas } from '../api/client';
import { ApiErrorView } from '../components/ApiErrorView';
import { DepartmentSelect } from '../components/DepartmentSelect';
import { fmtDateTime } from '../components/format';

type Row = Schemas['WorkflowRowDto'];
type Failing = Schemas['FailingWorkflowDto'];
type Stuck = Schemas['StuckWorkflowDto'];
type ExecutionStatus = NonNullable<Row['executionStatus']>;
type Filters = { campaignId?: string; phase?: keyof typeof PHASE_LABELS; departmentId?: string; executionStatus?: ExecutionStatus };
type Action = 'retry' | 'cancel' | 'terminate' | 'reset';

/** To the second: failures and retries are seconds apart. */
const fmtTime = (v?: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');

const STATUS: Record<ExecutionStatus, { label: string; color: string }> = {
  Running: { label: '运行中', color: 'processing' },
  Completed: { label: '已完成', color: 'success' },
  Failed: { label: '失败', color: 'error' },
  Canceled: { label: '已取消', color: 'default' },
  Terminated: { label: '已终止', color: 'warning' },
  ContinuedAsNew: { label: '已续接新运行', color: 'default' },
  TimedOut: { label: '已超时', color: 'error' },
};
const ACTIONS: Record<Action, { label: string; explain: string; danger?: boolean }> = {
  retry: { label: '立即重试', explain: '失败的步骤马上再执行一次（请先排除故障原因，例如恢复数据库或修正数据）。' },
  cancel: { label: '取消', explain: '请求流程取消：流程收到后结束，已办理的业务数据保留。', danger: true },
  terminate: { label: '终止', explain: '立即结束流程，不再执行任何步骤；理由同时记入 Temporal。仅在取消无效时使用。', danger: true },
  reset: { label: '重置', explain: '流程回到最近一次完成的流程任务，以新的运行继续；之后的步骤会重新执行（各步骤可重复执行，不会重复写入）。已完成的流程不能重置。', danger: true },
};

/** 运行监控 (operator): failing and stuck workflows with their readable errors and actions, every workflow, counts per stage, worker and queue health. */
export default function OperationsPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [tab, setTab] = useState('failing');
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: () => call(api.GET('/api/v1/campaigns')) });
  const set = (f: Partial<Filters>) => setFilters((old) => ({ ...old, ...f }));
  const failingCount = useQuery({ queryKey: ['ops', 'failing', filters, null], queryFn: () => failingPage(filters, undefined) });
  return (
    <Card title="运行监控" extra={<Typography.Text type="secondary">只看本系统的流程；每项操作须写明理由，记入审计日志</Typography.Text>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="年度工作周期" aria-label="年度工作周期" style={{ width: 240 }} onChange={(v) => set({ campaignId: v })} options={campaigns.data?.map((c) => ({ value: c.id, label: `${c.year}年度 · ${c.title}` }))} />
        <Select allowClear placeholder="阶段" aria-label="阶段" style={{ width: 160 }} onChange={(v) => set({ phase: v })} options={Object.entries(PHASE_LABELS).map(([value, label]) => ({ value, label }))} />
        <DepartmentSelect value={filters.departmentId} onChange={(id) => set({ departmentId: id })} />
        <Select allowClear placeholder="状态" aria-label="状态" style={{ width: 140 }} onChange={(v) => set({ executionStatus: v })} options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))} />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'failing', label: <Badge count={failingCount.data?.items.length ?? 0} size="small" offset={[8, 0]}>异常（失败）</Badge>, children: <FailingTab filters={filters} /> },
          { key: 'stuck', label: '停滞', children: <StuckTab filters={filters} /> },
          { key: 'all', label: '全部流程', children: <AllTab filters={filters} /> },
          { key: 'counts', label: '各阶段统计', children: <CountsTab filters={filters} /> },
          { key: 'workers', label: '工作进程与队列', children: <WorkersTab /> },
        ]}
      />
    </Card>
  );
}

const failingPage = (filters: Filters, pageToken: string | undefined) => call(api.GET('/api/v1/operations/failing', { params: { query: { ...filters, pageToken } } }));

/** Who the workflow is about, in words, with its type and id in small print and the link to the Temporal Web UI. */
function WorkflowCell({ row }: { row: Row }) {
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{row.summary ?? row.workflowTypeLabel}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.workflowTypeLabel}
        {row.phaseLabel ? ` · ${row.phaseLabel}` : ''}
        {' · '}
        <Typography.Text type="secondary" copyable={{ text: row.workflowId, tooltips: ['复制流程 ID', '已复制'] }} style={{ fontSize: 12 }}>
          {row.workflowId.length > 28 ? `${row.workflowId.slice(0, 27)}…` : row.workflowId}
        </Typography.Text>
      </Typography.Text>
      {row.temporalUiUrl && (
        <Typography.Link href={row.temporalUiUrl} target="_blank" rel="noreferrer" style={{ fontSize: 12 }}>
          在 Temporal 中查看
        </Typography.Link>
      )}
    </Space>
  );
}

function StatusTag({ row }: { row: Row }) {
  const s = STATUS[row.executionStatus];
  return (
    <Space size={4}>
      <Tag color={s.color}>{s.label}</Tag>
      {row.failing && <Tag color="error">故障</Tag>}
    </Space>
  );
}

function ActionButtons({ row, actions, onAct }: { row: Row; actions: Action[]; onAct: (row: Row, action: Action) => void }) {
  return (
    <Space wrap size={4}>
      {actions.map((a) => (
        <Button key={a} size="small" type={a === 'retry' ? 'primary' : 'default'} danger={ACTIONS[a].danger} onClick={() => onAct(row, a)}>
          {ACTIONS[a].label}
        </Button>
      ))}
    </Space>
  );
}

/** A scan of running workflows, page by page ("继续检查"), for the failing and stuck tabs. */
function useScan<P extends { scanned: number; nextPageToken: string | null }>(key: string, filters: Filters, fetch: (token: string | undefined) => Promise<P>) {
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [current, setCurrent] = useState(0);
  const query = useQuery({ queryKey: ['ops', key, filters, tokens[current] ?? null], queryFn: () => fetch(tokens[current]), placeholderData: keepPreviousData, refetchInterval: 15_000 });
  const next = query.data?.nextPageToken;
  return {
    query,
    more: next ? () => { setTokens((t) => [...t.slice(0, current + 1), next]); setCurrent((c) => c + 1); } : undefined,
    restart: current > 0 ? () => setCurrent(0) : undefined,
  };
}

function FailingTab({ filters }: { filters: Filters }) {
  const [acting, setActing] = useState<{ row: Row; action: Action } | null>(null);
  const { query, more, restart } = useScan('failing', filters, (token) => failingPage(filters, token));
  return (
    <>
      <ApiErrorView error={query.error} />
      <Typography.Paragraph type="secondary">
        流程自报故障的，以及某个步骤已尝试超过 {query.data?.afterAttempts ?? 3} 次仍在失败的运行中流程。先根据“最近错误”排除原因，再点“立即重试”。
      </Typography.Paragraph>
      <Table<Failing>
        rowKey="workflowId"
        size="small"
        loading={query.isFetching}
        dataSource={query.data?.items}
        pagination={false}
        locale={{ emptyText: <Empty description="没有异常的流程" /> }}
        columns={[
          { title: '流程', render: (_, r) => <WorkflowCell row={r} /> },
          { title: '状态', width: 120, render: (_, r) => <StatusTag row={r} /> },
          {
            title: '失败的步骤与最近错误',
            render: (_, r) => (
              <Space orientation="vertical" size={4}>
                {r.troubles.map((t, i) => (
                  <div key={i}>
                    <Typography.Text strong>{t.activityLabel}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}· 已尝试 {t.attempts} 次{t.since ? ` · 自 ${fmtTime(t.since)} 起失败` : ''}{t.source === 'pending_activity' && t.lastFailedAt ? ` · 最近失败于 ${fmtTime(t.lastFailedAt)}` : ''}
                      {t.source === 'pending_activity' ? (t.nextAttemptAt ? ` · 下次自动重试 ${fmtTime(t.nextAttemptAt)}` : ' · 正在重试') : ' · 已停止自动重试，等待处理'}
                    </Typography.Text>
                    <br />
                    <Typography.Text type="danger" data-testid="failing-error">{t.error ?? '（没有错误信息）'}</Typography.Text>
                  </div>
                ))}
              </Space>
            ),
          },
          { title: '开始时间', dataIndex: 'startedAt', width: 140, render: fmtDateTime },
          { title: '操作', width: 220, render: (_, r) => <ActionButtons row={r} actions={['retry', 'cancel', 'terminate', 'reset']} onAct={(row, action) => setActing({ row, action })} /> },
        ]}
      />
      <ScanFooter scanned={query.data?.scanned} more={more} restart={restart} />
      {acting && <ActionModal {...acting} onClose={() => setActing(null)} />}
    </>
  );
}

function ScanFooter({ scanned, more, restart }: { scanned?: number; more?: () => void; restart?: () => void }) {
  if (scanned === undefined) return null;
  return (
    <Space style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">本次检查了 {scanned} 个运行中的流程{more ? '，还有未检查的' : ''}</Typography.Text>
      {more && <Button size="small" onClick={more}>继续检查下一批</Button>}
      {restart && <Button size="small" onClick={restart}>从头检查</Button>}
    </Space>
  );
}

function StuckTab({ filters }: { filters: Filters }) {
  const [afterMinutes, setAfterMinutes] = useState<number | null>(null);
  const [acting, setActing] = useState<{ row: Row; action: Action } | null>(null);
  const scanFilters = { ...filters, afterMinutes } as Filters;
  const { query, more, restart } = useScan('stuck', scanFilters, (token) =>
    call(api.GET('/api/v1/operations/stuck', { params: { query: { ...filters, pageToken: token, afterSeconds: afterMinutes ? afterMinutes * 60 : undefined } } })),
  );
  return (
    <>
      <ApiErrorView error={query.error} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">
          已交给工作进程的任务超过
        </Typography.Text>
        <InputNumber aria-label="停滞分钟数" min={1} max={43200} value={afterMinutes ?? Math.round((query.data?.afterSeconds ?? 300) / 60)} onChange={(v) => setAfterMinutes(v)} suffix="分钟" style={{ width: 120 }} />
        <Typography.Text type="secondary">
          没有进展的运行中流程：无人领取（工作进程未运行或忙不过来）、执行过久且无心跳、被暂停。等待期限或等待他人办理的流程不算停滞。
        </Typography.Text>
      </Space>
      <Table<Stuck>
        rowKey="workflowId"
        size="small"
        loading={query.isFetching}
        dataSource={query.data?.items}
        pagination={false}
        locale={{ emptyText: <Empty description="没有停滞的流程" /> }}
        columns={[
          { title: '流程', render: (_, r) => <WorkflowCell row={r} /> },
          { title: '状态', width: 120, render: (_, r) => <StatusTag row={r} /> },
          {
            title: '停滞原因',
            render: (_, r) => (
              <Space orientation="vertical" size={2}>
                {r.reasons.map((x, i) => (
                  <Typography.Text key={i}>
                    {x.activityLabel ? <Typography.Text strong>{x.activityLabel}：</Typography.Text> : null}
                    {x.kindLabel}
                    <Typography.Text type="secondary">（自 {fmtTime(x.since)}）</Typography.Text>
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          { title: '操作', width: 220, render: (_, r) => <ActionButtons row={r} actions={['retry', 'cancel', 'terminate', 'reset']} onAct={(row, action) => setActing({ row, action })} /> },
        ]}
      />
      <ScanFooter scanned={query.data?.scanned} more={more} restart={restart} />
      {acting && <ActionModal {...acting} onClose={() => setActing(null)} />}
    </>
  );
}

function AllTab({ filters }: { filters: Filters }) {
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [current, setCurrent] = useState(0);
  const [acting, setActing] = useState<{ row: Row; action: Action } | null>(null);
  const list = useQuery({
    queryKey: ['ops', 'all', filters, tokens[current] ?? null],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/operations/workflows', { params: { query: { ...filters, pageSize: 50, pageToken: tokens[current] } } })),
  });
  const next = list.data?.nextPageToken;
  return (
    <>
      <ApiErrorView error={list.error} />
      <Table<Row>
        rowKey={(r) => `${r.workflowId}/${r.runId}`}
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={false}
        locale={{ emptyText: <Empty description="没有符合条件的流程" /> }}
        columns={[
          { title: '流程', render: (_, r) => <WorkflowCell row={r} /> },
          { title: '状态', width: 130, render: (_, r) => <StatusTag row={r} /> },
          { title: '开始时间', dataIndex: 'startedAt', width: 140, render: fmtDateTime },
          { title: '结束时间', dataIndex: 'closedAt', width: 140, render: fmtDateTime },
          { title: '历史事件数', dataIndex: 'historyLength', width: 100, align: 'right' },
          { title: '操作', width: 200, render: (_, r) => (r.executionStatus === 'Running' ? <ActionButtons row={r} actions={['cancel', 'terminate', 'reset']} onAct={(row, action) => setActing({ row, action })} /> : r.executionStatus !== 'Completed' && r.executionStatus !== 'ContinuedAsNew' ? <ActionButtons row={r} actions={['reset']} onAct={(row, action) => setActing({ row, action })} /> : null) },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button size="small" disabled={current === 0} onClick={() => setCurrent((c) => c - 1)}>上一页</Button>
        <Typography.Text type="secondary">第 {current + 1} 页</Typography.Text>
        <Button size="small" disabled={!next} onClick={() => { setTokens((t) => [...t.slice(0, current + 1), next ?? undefined]); setCurrent((c) => c + 1); }}>下一页</Button>
      </Space>
      {acting && <ActionModal {...acting} onClose={() => setActing(null)} />}
    </>
  );
}

function CountsTab({ filters }: { filters: Filters }) {
  const rest = { ...filters, executionStatus: undefined }; // every status is a column here
  const counts = useQuery({ queryKey: ['ops', 'counts', rest], queryFn: () => call(api.GET('/api/v1/operations/counts', { params: { query: rest } })) });
  const n = (v: number, color?: string) => (v ? <Typography.Text strong style={color ? { color } : undefined}>{v}</Typography.Text> : <Typography.Text type="secondary">0</Typography.Text>);
  return (
    <>
      <ApiErrorView error={counts.error} />
      <Table
        rowKey={(r) => `${r.workflowType}/${r.phase ?? ''}`}
        size="small"
        loading={counts.isFetching}
        dataSource={counts.data}
        pagination={false}
        locale={{ emptyText: <Empty description="没有流程" /> }}
        columns={[
          { title: '流程类型', dataIndex: 'workflowTypeLabel' },
          { title: '阶段', dataIndex: 'phaseLabel' },
          { title: '运行中', dataIndex: 'running', align: 'right', render: (v: number) => n(v, '#1677ff') },
          { title: '已完成', dataIndex: 'completed', align: 'right', render: (v: number) => n(v) },
          { title: '失败', dataIndex: 'failed', align: 'right', render: (v: number) => n(v, '#cf1322') },
          { title: '已取消', dataIndex: 'canceled', align: 'right', render: (v: number) => n(v) },
          { title: '已终止', dataIndex: 'terminated', align: 'right', render: (v: number) => n(v, '#d46b08') },
          { title: '其他', dataIndex: 'other', align: 'right', render: (v: number) => n(v) },
        ]}
      />
    </>
  );
}

function WorkersTab() {
  const health = useQuery({ queryKey: ['ops', 'workers'], queryFn: () => call(api.GET('/api/v1/operations/workers')), refetchInterval: 10_000 });
  return (
    <>
      <ApiErrorView error={health.error} />
      <Space orientation="vertical" style={{ width: '100%' }}>
        {health.data?.queues.map((q) => (
          <Card key={q.kind} size="small" title={`${q.kindLabel}队列（${q.taskQueue}）`}>
            {q.pollers.length === 0 && <Alert type="error" showIcon title="没有工作进程在领取任务：流程将停滞，请检查 worker 进程是否在运行" style={{ marginBottom: 12 }} />}
            <Descriptions size="small" column={4}>
              <Descriptions.Item label="工作进程">{q.pollers.length} 个</Descriptions.Item>
              <Descriptions.Item label="积压任务">{q.backlogCount} 个</Descriptions.Item>
              <Descriptions.Item label="调度到开始延迟">{q.backlogCount > 0 ? `最早的已等待 ${q.backlogAgeSeconds} 秒` : '无积压（即时领取）'}</Descriptions.Item>
              <Descriptions.Item label="近 30 秒">每秒新增 {q.addRate}、分发 {q.dispatchRate}</Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="identity"
              size="small"
              pagination={false}
              dataSource={q.pollers}
              locale={{ emptyText: '没有工作进程' }}
              columns={[
                { title: '工作进程（进程号@主机）', dataIndex: 'identity' },
                { title: '最近一次领取', dataIndex: 'lastAccessAt', render: (v: string | null) => (v ? new Date(v).toLocaleString('zh-CN', { hour12: false }) : '—') },
              ]}
            />
          </Card>
        ))}
        {health.data && <Typography.Text type="secondary">检查于 {new Date(health.data.checkedAt).toLocaleTimeString('zh-CN', { hour12: false })}，每 10 秒刷新</Typography.Text>}
      </Space>
    </>
  );
}

/** The reason dialog of one action: the reason is required (it goes to the audit log); one key per dialog, so a double click acts once. */
function ActionModal({ row, action, onClose }: { row: Row; action: Action; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [key] = useState(newActionKey);
  const a = ACTIONS[action];
  const params = { path: { workflowId: row.workflowId } };
  const headers = { 'Idempotency-Key': key };
  const act = useMutation({
    mutationFn: () => {
      const body = { reason };
      if (action === 'retry') return call(api.POST('/api/v1/operations/workflows/{workflowId}/retry', { params, headers, body }));
      if (action === 'cancel') return call(api.POST('/api/v1/operations/workflows/{workflowId}/cancel', { params, headers, body }));
      if (action === 'terminate') return call(api.POST('/api/v1/operations/workflows/{workflowId}/terminate', { params, headers, body }));
      return call(api.POST('/api/v1/operations/workflows/{workflowId}/reset', { params, headers, body }));
    },
    onSuccess: (r) => {
      if (!r.repeated) message.success(r.message); // a double click's second answer: the same action, already reported
      void client.invalidateQueries({ queryKey: ['ops'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${a.label}：${row.summary ?? row.workflowTypeLabel}`}
      okText={`确认${a.label}`}
      cancelText="返回"
      okButtonProps={{ danger: a.danger, disabled: !reason.trim() }}
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() => act.mutate()}
    >
      <ApiErrorView error={act.error} />
      <Typography.Paragraph>{a.explain}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">流程：{row.workflowTypeLabel}（{row.workflowId}）</Typography.Paragraph>
      <Input.TextArea aria-label="理由" placeholder="写明理由（必填，记入审计日志），例如：数据库故障已排除" value={reason} onChange={(e) => setReason(e.target.value.replace(/\n/g, ' '))} maxLength={500} showCount autoSize={{ minRows: 2 }} />
    </Modal>
  );
}
