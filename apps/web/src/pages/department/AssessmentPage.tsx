import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { AssessmentExplanation, GRADE_COLORS } from '../../components/AssessmentExplanation';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';

type Indicator = Schemas['IndicatorResultDto'];
const DECISION: Record<string, { label: string; color: string }> = { upheld: { label: '异议成立，已重新计算', color: 'green' }, rejected: { label: '不予采纳', color: 'default' } };
const flat = (xs: Indicator[]): Indicator[] => xs.flatMap((x) => [x, ...flat(x.children ?? [])]);

/** 本单位考核结果: each year's published result (list), or one year's score, explanation and 异议. */
export default function AssessmentPage() {
  const { campaignId } = useParams();
  return campaignId ? <OneYear campaignId={campaignId} /> : <Years />;
}

function Years() {
  const list = useQuery({ queryKey: ['my-assessments'], queryFn: () => call(api.GET('/api/v1/me/assessments')) });
  return (
    <Card title="本单位考核结果">
      <ApiErrorView error={list.error} />
      <List
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: '本单位尚未参加年度工作周期' }}
        renderItem={(c) => (
          <List.Item actions={[<Link key="open" to={`/assessment/${c.campaignId}`}>{c.published ? '查看得分和计分说明' : '查看'}</Link>]}>
            <List.Item.Meta
              title={c.title}
              description={c.published ? <Space><span>总分 {c.score}</span><Tag color={GRADE_COLORS[c.grade ?? '']}>{c.gradeLabel}</Tag><span>第 {c.rank} 名</span><span>（第 {c.version} 版，异议期限至 {fmtDateTime(c.objectionDueAt)}）</span></Space> : '考核结果尚未发布'}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function OneYear({ campaignId }: { campaignId: string }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ indicatorCode?: string; reason: string }>();
  const mine = useQuery({ queryKey: ['my-assessment', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/assessment/mine', { params: { path: { campaignId } } })) });
  const object = useMutation({
    mutationFn: (v: { indicatorCode?: string; reason: string }) => call(api.POST('/api/v1/campaigns/{campaignId}/assessment/objections', { params: { path: { campaignId } }, body: { indicatorCode: v.indicatorCode || undefined, reason: v.reason } })),
    onSuccess: () => { form.resetFields(); void client.invalidateQueries({ queryKey: ['my-assessment', campaignId] }); message.success('异议已提交，监督科处理后会通知您'); },
  });
  if (mine.error) return <ApiErrorView error={mine.error} />;
  const m = mine.data;
  if (!m) return <Card loading />;
  if (!m.published || !m.result || !m.publication) return <Card title="本单位考核结果"><Empty description="考核结果尚未发布。发布后可在此查看本单位得分、等次和每一分的计分说明。" /></Card>;
  const r = m.result;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={`本单位考核结果（第 ${m.publication.version} 版）`} extra={<Link to="/assessment">全部年度</Link>}>
        <Descriptions bordered size="small" column={4}>
          <Descriptions.Item label="总分"><Typography.Text strong style={{ fontSize: 18 }}>{r.score}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label="等次"><Tag color={GRADE_COLORS[r.grade]}>{r.gradeLabel}</Tag></Descriptions.Item>
          <Descriptions.Item label="排名">第 {r.rank} 名</Descriptions.Item>
          <Descriptions.Item label="考核截止">{fmtDateTime(r.asOf)}</Descriptions.Item>
          <Descriptions.Item label="发布时间">{fmtDateTime(m.publication.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label="异议期限" span={3}>{fmtDateTime(m.publication.objectionDueAt)} 前</Descriptions.Item>
        </Descriptions>
        {r.gradeNotes.map((n) => <Alert key={n} style={{ marginTop: 8 }} type="warning" showIcon title={n} />)}
      </Card>
      <Card title="计分说明">
        <AssessmentExplanation indicators={r.indicators} />
      </Card>
      <Card title="异议">
        {m.objections.length > 0 && (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.objections}
            style={{ marginBottom: 16 }}
            columns={[
              { title: '针对版本', dataIndex: 'version', width: 90, render: (v: number) => `第 ${v} 版` },
              { title: '指标', dataIndex: 'indicatorCode', width: 80, render: (v: string | null) => v ?? '—' },
              { title: '异议理由', dataIndex: 'reason' },
              { title: '提出时间', dataIndex: 'filedAt', width: 150, render: fmtDateTime },
              { title: '处理结果', render: (_, o) => (o.decision ? <span><Tag color={DECISION[o.decision].color}>{DECISION[o.decision].label}</Tag>{o.note}</span> : <Tag color="processing">监督科处理中</Tag>) },
            ]}
          />
        )}
        {m.canObject ? (
          <Form form={form} layout="vertical" onFinish={(v) => object.mutate(v)} style={{ maxWidth: 720 }}>
            <ApiErrorView error={object.error} />
            <Form.Item name="indicatorCode" label="对哪项指标有异议（可不选）">
              <Select allowClear placeholder="整体结果" options={flat(r.indicators).filter((i) => !i.children?.length).map((i) => ({ value: i.code, label: `${i.code} ${i.name}（得 ${i.score}/${i.points} 分）` }))} />
            </Form.Item>
            <Form.Item name="reason" label="异议理由" rules={[{ required: true, whitespace: true, message: '请写明异议理由和依据' }]}>
              <Input.TextArea rows={4} maxLength={2000} placeholder="写明对哪一事实或计分有异议、理由和依据" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={object.isPending}>提出异议</Button>
          </Form>
        ) : (
          <Typography.Text type="secondary">{m.objectionBlocked ? `不能再提出异议：${m.objectionBlocked}。` : ''}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
