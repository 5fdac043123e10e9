import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';

export default function CampaignsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['campaigns'], queryFn: () => call(api.GET('/api/v1/campaigns')) });
  return (
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
  );
}
