import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';

export default function CampaignsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['campaigns'], queryFn: () => call(api.GET('/api/v1/campaigns')) });
  const office = session.role === 'office_admin' || session.role === 'office_staff';
  return (
    <>
    {office && <NextYearDraft admin={session.role === 'office_admin'} />}
    <Card
      title="年度工作周期"
      extra={session.role === 'office_admin' && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/campaigns/new')}>发布年度工作周期</Button>}
    >
      <ApiErrorView error={list.error} />
      <Table<Schemas['CampaignSummaryDto']>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={false}
        locale={{ emptyText: session.role === 'office_admin' ? '还没有年度工作周期。点击右上角「发布年度工作周期」开始本年度工作。' : '还没有年度工作周期' }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 90 },
          { title: '名称', dataIndex: 'title', render: (t: string, c) => <Link to={`/campaigns/${c.id}`}>{t}</Link> },
          { title: '当前阶段', dataIndex: 'phaseLabel', width: 160, render: (l: string, c) => (c.closedAt ? <Tag>已结束</Tag> : <Tag color="processing">{l}</Tag>) },
          { title: '发布时间', dataIndex: 'createdAt', width: 180, render: fmtDateTime },
          { title: '结束时间', dataIndex: 'closedAt', width: 180, render: fmtDateTime },
        ]}
      />
    </Card>
    </>
  );
}

interface DraftSummary { year: number; sourceYear: number; status: string }

/** 下一年度草稿 (prepared each 1 December by the schedule): review and confirm it, or discard it. */
function NextYearDraft({ admin }: { admin: boolean }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { modal, message } = App.useApp();
  const drafts = useQuery({ queryKey: ['campaign-drafts'], queryFn: () => call(api.GET('/api/v1/campaign-drafts')) as Promise<DraftSummary[]> });
  const discard = useMutation({
    mutationFn: (year: number) => call(api.POST('/api/v1/campaign-drafts/{year}/discard', { params: { path: { year } } })),
    onSuccess: () => {
      message.success('已放弃草稿');
      void queryClient.invalidateQueries({ queryKey: ['campaign-drafts'] });
    },
  });
  const pending = drafts.data?.find((d) => d.status === 'pending');
  if (!pending) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={`已为 ${pending.year} 年度准备工作周期草稿（由 ${pending.sourceYear} 年度复制）`}
      description={discard.error ? <ApiErrorView error={discard.error} /> : '工作要点、周期日程顺延一年，自查表、整改规则、抽查规则、评查标准和指标体系沿用上一年度。请核对修改后确认发布。'}
      action={admin && (
        <Space direction="vertical">
          <Button type="primary" onClick={() => navigate(`/campaigns/new?draft=${pending.year}`)}>查看并确认</Button>
          <Button
            danger
            loading={discard.isPending}
            onClick={() => modal.confirm({ title: `放弃 ${pending.year} 年度草稿？`, content: '放弃后不会再自动准备该年度的草稿，可以直接发布年度工作周期。', okText: '放弃草稿', okButtonProps: { danger: true }, cancelText: '取消', onOk: () => discard.mutate(pending.year) })}
          >放弃草稿</Button>
        </Space>
      )}
    />
  );
}
