import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { REVIEWER_CATEGORIES, REVIEWER_CATEGORY_LABELS, type ReviewerCategory } from '@rol/domain';
import { api, call, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { DepartmentSelect } from '../../components/DepartmentSelect';

type Member = Schemas['PoolMemberDto'];
type AddForm = { userId: string; category: ReviewerCategory; departmentId?: string; organisation?: string };

/** 评查人员库: the office picks which reviewer accounts this campaign's draw may assign. */
export function ReviewerPoolCard({ campaignId }: { campaignId: string }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<AddForm>();
  const category = Form.useWatch('category', form);
  const members = useQuery({ queryKey: ['reviewer-pool', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/reviewer-pool', { params: { path: { campaignId } } })) });
  const candidates = useQuery({ queryKey: ['reviewer-pool-candidates', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/reviewer-pool/candidates', { params: { path: { campaignId } } })) });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['reviewer-pool', campaignId] });
    void client.invalidateQueries({ queryKey: ['reviewer-pool-candidates', campaignId] });
  };
  const add = useMutation({
    mutationFn: (v: AddForm) => call(api.PUT('/api/v1/campaigns/{campaignId}/reviewer-pool/{userId}', { params: { path: { campaignId, userId: v.userId } }, body: { category: v.category, departmentId: v.departmentId, organisation: v.organisation?.trim() || undefined } })),
    onSuccess: (m) => { message.success(`${m.displayName} 已加入评查人员库`); form.resetFields(['userId', 'departmentId', 'organisation']); refresh(); },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => call(api.DELETE('/api/v1/campaigns/{campaignId}/reviewer-pool/{userId}', { params: { path: { campaignId, userId } } })),
    onSuccess: (m) => { message.success(`${m.displayName} 已移出评查人员库`); refresh(); },
  });
  const options = (candidates.data ?? []).filter((c) => !c.inPool).map((c) => ({ value: c.userId, label: `${c.displayName}（${c.username}${c.departmentName ? `，${c.departmentName}` : ''}）` }));
  const rows = members.data ?? [];
  return (
    <Card title="评查人员库" size="small" data-testid="reviewer-pool">
      <Typography.Paragraph type="secondary">
        抽取只从本库中随机分配评查人员；部门执法人员记录其所在部门，自动回避本部门案卷。评查人员账号在“用户管理”中创建（角色：评查人员）。
      </Typography.Paragraph>
      {members.data && rows.length === 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="评查人员库为空：执行抽取前，请至少添加一名评查人员。" />}
      <ApiErrorView error={members.error ?? candidates.error ?? add.error ?? remove.error} fieldLabels={{ userId: '评查人员', departmentId: '所在部门', organisation: '所在单位' }} />
      <Form<AddForm> form={form} layout="inline" initialValues={{ category: 'supervisor' }} onFinish={(v) => add.mutate(v)} style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item name="userId" label="评查人员" rules={[{ required: true, message: '请选择评查人员' }]}>
          <Select showSearch optionFilterProp="label" style={{ width: 260 }} placeholder="选择评查人员账号" options={options} notFoundContent="没有可添加的评查人员账号" />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select style={{ width: 180 }} options={REVIEWER_CATEGORIES.map((c) => ({ value: c, label: REVIEWER_CATEGORY_LABELS[c] }))} />
        </Form.Item>
        {category === 'department_officer' && (
          <Form.Item name="departmentId" label="所在部门" tooltip="省略时取其账号所属部门">
            <DepartmentSelect placeholder="所在部门" value={form.getFieldValue('departmentId')} onChange={(v) => form.setFieldValue('departmentId', v)} />
          </Form.Item>
        )}
        {(category === 'lawyer' || category === 'supervisor') && (
          <Form.Item name="organisation" label="所在单位" rules={category === 'lawyer' ? [{ required: true, whitespace: true, message: '律师须填写所在律师事务所' }] : []}>
            <Input style={{ width: 220 }} maxLength={200} placeholder={category === 'lawyer' ? '如：某某律师事务所' : '选填'} />
          </Form.Item>
        )}
        <Form.Item><Button htmlType="submit" type="primary" loading={add.isPending}>加入人员库</Button></Form.Item>
      </Form>
      <Table<Member>
        rowKey="userId"
        size="small"
        loading={members.isFetching}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: '尚未添加评查人员' }}
        columns={[
          { title: '姓名', render: (_, m) => <>{m.displayName} <Typography.Text type="secondary">{m.username}</Typography.Text>{!m.active && <Tag color="red" style={{ marginLeft: 8 }}>账号已停用</Tag>}</> },
          { title: '类别', width: 160, render: (_, m) => m.categoryLabel },
          { title: '所在部门 / 单位', render: (_, m) => [m.departmentName, m.organisation].filter(Boolean).join('；') || '—' },
          { title: '当前评查任务', width: 110, render: (_, m) => `${m.assigned} 件` },
          { title: '操作', width: 90, render: (_, m) => (
            <Popconfirm title={`将 ${m.displayName} 移出评查人员库？已分配给其的案卷不变，今后不再分配新案卷。`} okText="移出" cancelText="取消" onConfirm={() => remove.mutate(m.userId)}>
              <Button size="small" danger>移出</Button>
            </Popconfirm>
          ) },
        ]}
      />
    </Card>
  );
}
