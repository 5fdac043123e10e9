import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';
import { OwnLedgerButtons } from '../../components/LedgerButton';
import { LETTER_STATUS } from '../LetterPage';

/** 监督意见书 received by the department. */
export default function LettersPage() {
  const letters = useQuery({ queryKey: ['letters', 'mine'], queryFn: () => call(api.GET('/api/v1/me/opinion-letters')) });
  return (
    <Card title="监督意见书" extra={<OwnLedgerButtons campaignIds={(letters.data ?? []).map((l) => l.campaignId)} kinds={['letters', 'rectification']} />}>
      <ApiErrorView error={letters.error} />
      <Table<Schemas['OpinionLetterDto']>
        rowKey="id"
        loading={letters.isLoading}
        dataSource={letters.data}
        locale={{ emptyText: '尚未收到监督意见书' }}
        columns={[
          { title: '文号', render: (_, l) => <><Link to={`/letters/${l.id}`}>{l.documentNumber}</Link>{l.supplements && <Tag style={{ marginLeft: 8 }}>补充意见</Tag>}</> },
          { title: '意见条数', width: 100, render: (_, l) => l.items.length },
          { title: '印发时间', width: 170, render: (_, l) => fmtDateTime(l.issuedAt) },
          { title: '签收期限', width: 170, render: (_, l) => fmtDateTime(l.acknowledgeDueAt) },
          { title: '状态', width: 150, render: (_, l) => <Tag color={LETTER_STATUS[l.status].color}>{LETTER_STATUS[l.status].label}</Tag> },
        ]}
      />
    </Card>
  );
}
