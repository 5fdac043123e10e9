import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';

type Assignment = Schemas['AssignmentDto'];

export const REVIEW_STATUS_COLORS: Record<Assignment['status'], string> = { pending: 'default', draft: 'processing', submitted: 'success', returned: 'warning' };

/** The deadline as a reviewer needs it: when, and how long is left (red once past). */
export function Deadline({ at, done }: { at: string | null; done?: boolean }) {
  if (!at) return <>—</>;
  const left = dayjs(at).diff(dayjs(), 'day', true);
  const hint = done ? '' : left < 0 ? '（已逾期）' : left < 1 ? '（不足 1 天）' : `（剩 ${Math.floor(left)} 天）`;
  return <Typography.Text type={!done && left < 0 ? 'danger' : !done && left < 3 ? 'warning' : undefined}>{fmtDateTime(at)}{hint && <><br />{hint}</>}</Typography.Text>;
}

/** 我的评查: the files drawn for the signed-in reviewer, with deadlines and how far each sheet is. */
export default function ReviewsPage() {
  const list = useQuery({ queryKey: ['my-reviews'], queryFn: () => call(api.GET('/api/v1/me/reviews')) });
  const rows = list.data ?? [];
  const returned = rows.filter((a) => a.status === 'returned').length;
  const campaigns = new Set(rows.map((a) => a.campaignId)).size;
  return (
    <Card title="我的评查" extra={campaigns === 1 ? <Typography.Text type="secondary">{rows[0].campaign.title}</Typography.Text> : null}>
      <ApiErrorView error={list.error} />
      {returned > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`有 ${returned} 份评查表被监督科退回复核，请按意见修改后重新提交。`} />}
      <Typography.Paragraph type="secondary">
        以下是抽取分配给您的案卷（一卷一表）。点“评查”打开案卷的电子卷宗和评查表；每个扣分项须写明存在的问题。与您有利害关系的案卷，请在评查表中“申请回避”。
      </Typography.Paragraph>
      <Table<Assignment>
        rowKey="assignmentId"
        size="small"
        loading={list.isFetching}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: '暂无分配给您的评查案卷：监督科完成抽取后，分配的案卷会出现在这里。' }}
        columns={[
          ...(campaigns > 1 ? [{ title: '年度工作周期', width: 150, render: (_: unknown, a: Assignment) => a.campaign.title }] : []),
          { title: '被评查部门', width: 140, render: (_, a) => a.caseFile.departmentName },
          { title: '案卷号', width: 160, render: (_, a) => a.caseFile.caseNumber },
          { title: '案卷名称', minWidth: 220, render: (_, a) => a.caseFile.title },
          { title: '类别', width: 80, render: (_, a) => a.caseFile.caseTypeLabel },
          { title: '决定日期', width: 100, render: (_, a) => a.caseFile.decisionDate },
          { title: '电子卷宗', width: 90, render: (_, a) => (a.caseFile.scanCount > 0 ? `${a.caseFile.scanCount} 个文件` : <Typography.Text type="secondary">未上传</Typography.Text>) },
          { title: '评查截止', width: 150, render: (_, a) => <Deadline at={a.campaign.reviewClosesAt} done={a.status === 'submitted'} /> },
          { title: '状态', width: 130, render: (_, a) => <><Tag color={REVIEW_STATUS_COLORS[a.status]}>{a.statusLabel}</Tag>{a.status === 'submitted' && a.review && <div>{a.review.score} 分，{a.review.gradeLabel}</div>}</> },
          { title: '操作', width: 80, render: (_, a) => <Link to={`/reviews/${a.assignmentId}`}><Button size="small" type={a.status === 'submitted' ? 'default' : 'primary'}>{a.status === 'submitted' ? '查看' : '评查'}</Button></Link> },
        ]}
      />
    </Card>
  );
}
