import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, List, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, call, page, type Schemas } from '../api/client';
import { ApiErrorView } from '../components/ApiErrorView';
import { fmtDateTime } from '../components/format';

type Note = Schemas['NotificationDto'];

/** 消息中心: what happened to the user's department (or, for the office, what waits on it); one click to the page where it is handled. */
export default function NotificationsPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['notifications', unreadOnly, paging],
    placeholderData: keepPreviousData,
    queryFn: () => page(api.GET('/api/v1/me/notifications', { params: { query: { unreadOnly: unreadOnly ? 'true' : undefined, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
  });
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['notifications'] }), client.invalidateQueries({ queryKey: ['unread-count'] })]);
  const markRead = useMutation({ mutationFn: (id: string) => call(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id: Number(id) } } })), onSuccess: refresh });
  const markAll = useMutation({ mutationFn: () => call(api.POST('/api/v1/me/notifications/read-all')), onSuccess: refresh });
  const open = async (n: Note) => {
    if (!n.read) await markRead.mutateAsync(n.id);
    void navigate(n.link);
  };
  return (
    <Card
      title="消息中心"
      extra={
        <Space>
          <Segmented value={unreadOnly ? 'unread' : 'all'} onChange={(v) => { setUnreadOnly(v === 'unread'); setPaging((p) => ({ ...p, current: 1 })); }} options={[{ value: 'all', label: '全部' }, { value: 'unread', label: '未读' }]} />
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>全部标为已读</Button>
        </Space>
      }
    >
      <ApiErrorView error={list.error ?? markRead.error ?? markAll.error} />
      <List<Note>
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: unreadOnly ? '没有未读消息' : '暂无消息' }}
        pagination={{ ...paging, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 条`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        renderItem={(n) => (
          <List.Item
            data-testid="notification"
            style={{ cursor: 'pointer' }}
            onClick={() => void open(n)}
            actions={[<Button key="open" type="link" onClick={(e) => { e.stopPropagation(); void open(n); }}>去办理</Button>]}
          >
            <List.Item.Meta
              avatar={<Badge dot={!n.read} status={n.read ? 'default' : 'error'} />}
              title={<Typography.Text strong={!n.read}>{n.title}</Typography.Text>}
              description={<Space split="·" wrap><span>{n.subject}</span><span>{n.departmentName}</span><span>{fmtDateTime(n.at)}</span></Space>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
