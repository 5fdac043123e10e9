import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ROLE_LABELS, type Role } from '../../auth/session';
import { ApiErrorView } from '../../components/ApiErrorView';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { fmtDateTime } from '../../components/format';

type User = Schemas['UserDto'];
const ROLES = Object.keys(ROLE_LABELS) as Role[];
const PASSWORD_RULE = '至少 8 位，不能是 12345678、password 这类常见密码，也不能与用户名相同';
const withDepartment = (role?: Role) => role === 'department_user' || role === 'reviewer';

/** 用户管理 (office_admin): search, create, edit name / role / department, deactivate and reactivate, reset a password. */
export default function UsersPage() {
  const session = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const users = useQuery({ queryKey: ['users'], queryFn: () => call(api.GET('/api/v1/users')) });
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const toggle = useMutation({
    mutationFn: (u: User) => call(api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { active: !u.active } })),
    onSuccess: (u) => { void refresh(); message.success(u.active ? `已重新启用 ${u.displayName}` : `已停用 ${u.displayName}：其已登录的会话立即失效`); },
    onError: (e) => message.error((e as Error).message),
  });
  const unlock = useMutation({
    mutationFn: (u: User) => call(api.POST('/api/v1/users/{id}/unlock', { params: { path: { id: u.id } } })).then(() => u),
    onSuccess: (u) => message.success(`已解除 ${u.displayName} 的登录锁定`),
    onError: (e) => message.error((e as Error).message),
  });
  const needle = q.trim().toLowerCase();
  const rows = (users.data ?? []).filter((u) => !needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle));
  return (
    <Card title="用户管理" extra={<Space><Input.Search placeholder="用户名或姓名" allowClear onSearch={setQ} style={{ width: 220 }} /><Button type="primary" onClick={() => setEditing('new')}>新建用户</Button></Space>}>
      <ApiErrorView error={users.error} />
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个用户` }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] },
          { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag color="default">已停用</Tag>) },
          { title: '创建时间', dataIndex: 'createdAt', render: fmtDateTime },
          {
            title: '操作',
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)}>编辑</Button>
                <Button size="small" onClick={() => setResetting(u)}>重置密码</Button>
                <Button size="small" title="多次登录失败后账号会临时锁定 15 分钟；解除后可立即登录" onClick={() => unlock.mutate(u)}>解除锁定</Button>
                {u.id !== session.userId && (
                  <Popconfirm title={u.active ? `停用 ${u.displayName}？其已登录的会话将立即失效。` : `重新启用 ${u.displayName}？`} okText="确定" cancelText="取消" onConfirm={() => toggle.mutate(u)}>
                    <Button size="small" danger={u.active}>{u.active ? '停用' : '启用'}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && <UserModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); void refresh(); }} />}
      {resetting && <ResetModal user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}

type UserForm = { username?: string; password?: string; displayName: string; role: Role; departmentId?: string };

function UserModal({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);
  const save = useMutation({
    mutationFn: (v: UserForm) =>
      user
        ? call(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { displayName: v.displayName, role: v.role, departmentId: withDepartment(v.role) ? v.departmentId ?? null : null } }))
        : call(api.POST('/api/v1/users', { body: { username: v.username!, password: v.password!, displayName: v.displayName, role: v.role, ...(withDepartment(v.role) && v.departmentId ? { departmentId: v.departmentId } : {}) } })),
    onSuccess: () => { message.success(user ? '已保存，立即生效' : '用户已创建'); onDone(); },
  });
  return (
    <Modal open title={user ? `编辑用户 ${user.username}` : '新建用户'} okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <ApiErrorView error={save.error} />
      <Form form={form} layout="vertical" initialValues={user ? { displayName: user.displayName, role: user.role, departmentId: user.departmentId ?? undefined } : { role: 'department_user' }} onFinish={(v) => save.mutate(v)}>
        {!user && <Form.Item name="username" label="用户名" rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,64}$/, message: '3–64 位字母、数字、点、下划线或连字符' }]}><Input autoComplete="off" /></Form.Item>}
        {!user && <Form.Item name="password" label="初始密码" extra={PASSWORD_RULE} rules={[{ required: true, min: 8, message: '至少 8 位' }]}><Input.Password autoComplete="new-password" /></Form.Item>}
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true }]}><Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} /></Form.Item>
        {withDepartment(role) && (
          <Form.Item name="departmentId" label="所属部门" extra={role === 'reviewer' ? '评查人员可填其所在单位，评查时自动回避' : undefined} rules={[{ required: role === 'department_user', message: '部门用户须选择所属部门' }]}>
            <DepartmentSelect value={form.getFieldValue('departmentId')} onChange={(id) => form.setFieldValue('departmentId', id)} placeholder="选择部门" style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { message } = App.useApp();
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () => call(api.POST('/api/v1/users/{id}/password', { params: { path: { id: user.id } }, body: { password } })),
    onSuccess: () => { message.success(`已重置 ${user.displayName} 的密码，请当面或电话告知本人`); onClose(); },
  });
  return (
    <Modal open title={`重置密码：${user.displayName}（${user.username}）`} okText="重置" cancelText="取消" okButtonProps={{ disabled: password.length < 8 }} confirmLoading={reset.isPending} onCancel={onClose} onOk={() => reset.mutate()}>
      <ApiErrorView error={reset.error} />
      <Typography.Paragraph type="secondary">{PASSWORD_RULE}。</Typography.Paragraph>
      <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} aria-label="新密码" autoComplete="new-password" />
    </Modal>
  );
}
