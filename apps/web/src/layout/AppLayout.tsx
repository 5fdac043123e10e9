import {
  TrophyOutlined,
  ScheduleOutlined, AuditOutlined, CalendarOutlined, DashboardOutlined, FileTextOutlined, InboxOutlined,
  BellOutlined, FolderOpenOutlined, LogoutOutlined, SettingOutlined, TeamOutlined, ToolOutlined, UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../api/client';
import { useAuth, useSession } from '../auth/AuthContext';
import { ROLE_LABELS, type Role } from '../auth/session';
import { ChangePasswordButton } from '../components/ChangePasswordButton';

type Item = { key: string; label: string; icon: React.ReactNode; roles: Role[] };

/** The navigation, by role. Reviewers' sheets, the operators' view and account administration come later. */
const NAV: Item[] = [
  { key: '/office', label: '工作台', icon: <DashboardOutlined />, roles: ['office_admin', 'office_staff'] },
  { key: '/campaigns', label: '年度工作周期', icon: <CalendarOutlined />, roles: ['office_admin', 'office_staff', 'operator'] },
  { key: '/inbox', label: '我的待办', icon: <InboxOutlined />, roles: ['department_user'] },
  { key: '/letters', label: '监督意见书', icon: <FileTextOutlined />, roles: ['department_user'] },
  { key: '/assessment', label: '考核结果', icon: <TrophyOutlined />, roles: ['department_user'] },
  { key: '/annual-report', label: '本单位年度报告', icon: <FileTextOutlined />, roles: ['department_user'] },
  { key: '/case-files', label: '案卷目录', icon: <FolderOpenOutlined />, roles: ['office_admin', 'office_staff', 'department_user'] },
  { key: '/departments', label: '部门管理', icon: <TeamOutlined />, roles: ['office_admin', 'office_staff'] },
  { key: '/calendar', label: '节假日安排', icon: <ScheduleOutlined />, roles: ['office_admin', 'office_staff'] },
  { key: '/settings', label: '本机关设置', icon: <SettingOutlined />, roles: ['office_admin', 'office_staff'] },
  { key: '/reviews', label: '我的评查', icon: <AuditOutlined />, roles: ['reviewer'] },
  { key: '/operations', label: '运行监控', icon: <ToolOutlined />, roles: ['operator'] },
  { key: '/users', label: '用户管理', icon: <UserOutlined />, roles: ['office_admin'] },
  { key: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: ['office_admin', 'operator'] },
];

export function AppLayout() {
  const session = useSession();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useQuery({ queryKey: ['me', session.userId], queryFn: () => call(api.GET('/api/v1/auth/me')), staleTime: Infinity });
  const unread = useQuery({ queryKey: ['unread-count', session.userId], queryFn: () => call(api.GET('/api/v1/me/notifications/unread-count')), refetchInterval: 30_000 });
  const items: MenuProps['items'] = NAV.filter((i) => i.roles.includes(session.role)).map(({ key, label, icon }) => ({ key, label, icon }));
  const selected = NAV.map((i) => i.key).filter((k) => location.pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '18px 20px', fontWeight: 600, fontSize: 16, color: '#b71c1c' }}>法治督察工作平台</div>
        <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} onClick={({ key }) => navigate(key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', paddingInline: 24 }}>
          <Space size="middle">
            <Badge count={unread.data?.unread ?? 0} size="small" offset={[-4, 4]}>
              <Button type="text" aria-label="消息中心" data-testid="notification-bell" icon={<BellOutlined style={{ fontSize: 18 }} />} onClick={() => void navigate('/notifications')} />
            </Badge>
            <UserOutlined />
            <Typography.Text data-testid="current-user">{me.data?.displayName ?? session.username}</Typography.Text>
            <Typography.Text type="secondary">{me.data?.departmentName ?? ROLE_LABELS[session.role]}</Typography.Text>
            <ChangePasswordButton />
            <Button icon={<LogoutOutlined />} onClick={() => { signOut(); void navigate('/login'); }}>退出登录</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
