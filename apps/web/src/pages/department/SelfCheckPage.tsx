import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, call, newActionKey, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { EvidenceList, EvidenceUpload, type EvidenceInput } from '../../components/Evidence';
import { fmtDateTime, SELF_CHECK_STATUS_COLORS } from '../../components/format';

type SelfCheck = Schemas['SelfCheckDto'];
type Template = Schemas['TemplateBodyDto'];
type Item = Schemas['SelfCheckItemDto'];
type FormAnswer = { value?: string | number; note?: string; evidence?: EvidenceInput[] };
type FormValues = { answers: Record<string, FormAnswer> };

const EDITABLE = ['draft', 'returned'];

/** What the form holds, as the draft the API stores: unanswered items are left out. */
function toAnswers(values: FormValues): Record<string, { value: string | number; note?: string; evidence?: EvidenceInput[] }> {
  const answers: Record<string, { value: string | number; note?: string; evidence?: EvidenceInput[] }> = {};
  for (const [code, a] of Object.entries(values.answers ?? {})) {
    if (a?.value === undefined || a.value === null || a.value === '') continue;
    answers[code] = { value: a.value, ...(a.note?.trim() ? { note: a.note } : {}), ...(a.evidence?.length ? { evidence: a.evidence.map((e) => (e.attachmentId ? { name: e.name, attachmentId: e.attachmentId } : { name: e.name, uri: e.uri })) } : {}) };
  }
  return answers;
}

/** The control for one item; Form.Item hands it `value` and `onChange`, passed on to the input. */
function AnswerInput({ item, value, onChange, disabled }: { item: Item; value?: string | number; onChange?: (v: string | number | null) => void; disabled?: boolean }) {
  if (item.answerType === 'yes_no_partial') return <Radio.Group disabled={disabled} value={value} onChange={(e) => onChange?.(e.target.value)} options={[{ value: 'yes', label: '是' }, { value: 'partial', label: '部分' }, { value: 'no', label: '否' }]} />;
  if (item.answerType === 'number') return <InputNumber disabled={disabled} value={value as number | undefined} onChange={(v) => onChange?.(v)} min={0} style={{ width: 200 }} placeholder="填写数量" />;
  return <Input.TextArea disabled={disabled} value={value as string | undefined} onChange={(e) => onChange?.(e.target.value)} autoSize={{ minRows: 2 }} maxLength={5000} placeholder="填写具体情况" />;
}

