import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, page, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';
import { OwnLedgerButtons } from '../../components/LedgerButton';
import { MissingScansNotice } from './DrawnFilesCard';

type Item = Schemas['InboxItemDto'];
type Kind = Item['kind'];

const KIND_COLORS: Record<Kind, string> = { task: 'blue', self_check: 'purple', letter: 'volcano', rectification: 'orange' };

/** Where each kind of item is done. Letters and rectification items open their own pages. */
export function pathOf(item: Item): string {
  switch (item.kind) {
    case 'task': return `/tasks/${item.id}`;
    case 'self_check': return `/self-checks/${item.campaignId}`;
    case 'letter': return `/letters/${item.id}`;
    case 'rectification': return `/rectifications/${item.id}`;
  }
}

function timeLeft(item: Item) {
  if (!item.dueAt) return <Typography.Text type="secondary">无截止时间</Typography.Text>;
  const days = item.workingDaysLeft;
  if (item.overdue) return <Tag color="red">已逾期{days !== null && days < 0 ? ` ${-days} 个工作日` : item.daysLeft !== null && item.daysLeft < 0 ? ` ${-item.daysLeft} 天` : ''}</Tag>;
  // The official calendar of the deadline's year is not published yet: count calendar days.
  if (days === null) return <span title="该年度的法定节假日安排尚未录入，暂按自然日计算">剩 {item.daysLeft} 天（自然日）</span>;
  if (days === 0) return <Tag color="red">今天截止</Tag>;
  return days <= 3 ? <Tag color="gold">剩 {days} 个工作日</Tag> : <span>剩 {days} 个工作日</span>;
}

/** 我的待办: everything the department must do now, across stages, soonest deadline first. */
export default function InboxPage() {
  const [kind, setKind] = useState<Kind | 'all'>('all');
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const inbox = useQuery({
    queryKey: ['my-inbox', kind, paging],
    queryFn: () => page(api.GET('/api/v1/me/inbox', { params: { query: { kind: kind === 'all' ? undefined : kind, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
    refetchInterval: 60_000,
  });
  return (
    <>
    <MissingScansNotice />
    <Card
      title="我的待办"
      extra={<Space wrap><OwnLedgerButtons campaignIds={(inbox.data?.items ?? []).map((i) => i.campaignId)} kinds={['tasks', 'rectification']} /><Segmented value={kind} onChange={(v) => { setKind(v as Kind | 'all'); setPaging((p) => ({ ...p, current: 1 })); }} options={[{ value: 'all', label: '全部' }, { value: 'task', label: '工作任务' }, { value: 'self_check', label: '自查' }, { value: 'letter', label: '意见书签收' }, { value: 'rectification', label: '整改' }]} /></Space>}
    >
      <ApiErrorView error={inbox.error} />
      <Table<Item>
        rowKey={(i) => `${i.kind}-${i.id}`}
        loading={inbox.isLoading}
        dataSource={inbox.data?.items}
        pagination={{ ...paging, total: inbox.data?.total ?? 0, hideOnSinglePage: true, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        rowClassName={(i) => (i.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: '没有待办事项' }}
        columns={[
          { title: '类型', width: 120, render: (_, i) => <Tag color={KIND_COLORS[i.kind]}>{i.kindLabel}</Tag> },
          { title: '事项', render: (_, i) => <Link to={pathOf(i)}>{i.title}</Link> },
          { title: '状态', width: 170, dataIndex: 'statusLabel' },
          { title: '截止时间', dataIndex: 'dueAt', width: 170, render: fmtDateTime },
          { title: '剩余时间', width: 170, render: (_, i) => timeLeft(i) },
        ]}
      />
    </Card>
    </>
  );
}
