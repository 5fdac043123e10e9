import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, page } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ApiErrorView } from '../../components/ApiErrorView';
import { CampaignOverview } from '../../components/CampaignOverview';
import { Chart } from '../../components/Chart';

/** 工作台: the running campaign at a glance, and what needs the office's action now. */
export default function DashboardPage() {
  const session = useSession();
  const navigate = useNavigate();
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: () => call(api.GET('/api/v1/campaigns')) });
  const running = campaigns.data?.find((c) => !c.closedAt);
  const status = useQuery({ queryKey: ['campaign', running?.id], enabled: !!running, queryFn: () => call(api.GET('/api/v1/campaigns/{id}', { params: { path: { id: running!.id } } })) });
  const rectification = useQuery({ queryKey: ['rectification-status', running?.id], enabled: !!running, queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/rectification-status', { params: { path: { campaignId: running!.id } } })) });
  const worst = useQuery({
    queryKey: ['campaign-departments', running?.id, 'chart'],
    enabled: !!running,
    queryFn: () => page(api.GET('/api/v1/campaigns/{id}/departments', { params: { path: { id: running!.id }, query: { sort: 'overdue', limit: 15 } } })),
  });
  const option = useMemo(() => {
    const rows = worst.data?.items ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['已完成', '未完成（未逾期）', '逾期未完成'] },
      grid: { left: 160, right: 24, top: 40, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((d) => d.name) },
      series: [
        { name: '已完成', type: 'bar', stack: 't', color: '#52c41a', data: rows.map((d) => d.tasks.done) },
        { name: '未完成（未逾期）', type: 'bar', stack: 't', color: '#1677ff', data: rows.map((d) => d.tasks.open - d.tasks.overdue) },
        { name: '逾期未完成', type: 'bar', stack: 't', color: '#cf1322', data: rows.map((d) => d.tasks.overdue) },
      ],
    };
  }, [worst.data]);

  if (campaigns.error) return <ApiErrorView error={campaigns.error} />;
  if (campaigns.isLoading) return <Card loading />;
  if (!running) {
    return (
      <Card title="工作台">
        <Empty description="当前没有进行中的年度工作周期">
          {session.role === 'office_admin' && <Button type="primary" onClick={() => navigate('/campaigns/new')}>发布年度工作周期</Button>}
        </Empty>
      </Card>
    );
  }
  const s = status.data;
  const actions = s
    ? [
        s.selfChecks.submitted > 0 && { text: `${s.selfChecks.submitted} 份自查待审核（含退回后重新报送的）`, to: `/campaigns/${running.id}?tab=self-checks` },
        (rectification.data?.overall.reportsToDecide ?? 0) > 0 && { text: `${rectification.data!.overall.reportsToDecide} 份整改报告待审核`, to: `/campaigns/${running.id}?tab=rectification` },
        (rectification.data?.overall.pendingExtensions ?? 0) > 0 && { text: `${rectification.data!.overall.pendingExtensions} 项延期申请待审批`, to: `/campaigns/${running.id}?tab=rectification` },
        (rectification.data?.overall.pendingObjections ?? 0) > 0 && { text: `${rectification.data!.overall.pendingObjections} 项复查申请待决定`, to: `/campaigns/${running.id}?tab=rectification` },
        s.tasks.overdue > 0 && { text: `${s.tasks.overdue} 项任务逾期未完成，需催办`, to: `/campaigns/${running.id}?tab=tasks` },
      ].filter((a): a is { text: string; to: string } => !!a)
    : [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        工作台 · <Link to={`/campaigns/${running.id}`}>{running.title}</Link>
      </Typography.Title>
      {status.error && <ApiErrorView error={status.error} />}
      {s && <CampaignOverview status={s} />}
      <Card size="small" title="需要监督科处理">
        <List locale={{ emptyText: '暂无需要处理的事项' }} dataSource={actions} renderItem={(a) => <List.Item><Link to={a.to}>{a.text}</Link></List.Item>} />
      </Card>
      <Card size="small" title="各部门任务进度（逾期最多的 15 个部门）">
        {worst.data?.items.length ? <Chart option={option} height={Math.max(200, 28 * worst.data.items.length + 60)} /> : <Empty />}
      </Card>
    </Space>
  );
}
