import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Radio, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, call, newActionKey, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { EvidenceList } from '../../components/Evidence';
import { answerText, fmtDateTime, SELF_CHECK_STATUS_COLORS } from '../../components/format';

type Answers = Schemas['SelfCheckDto']['answers'];
type Item = Schemas['SelfCheckItemDto'];

/** The items of the template, in order, with their section's title. */
function itemsOf(template?: Schemas['TemplateBodyDto']): (Item & { section: string })[] {
  return (template?.sections ?? []).flatMap((s) => s.items.map((i) => ({ ...i, section: s.title })));
}

function Answer({ answer }: { answer?: Answers[string] }) {
  if (!answer) return <Typography.Text type="secondary">（未填）</Typography.Text>;
  return (
    <>
      <div>{answerText(answer.value)}</div>
      {answer.note && <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{answer.note}</Typography.Text>}
      {answer.evidence?.length ? <EvidenceList evidence={answer.evidence} /> : null}
    </>
  );
}

/** 审核自查: the department's submission, its versions side by side, accept / return, and 核查. */
export default function SelfCheckReviewPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const selfCheck = useQuery({ queryKey: ['self-check', id], queryFn: () => call(api.GET('/api/v1/self-checks/{id}', { params: { path: { id } } })) });
  const campaignId = selfCheck.data?.campaignId;
  const template = useQuery({ queryKey: ['self-check-template', campaignId], enabled: !!campaignId, queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/self-check/template', { params: { path: { campaignId: campaignId! } } })) });
  const items = useMemo(() => itemsOf(template.data), [template.data]);
  const versions = selfCheck.data?.versions ?? [];
  const [compare, setCompare] = useState<[number | undefined, number | undefined]>([undefined, undefined]);
  const left = compare[0] ?? (versions.length > 1 ? versions[versions.length - 2].version : undefined);
  const right = compare[1] ?? versions[versions.length - 1]?.version;

  const [decisionKey] = useState(newActionKey);
  const decide = useMutation({
    mutationFn: (v: { decision: 'accept' | 'return'; comment?: string }) => call(api.POST('/api/v1/self-checks/{id}/decision', { params: { path: { id } }, headers: { 'Idempotency-Key': decisionKey }, body: v })),
    onSuccess: (s) => {
      queryClient.setQueryData(['self-check', id], s);
      void queryClient.invalidateQueries({ queryKey: ['self-checks'] });
      message.success(s.status === 'accepted' ? '自查已通过审核' : '已退回，部门修改后会重新报送');
    },
  });

  if (selfCheck.error) return <ApiErrorView error={selfCheck.error} />;
  if (!selfCheck.data) return <Card loading />;
  const s = selfCheck.data;
  const latest = versions[versions.length - 1];
  const byVersion = new Map(versions.map((v) => [v.version, v]));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={`自查审核 · ${s.departmentName}`} extra={<Space><Tag color={SELF_CHECK_STATUS_COLORS[s.status]}>{s.statusLabel}</Tag><Link to={`/campaigns/${s.campaignId}?tab=self-checks`}>返回一览</Link></Space>}>
        <Descriptions size="small" column={3} items={[
          { label: '报送次数', children: s.version },
          { label: '最近报送', children: fmtDateTime(latest?.submittedAt) },
          { label: '报送截止', children: fmtDateTime(s.closesAt) },
        ]} />
      </Card>

      {versions.length === 0 ? (
        <Card><Empty description="该部门尚未报送自查" /></Card>
      ) : (
        <Card title="报送内容" extra={versions.length > 1 && (
          <Space>
            版本对比
            <Select style={{ width: 120 }} value={left} onChange={(v) => setCompare([v, right])} options={versions.map((v) => ({ value: v.version, label: `第 ${v.version} 次` }))} />
            <span>与</span>
            <Select style={{ width: 120 }} value={right} onChange={(v) => setCompare([left, v])} options={versions.map((v) => ({ value: v.version, label: `第 ${v.version} 次` }))} />
          </Space>
        )}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={items}
            rowClassName={(item) => (versions.length > 1 && left !== undefined && right !== undefined && JSON.stringify(byVersion.get(left)?.answers[item.code] ?? null) !== JSON.stringify(byVersion.get(right)?.answers[item.code] ?? null) ? 'row-changed' : '')}
            columns={[
              { title: '项目', render: (_, item) => (<><Typography.Text type="secondary">{item.section}</Typography.Text><div>{item.title}（{item.points} 分）{item.evidenceRequired && <Tag color="orange" style={{ marginLeft: 4 }}>须附佐证</Tag>}</div></>) },
              ...(versions.length > 1 && left !== undefined
                ? [{ title: `第 ${left} 次报送`, width: '30%', render: (_: unknown, item: Item) => <Answer answer={byVersion.get(left)?.answers[item.code]} /> }]
                : []),
              { title: `第 ${right} 次报送${versions.length > 1 ? '' : '（唯一一次）'}`, width: '30%', render: (_, item) => <Answer answer={right !== undefined ? byVersion.get(right)?.answers[item.code] : undefined} /> },
            ]}
          />
          {versions.length > 1 && <Typography.Text type="secondary">底色标出的是两次报送不同的项目。</Typography.Text>}
        </Card>
      )}

      {s.status === 'submitted' && (
        <Card title="审核">
          <ApiErrorView error={decide.error} />
          <Form layout="vertical" initialValues={{ decision: 'accept' }} onFinish={(v) => decide.mutate(v)}>
            <Form.Item name="decision">
              <Radio.Group options={[{ value: 'accept', label: '通过' }, { value: 'return', label: '退回修改' }]} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => (
                <Form.Item name="comment" label="审核意见" rules={getFieldValue('decision') === 'return' ? [{ required: true, whitespace: true, message: '退回须写明意见，部门将按意见修改' }] : []}>
                  <Input.TextArea rows={3} maxLength={5000} placeholder={getFieldValue('decision') === 'return' ? '写明需要修改或补充的内容' : '（选填）'} />
                </Form.Item>
              )}
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={decide.isPending}>提交审核结果</Button>
          </Form>
        </Card>
      )}
      {versions.length > 0 && <VerificationForm selfCheckId={id} items={items} />}
    </Space>
  );
}

