import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { Card, Input, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { api, call, page, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { CampaignOverview } from '../../components/CampaignOverview';
import { LedgerButton } from '../../components/LedgerButton';
import { pct } from '../../components/format';
import { AssessmentTab } from './AssessmentTab';
import { AnnualReport } from '../AnnualReportPage';
import { LettersTab, RectificationTab, RulesTab } from './OpinionTabs';
import { ReviewTab } from './ReviewTab';
import { SelfCheckList, SelfCheckTemplateEditor } from './SelfCheckTab';

export default function CampaignDetailPage() {
  const { id = '' } = useParams();
  const status = useQuery({ queryKey: ['campaign', id], queryFn: () => call(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })), refetchInterval: 15_000 });
  const [params, setParams] = useSearchParams();
  if (status.error) return <ApiErrorView error={status.error} />;
  if (!status.data) return <Card loading />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{status.data.title}</Typography.Title>
      <CampaignOverview status={status.data} />
      <Card>
        <Tabs
          activeKey={params.get('tab') ?? 'tasks'}
          onChange={(tab) => setParams({ tab }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'tasks', label: '工作要点落实', children: <DepartmentProgress campaignId={id} /> },
            { key: 'self-checks', label: `自查核查${status.data.selfChecks.submitted ? `（${status.data.selfChecks.submitted} 份待审核）` : ''}`, children: <SelfCheckList campaignId={id} /> },
            { key: 'review', label: '案卷评查', children: <ReviewTab campaignId={id} /> },
            { key: 'letters', label: '监督意见书', children: <LettersTab campaignId={id} /> },
            { key: 'rectification', label: '整改', children: <RectificationTab campaignId={id} /> },
            { key: 'assessment', label: '考核', children: <AssessmentTab campaignId={id} /> },
            { key: 'annual-report', label: '年度报告', children: <AnnualReport campaignId={id} /> },
            { key: 'rules', label: '整改规则', children: <RulesTab campaignId={id} /> },
            { key: 'template', label: '自查表', children: <SelfCheckTemplateEditor campaignId={id} locked={!!status.data.closedAt || (!!status.data.calendar.selfCheckOpensAt && Date.parse(status.data.calendar.selfCheckOpensAt) <= Date.now())} /> },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Each department's tasks, paged and searched on the server, the late ones first on demand (催办). */
export function DepartmentProgress({ campaignId }: { campaignId: string }) {
  const [q, setQ] = useState<string>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['campaign-departments', campaignId, q, overdueOnly, paging],
    queryFn: () => page(api.GET('/api/v1/campaigns/{id}/departments', { params: { path: { id: campaignId }, query: { q, overdueOnly: overdueOnly ? 'true' : undefined, sort: 'overdue', limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="按部门编码或名称搜索" style={{ width: 260 }} onSearch={(v) => { setQ(v || undefined); setPaging((p) => ({ ...p, current: 1 })); }} />
        <Switch checked={overdueOnly} onChange={(v) => { setOverdueOnly(v); setPaging((p) => ({ ...p, current: 1 })); }} /> 只看有逾期的部门
        <LedgerButton campaignId={campaignId} kind="tasks" />
      </Space>
      <ApiErrorView error={list.error} />
      <Table<Schemas['DepartmentProgressDto']>
        rowKey="departmentId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...paging, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 个部门`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { title: '部门', render: (_, d) => `${d.name}（${d.code}）` },
          { title: '任务数', width: 90, render: (_, d) => d.tasks.total },
          { title: '已完成', width: 90, render: (_, d) => d.tasks.done },
          { title: '逾期完成', width: 90, render: (_, d) => d.tasks.late },
          { title: '逾期未完成', width: 110, render: (_, d) => (d.tasks.overdue ? <Tag color="red">{d.tasks.overdue}</Tag> : 0) },
          { title: '完成率', width: 90, render: (_, d) => pct(d.tasks.done, d.tasks.total) },
        ]}
      />
    </>
  );
}
