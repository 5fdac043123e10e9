import { KeyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { api, call } from '../api/client';
import { ApiErrorView } from './ApiErrorView';

/** 修改密码: every user changes their own, knowing the current one; every session then ends, this one too. */
export function ChangePasswordButton() {
  const { message } = App.useApp();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; again: string }>();
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) => call(api.PUT('/api/v1/me/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } })),
    onSuccess: () => { message.success('密码已修改，请使用新密码重新登录'); setOpen(false); signOut(); void navigate('/login'); },
  });
  return (
    <>
      <Button icon={<KeyOutlined />} onClick={() => setOpen(true)}>修改密码</Button>
      <Modal open={open} title="修改密码" okText="确认修改" cancelText="取消" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={change.isPending} destroyOnHidden>
        <ApiErrorView error={change.error} />
        <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)}>
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}><Input.Password autoComplete="current-password" /></Form.Item>
          <Form.Item name="newPassword" label="新密码" extra="至少 8 位，不能是常见密码，也不能与用户名相同" rules={[{ required: true, min: 8, message: '新密码至少 8 位' }]}><Input.Password autoComplete="new-password" /></Form.Item>
          <Form.Item name="again" label="再次输入新密码" dependencies={['newPassword']} rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
