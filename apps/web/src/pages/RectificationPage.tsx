import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ESCALATION_LABELS } from '@rol/domain';
import { api, call, newActionKey, type Schemas } from '../api/client';
import { useSession } from '../auth/AuthContext';
import { isOffice } from '../auth/session';
import { ApiErrorView } from '../components/ApiErrorView';
import { ProcessingTrouble } from '../components/ProcessingTrouble';
import { EvidenceList, EvidenceUpload, type EvidenceInput } from '../components/Evidence';
import { fmtDate, fmtDateTime } from '../components/format';

type Detail = Schemas['RectificationDetailDto'];
const STATUS_COLORS: Record<string, string> = { open: 'processing', submitted: 'gold', returned: 'warning', closed: 'success', withdrawn: 'default' };

/** Everything that happened to the item, oldest first. */
function history(d: Detail) {
  const events: { at: string; color: string; text: React.ReactNode }[] = [];
  for (const r of d.reports) {
    events.push({ at: String(r.submittedAt), color: 'blue', text: <>报送第 {r.version} 次整改报告<div style={{ whiteSpace: 'pre-wrap' }}>{r.report}</div><EvidenceList evidence={r.evidence} /></> });
    if (r.decision) events.push({ at: String(r.decidedAt), color: r.decision === 'accepted' ? 'green' : 'orange', text: r.decision === 'accepted' ? '监督科审核通过，销号' : <>监督科退回整改报告：{r.reason}</> });
  }
  for (const x of d.extensions) {
    events.push({ at: String(x.requestedAt), color: 'blue', text: <>申请延期至 {fmtDate(x.requestedDeadlineAt)}：{x.reason}</> });
    if (x.decision) events.push({ at: String(x.decidedAt), color: x.decision === 'approved' ? 'green' : 'red', text: <>{x.decision === 'approved' ? '批准延期' : '不批准延期'}{x.note ? `：${x.note}` : ''}</> });
  }
  if (d.objectionRecord) {
    const o = d.objectionRecord;
    events.push({ at: String(o.filedAt), color: 'blue', text: <>申请复查：{o.reason}</> });
    if (o.decision) events.push({ at: String(o.decidedAt), color: 'purple', text: <>{o.decision === 'upheld' ? '复查决定：维持该意见' : '复查决定：撤销该意见'}{o.note ? `（${o.note}）` : ''}</> });
  }
  for (const r of d.reopenings) events.push({ at: String(r.reopenedAt), color: 'red', text: <>回头看：重新整改（第 {r.round} 轮，期限 {fmtDate(r.deadlineAt)}）：{r.reason}</> });
  for (const e of d.escalations) events.push({ at: String(e.at), color: 'red', text: <>{ESCALATION_LABELS[e.kind as keyof typeof ESCALATION_LABELS] ?? e.kind}（第 {e.round} 轮）</> });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/** 整改事项: the department reports (with attachments), asks for an extension or objects; the office decides. */
export default function RectificationPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const office = isOffice(session.role);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [key, setKey] = useState(newActionKey);
  const item = useQuery({ queryKey: ['rectification', id], queryFn: () => call(api.GET('/api/v1/rectifications/{id}', { params: { path: { id } } })) });
  const act = useMutation({
    mutationFn: (run: (headers: { 'Idempotency-Key': string }) => Promise<Detail>) => run({ 'Idempotency-Key': key }),
    onSuccess: (d, _run) => {
      queryClient.setQueryData(['rectification', id], d);
      void queryClient.invalidateQueries({ queryKey: ['my-inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['rectifications'] });
      setKey(newActionKey());
    },
  });
  const run = (fn: (headers: { 'Idempotency-Key': string }) => Promise<Detail>, text: string) => act.mutate(fn, { onSuccess: () => message.success(text) });

  if (item.error) return <ApiErrorView error={item.error} />;
  if (!item.data) return <Card loading />;
  const d = item.data;
  const waitingForDepartment = d.status === 'open' || d.status === 'returned';
  const pendingExtension = d.extensions.find((x) => !x.decision);
  const lastReturned = [...d.reports].reverse().find((r) => r.decision === 'returned');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<>整改事项 · {d.departmentName}</>} extra={<Space>{d.carryLabel && <Tag color="purple">{d.carryLabel}</Tag>}<Tag color={STATUS_COLORS[d.status]}>{d.statusLabel}</Tag>{d.overdue && <Tag color="red">已逾期</Tag>}</Space>}>
        <Descriptions bordered size="small" column={2} items={[
          { label: '意见书', children: <Link to={`/letters/${d.letterId}`}>{d.documentNumber}</Link> },
          { label: '条目', children: `第 ${d.position} 条（第 ${d.round} 轮整改）` },
          { label: '问题', span: 2, children: d.problem },
          { label: '依据', span: 2, children: d.rule },
          { label: '整改要求', span: 2, children: d.action },
          { label: '整改期限', children: <>{fmtDateTime(d.deadlineAt)}{d.deadlineAt !== d.originalDeadlineAt && <Typography.Text type="secondary">（原期限 {fmtDate(d.originalDeadlineAt)}）</Typography.Text>}</> },
          { label: '销号', children: d.closedAt ? <>{fmtDateTime(d.closedAt)} {d.closedOnTime ? <Tag color="green">按期</Tag> : <Tag color="orange">逾期</Tag>}</> : '—' },
        ]} />
        <ProcessingTrouble show={d.processingTrouble} style={{ marginTop: 12 }} />
        <ApiErrorView error={act.error} />
        {!office && d.status === 'returned' && lastReturned && <Alert type="warning" showIcon style={{ marginTop: 12 }} title="整改报告被退回，请按意见补充后重新报送" description={lastReturned.reason} />}
      </Card>

      {!office && waitingForDepartment && (
        <Card title="报送整改报告">
          <Form layout="vertical" onFinish={(v: { report: string; evidence?: EvidenceInput[] }) => run((headers) => call(api.POST('/api/v1/rectifications/{id}/reports', { params: { path: { id } }, headers, body: { report: v.report, evidence: (v.evidence ?? []).map((e) => ({ name: e.name, attachmentId: e.attachmentId, uri: e.uri })) } })), '整改报告已报送，等待监督科审核')}>
            <Form.Item name="report" label="整改情况" rules={[{ required: true, whitespace: true, message: '请填写整改情况' }]}><Input.TextArea rows={4} maxLength={20000} placeholder="针对问题采取的措施、完成情况和长效机制" /></Form.Item>
            <Form.Item name="evidence" label="整改材料"><EvidenceUpload /></Form.Item>
            <Button type="primary" htmlType="submit" loading={act.isPending}>报送整改报告</Button>
          </Form>
        </Card>
      )}
      {!office && waitingForDepartment && !pendingExtension && (
        <Card title="申请延期" size="small">
          <Form layout="inline" onFinish={(v: { reason: string; newDeadline: Dayjs }) => run((headers) => call(api.POST('/api/v1/rectifications/{id}/extensions', { params: { path: { id } }, headers, body: { reason: v.reason, newDeadline: v.newDeadline.format('YYYY-MM-DD') } })), '已申请延期，等待监督科审批')}>
            <Form.Item name="newDeadline" rules={[{ required: true, message: '请选择新的期限' }]}><DatePicker placeholder="延至" /></Form.Item>
            <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: '请写明理由' }]} style={{ width: 420 }}><Input placeholder="延期理由" /></Form.Item>
            <Button htmlType="submit" loading={act.isPending}>申请延期</Button>
          </Form>
        </Card>
      )}
      {!office && !d.objectionRecord && d.status !== 'closed' && d.status !== 'withdrawn' && (
        <Card title="申请复查（对该条意见有异议）" size="small">
          <Form layout="inline" onFinish={(v: { reason: string }) => run((headers) => call(api.POST('/api/v1/rectifications/{id}/objection', { params: { path: { id } }, headers, body: v })), '已申请复查，等待监督科决定')}>
            <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: '请写明异议的事实和理由' }]} style={{ width: 560 }}><Input placeholder="异议的事实和理由（须在复查申请期限内）" /></Form.Item>
            <Button htmlType="submit" loading={act.isPending}>申请复查</Button>
          </Form>
        </Card>
      )}

      {office && d.status === 'submitted' && (
        <Card title="审核整改报告">
          <Form layout="vertical" initialValues={{ decision: 'accept' }} onFinish={(v: { decision: 'accept' | 'return'; reason?: string }) => run((headers) => call(api.POST('/api/v1/rectifications/{id}/decision', { params: { path: { id } }, headers, body: v })), v.decision === 'accept' ? '已销号' : '已退回整改报告')}>
            <Form.Item name="decision"><Radio.Group options={[{ value: 'accept', label: '通过，销号' }, { value: 'return', label: '退回' }]} /></Form.Item>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => getFieldValue('decision') === 'return' && (
                <Form.Item name="reason" label="退回理由" rules={[{ required: true, whitespace: true, message: '退回须写明理由' }]}><Input.TextArea rows={2} /></Form.Item>
              )}
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={act.isPending}>提交</Button>
          </Form>
        </Card>
      )}
      {office && pendingExtension && (
        <Card title={`延期申请：延至 ${fmtDate(pendingExtension.requestedDeadlineAt)}`} size="small">
          <Typography.Paragraph>{pendingExtension.reason}</Typography.Paragraph>
          <Space>
            <Button type="primary" onClick={() => run((headers) => call(api.POST('/api/v1/rectifications/{id}/extensions/decision', { params: { path: { id } }, headers, body: { approve: true } })), '已批准延期')}>批准</Button>
            <Button danger onClick={() => run((headers) => call(api.POST('/api/v1/rectifications/{id}/extensions/decision', { params: { path: { id } }, headers, body: { approve: false } })), '已不批准延期')}>不批准</Button>
          </Space>
        </Card>
      )}
      {office && d.objectionRecord && !d.objectionRecord.decision && (
        <Card title="复查申请" size="small">
          <Typography.Paragraph>{d.objectionRecord.reason}</Typography.Paragraph>
          <Space>
            <Button onClick={() => run((headers) => call(api.POST('/api/v1/rectifications/{id}/objection/decision', { params: { path: { id } }, headers, body: { uphold: true } })), '已维持该意见')}>维持该意见</Button>
            <Button danger onClick={() => run((headers) => call(api.POST('/api/v1/rectifications/{id}/objection/decision', { params: { path: { id } }, headers, body: { uphold: false } })), '已撤销该意见')}>撤销该意见</Button>
          </Space>
        </Card>
      )}
      {office && d.status === 'closed' && (
        <Card title="回头看" size="small">
          <Form layout="inline" onFinish={(v: { reason: string; amount: number }) => run((headers) => call(api.POST('/api/v1/rectifications/{id}/reopen', { params: { path: { id } }, headers, body: { reason: v.reason, deadline: { amount: Number(v.amount), unit: 'calendar_days' } } })), '已重新打开，部门须重新整改')}>
            <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: '请写明理由' }]} style={{ width: 420 }}><Input placeholder="回头看发现的问题" /></Form.Item>
            <Form.Item name="amount" initialValue={30} rules={[{ required: true }]}><Input addonBefore="期限" addonAfter="日" style={{ width: 160 }} /></Form.Item>
            <Button htmlType="submit">重新打开</Button>
          </Form>
        </Card>
      )}

      <Card title="办理记录" size="small">
        {history(d).length ? <Timeline items={history(d).map((e) => ({ color: e.color, content: <><Typography.Text type="secondary">{fmtDateTime(e.at)}</Typography.Text><div>{e.text}</div></> }))} /> : <Typography.Text type="secondary">暂无记录</Typography.Text>}
      </Card>
    </Space>
  );
}
