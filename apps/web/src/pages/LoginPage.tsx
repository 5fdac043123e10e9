import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, call } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { loadSession } from '../auth/session';
import { homeOf } from '../routes';

export function LoginPage() {
  const { session, endedBecause, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (session) return <Navigate to={homeOf(session.role)} replace />;

  async function onFinish(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const { accessToken } = await call(api.POST('/api/v1/auth/token', { body: values }));
      signIn(accessToken);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/login' && from !== '/' ? from : homeOf(loadSession()!.role), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(180deg,#fdf3f3,#f5f5f5)' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>法治督察工作平台</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>年度法治督察工作周期</Typography.Paragraph>
        {endedBecause && <Alert type="warning" showIcon title={endedBecause} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
        </Form>
      </Card>
    </div>
  );
}
