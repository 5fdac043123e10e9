import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, newActionKey } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ApiErrorView } from '../../components/ApiErrorView';
import { ProcessingTrouble } from '../../components/ProcessingTrouble';
import { EvidenceList, EvidenceUpload, type EvidenceInput } from '../../components/Evidence';
import { fmtDateTime, TASK_STATUS } from '../../components/format';

export default function TaskPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [actionKey] = useState(newActionKey);
  const task = useQuery({ queryKey: ['task', id], queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })) });
  const complete = useMutation({
    mutationFn: (v: { note: string; evidence?: EvidenceInput[] }) =>
      call(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id } }, headers: { 'Idempotency-Key': actionKey }, body: { note: v.note, evidence: v.evidence ?? [] } })),
    onSuccess: (r) => {
      message.success(r.late ? '已报送（逾期完成）' : '已报送完成情况');
      void queryClient.invalidateQueries({ queryKey: ['my-tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['task', id] });
      void navigate('/inbox');
    },
  });

  if (task.error) return <ApiErrorView error={task.error} />;
  const t = task.data;
  if (!t) return <Card loading />;
  const canComplete = session.role === 'department_user' && t.status === 'open';
  return (
    <Card title={<>工作任务：{t.title}</>} extra={<Tag color={TASK_STATUS[t.status]?.color}>{TASK_STATUS[t.status]?.label}</Tag>}>
      <Descriptions column={2} bordered size="small" items={[
        { label: '要点编号', children: t.priorityCode },
        { label: '截止时间', children: <>{fmtDateTime(t.dueAt)} {t.overdue && <Tag color="red">已逾期</Tag>}</> },
        { label: '具体要求', span: 2, children: t.description || '—' },
        { label: '佐证材料', children: t.evidenceRequired ? '必须附' : '可不附' },
        { label: '完成时间', children: t.completedAt ? <>{fmtDateTime(t.completedAt)} {t.late && <Tag color="orange">逾期完成</Tag>}</> : '—' },
        ...(t.completionNote ? [{ label: '完成情况', span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{t.completionNote}</Typography.Paragraph> }] : []),
        ...(t.evidence.length ? [{ label: '已附材料', span: 2, children: <EvidenceList evidence={t.evidence} /> }] : []),
      ]} />
      <ProcessingTrouble show={t.processingTrouble} style={{ marginTop: 16 }} />
      {canComplete && (
        <Card type="inner" title="报送完成情况" style={{ marginTop: 16 }}>
          {t.overdue && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="该任务已过截止时间，现在报送将记为逾期完成。" />}
          <ApiErrorView error={complete.error} />
          <Form layout="vertical" onFinish={(v) => complete.mutate(v)} initialValues={{ evidence: [] }}>
            <Form.Item name="note" label="完成情况" rules={[{ required: true, whitespace: true, message: '请填写完成情况' }, { max: 5000, message: '不超过 5000 字' }]}>
              <Input.TextArea rows={5} placeholder="简要说明落实情况、主要做法和成效" />
            </Form.Item>
            <Form.Item name="evidence" label="佐证材料" rules={t.evidenceRequired ? [{ validator: async (_, v?: EvidenceInput[]) => { if (!v?.length) throw new Error('该任务须附佐证材料：请上传至少一个文件'); } }] : []}>
              <EvidenceUpload />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={complete.isPending}>报送</Button>
          </Form>
        </Card>
      )}
    </Card>
  );
}
