import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { AUDIT_ACTION_LABELS, AUDIT_DETAIL_LABELS, AUDIT_TARGET_LABELS } from '@rol/domain';
import { api, call, page, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';

type Entry = Schemas['AuditEntryDto'];
type Filters = { range?: [Dayjs, Dayjs]; actor?: string; campaignId?: string; action?: string; targetType?: string };

/** A recorded detail as one readable line (no JSON for a clerk): labelled values, long text cut. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${AUDIT_DETAIL_LABELS[k] ?? k}：${typeof v === 'object' ? (Array.isArray(v) ? `${v.length} 项` : '…') : String(v).slice(0, 60)}`)
    .join('；');
}

/** 审计日志: who did what to which item, when — filtered and paged on the server. */
export default function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ current: 1, pageSize: 50 });
  const set = (f: Partial<Filters>) => { setFilters((old) => ({ ...old, ...f })); setPaging((p) => ({ ...p, current: 1 })); };
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: () => call(api.GET('/api/v1/campaigns')) });
  const list = useQuery({
    queryKey: ['audit', filters, paging],
    placeholderData: keepPreviousData,
    queryFn: () =>
      page(api.GET('/api/v1/audit', { params: { query: {
        from: filters.range?.[0].startOf('day').toISOString(),
        to: filters.range?.[1].add(1, 'day').startOf('day').toISOString(),
        actor: filters.actor,
        campaignId: filters.campaignId,
        action: filters.action,
        targetType: filters.targetType,
        limit: paging.pageSize,
        offset: (paging.current - 1) * paging.pageSize,
      } } })),
  });
  return (
    <Card title="审计日志">
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker onChange={(r) => set({ range: r?.[0] && r[1] ? [r[0], r[1]] : undefined })} />
        <Input.Search allowClear placeholder="操作人姓名或用户名" style={{ width: 200 }} onSearch={(v) => set({ actor: v || undefined })} />
        <Select allowClear placeholder="年度工作周期" style={{ width: 220 }} onChange={(v) => set({ campaignId: v })} options={campaigns.data?.map((c) => ({ value: c.id, label: c.title }))} />
        <Select allowClear showSearch optionFilterProp="label" placeholder="操作" style={{ width: 200 }} onChange={(v) => set({ action: v })} options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))} />
        <Select allowClear placeholder="对象" style={{ width: 140 }} onChange={(v) => set({ targetType: v })} options={Object.entries(AUDIT_TARGET_LABELS).map(([value, label]) => ({ value, label }))} />
      </Space>
      <ApiErrorView error={list.error} />
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...paging, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 条`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: fmtDateTime },
          { title: '操作人', width: 150, render: (_, e) => (e.actorId ? <span title={e.actorUsername ?? undefined}>{e.actorName}</span> : <Tag>系统</Tag>) },
          { title: '操作', width: 170, dataIndex: 'actionLabel' },
          { title: '对象', width: 200, render: (_, e) => <>{e.targetTypeLabel} <Typography.Text type="secondary" copyable={{ text: e.targetId }}>{e.targetId.slice(0, 8)}</Typography.Text></> },
          { title: '详情', render: (_, e) => <Typography.Text type="secondary" ellipsis={{ tooltip: detailText(e.detail) }}>{detailText(e.detail) || '—'}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