/** 本部门自查: the form rendered from the campaign's 自查表, drafts, submission, and the office's comments. */
export default function SelfCheckPage() {
  const { campaignId = '' } = useParams();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [submitKey] = useState(newActionKey);
  const mine = useQuery({ queryKey: ['my-self-check', campaignId], queryFn: () => call(api.GET('/api/v1/me/self-checks/{campaignId}', { params: { path: { campaignId } } })) });
  const template = useQuery({ queryKey: ['self-check-template', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/self-check/template', { params: { path: { campaignId } } })) });

  const save = useMutation({
    mutationFn: (values: FormValues) => call(api.PUT('/api/v1/me/self-checks/{campaignId}/draft', { params: { path: { campaignId } }, body: { answers: toAnswers(values) as never } })),
    onSuccess: (s) => {
      queryClient.setQueryData(['my-self-check', campaignId], s);
      message.success('草稿已保存');
    },
  });
  const submit = useMutation({
    mutationFn: async (values: FormValues) => {
      await call(api.PUT('/api/v1/me/self-checks/{campaignId}/draft', { params: { path: { campaignId } }, body: { answers: toAnswers(values) as never } }));
      return call(api.POST('/api/v1/me/self-checks/{campaignId}/submit', { params: { path: { campaignId } }, headers: { 'Idempotency-Key': submitKey } }));
    },
    onSuccess: (s) => {
      queryClient.setQueryData(['my-self-check', campaignId], s);
      void queryClient.invalidateQueries({ queryKey: ['my-inbox'] });
      message.success('自查已报送，等待监督科审核');
    },
  });

  if (mine.error || template.error) return <ApiErrorView error={mine.error ?? template.error} />;
  if (!mine.data || !template.data) return <Card loading />;
  const s: SelfCheck = mine.data;
  const t: Template = template.data;
  const editable = EDITABLE.includes(s.status);
  const lastReturn = [...s.versions].reverse().find((v) => v.decision === 'returned');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={`本部门自查 · ${s.departmentName}`}
        extra={<Tag color={SELF_CHECK_STATUS_COLORS[s.status]}>{s.statusLabel}</Tag>}
      >
        <Descriptions size="small" column={3} items={[
          { label: '自查开始', children: fmtDateTime(s.opensAt) },
          { label: '报送截止', children: fmtDateTime(s.closesAt) },
          { label: '已报送次数', children: s.version },
        ]} />
        {s.status === 'returned' && lastReturn && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`监督科退回了第 ${lastReturn.version} 次报送，请按意见修改后重新报送`} description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{lastReturn.comment}</Typography.Paragraph>} />
        )}
        {s.status === 'submitted' && <Alert type="info" showIcon style={{ marginTop: 12 }} title="已报送，等待监督科审核。审核前不能修改。" />}
        {s.status === 'accepted' && <Alert type="success" showIcon style={{ marginTop: 12 }} title="自查已通过审核。" />}
        {s.status === 'not_submitted' && <Alert type="error" showIcon style={{ marginTop: 12 }} title="报送截止时仍未报送，记为逾期未报（视为未开展自查）。" />}
      </Card>

      <ApiErrorView error={save.error ?? submit.error} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{ answers: Object.fromEntries(Object.entries(s.answers).map(([code, a]) => [code, { value: a.value, note: a.note, evidence: a.evidence?.map((e) => ({ name: e.name, attachmentId: e.attachmentId, uri: e.uri })) }])) }}
      >
        {t.sections.map((section, si) => (
          <Card key={section.code} title={`${'一二三四五六七八九十'[si] ?? si + 1}、${section.title}`} style={{ marginBottom: 16 }}>
            {section.items.map((item) => (
              <div key={item.code} data-item={item.code} style={{ borderBottom: '1px dashed #f0f0f0', paddingBottom: 8, marginBottom: 16 }}>
                <Typography.Text strong>{item.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>（{item.points} 分）</Typography.Text>
                {item.evidenceRequired && <Tag color="orange" style={{ marginLeft: 8 }}>须附佐证材料</Tag>}
                <Form.Item name={['answers', item.code, 'value']} style={{ margin: '8px 0' }}>
                  <AnswerInput item={item} />
                </Form.Item>
                <Form.Item name={['answers', item.code, 'note']} style={{ marginBottom: 8 }}>
                  <Input.TextArea autoSize placeholder="说明（选填）" maxLength={5000} />
                </Form.Item>
                {editable ? (
                  <Form.Item name={['answers', item.code, 'evidence']} style={{ marginBottom: 0 }}>
                    <EvidenceUpload compact />
                  </Form.Item>
                ) : (
                  <EvidenceList evidence={s.answers[item.code]?.evidence ?? []} />
                )}
              </div>
            ))}
          </Card>
        ))}
      </Form>

      {editable && (
        <Card size="small">
          <Space>
            <Button onClick={() => save.mutate(form.getFieldsValue(true))} loading={save.isPending}>保存草稿</Button>
            <Button type="primary" onClick={() => submit.mutate(form.getFieldsValue(true))} loading={submit.isPending}>
              {s.status === 'returned' ? '修改后重新报送' : '报送'}
            </Button>
            <Typography.Text type="secondary">报送前须填写全部项目；标有“须附佐证材料”的项目须上传材料。</Typography.Text>
          </Space>
        </Card>
      )}

      {s.versions.length > 0 && (
        <Card size="small" title="报送记录">
          <Timeline
            items={s.versions.map((v) => ({
              color: v.decision === 'accepted' ? 'green' : v.decision === 'returned' ? 'orange' : 'blue',
              content: (
                <>
                  第 {v.version} 次报送 · {fmtDateTime(v.submittedAt)}
                  {v.decision && <> · {v.decision === 'accepted' ? '已通过' : '已退回'}（{fmtDateTime(v.decidedAt)}）</>}
                  {v.comment && <div><Typography.Text type="secondary">审核意见：{v.comment}</Typography.Text></div>}
                </>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}