type Claim = { itemCode?: string; found?: string; discrepancy: boolean; rule?: string };

/** 核查: what the office found, item by item; each discrepancy becomes a finding for the opinion stage. */
function VerificationForm({ selfCheckId, items }: { selfCheckId: string; items: (Item & { section: string })[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ claims: Claim[]; note?: string }>();
  const [key, setKey] = useState(newActionKey);
  const verify = useMutation({
    mutationFn: (v: { claims: Claim[]; note?: string }) => call(api.POST('/api/v1/self-checks/{id}/verifications', { params: { path: { id: selfCheckId } }, headers: { 'Idempotency-Key': key }, body: v as never })),
    onSuccess: (r) => {
      message.success(r.findings > 0 ? `已记录核查结果：${r.findings} 处不符，已记为问题（将进入监督意见）` : '已记录核查结果：未发现不符');
      form.resetFields();
      setKey(newActionKey());
    },
  });
  return (
    <Card title="核查" extra={<Typography.Text type="secondary">对照实际情况核查自查内容；不符之处记为问题，起草监督意见书时可直接选用</Typography.Text>}>
      <ApiErrorView error={verify.error} />
      <Form form={form} layout="vertical" initialValues={{ claims: [{ discrepancy: false }] }} onFinish={(v) => verify.mutate(v)}>
        <Form.List name="claims">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col span={7}><Form.Item name={[f.name, 'itemCode']} rules={[{ required: true, message: '请选择核查的项目' }]}><Select showSearch optionFilterProp="label" placeholder="核查的项目" options={items.map((i) => ({ value: i.code, label: i.title }))} /></Form.Item></Col>
                  <Col span={8}><Form.Item name={[f.name, 'found']} rules={[{ required: true, whitespace: true, message: '请填写核查发现的实际情况' }]}><Input.TextArea autoSize placeholder="核查发现的实际情况" /></Form.Item></Col>
                  <Col span={3}><Form.Item name={[f.name, 'discrepancy']} valuePropName="checked"><Switch checkedChildren="不符" unCheckedChildren="相符" /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'rule']}><Input placeholder="依据（不符时填写），如某办法第八条" /></Form.Item></Col>
                  <Col span={1}>{fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} aria-label="删除该条" onClick={() => remove(f.name)} />}</Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ discrepancy: false })} style={{ marginBottom: 16 }}>添加核查项</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label="核查说明"><Input.TextArea rows={2} placeholder="核查方式、时间、人员等（选填）" /></Form.Item>
        {verify.isSuccess && <Alert type="success" showIcon style={{ marginBottom: 12 }} title="上一次核查已记录。可继续记录新的核查。" />}
        <Button type="primary" htmlType="submit" loading={verify.isPending}>记录核查结果</Button>
      </Form>
    </Card>
  );
}
