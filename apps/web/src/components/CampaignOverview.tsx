import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Statistic, Steps } from 'antd';
import dayjs from 'dayjs';
import { Phase, PHASE_LABELS } from '@rol/domain';
import { api, call, type Schemas } from '../api/client';
import { fmtDate, pct } from './format';

type Status = Schemas['CampaignStatusDto'];
const PHASES = Object.values(Phase).filter((p) => p !== Phase.Closed);

/** When each phase starts, from the campaign's calendar (the first one starts at launch). */
const PHASE_START: Record<string, keyof Status['calendar'] | null> = {
  priorities: null,
  self_check: 'selfCheckOpensAt',
  review: 'reviewOpensAt',
  opinions: 'opinionsOpensAt',
  rectification: 'rectificationOpensAt',
  assessment: 'assessmentOpensAt',
};

const red = (n: number) => ({ content: { color: n ? '#cf1322' : undefined } });

/** The campaign's phase on the timeline of its calendar, and the key counts of every stage. */
export function CampaignOverview({ status }: { status: Status }) {
  const campaignId = status.id;
  const review = useQuery({ queryKey: ['review-results', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/review/results', { params: { path: { campaignId } } })), refetchInterval: 30_000 });
  const rectification = useQuery({ queryKey: ['rectification-status', campaignId], queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/rectification-status', { params: { path: { campaignId } } })), refetchInterval: 30_000 });
  const r = review.data?.overall;
  const o = rectification.data?.overall;
  const current = PHASES.indexOf(status.phase as (typeof PHASES)[number]);
  const calendar = status.calendar as Record<string, string | undefined>;
  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={status.closedAt ? PHASES.length : current}
          items={[
            ...PHASES.map((p) => {
              const key = PHASE_START[p];
              return { title: PHASE_LABELS[p], description: key ? fmtDate(calendar[key]) : fmtDate(status.createdAt) };
            }),
            { title: '结束', description: fmtDate(status.closedAt ?? calendar.closesAt) },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col span={8}>
          <Card size="small" title="工作要点任务">
            <Row>
              <Col span={6}><Statistic title="已完成" value={status.tasks.done} /></Col>
              <Col span={6}><Statistic title="未完成" value={status.tasks.open} /></Col>
              <Col span={6}><Statistic title="逾期未完成" value={status.tasks.overdue} styles={red(status.tasks.overdue)} /></Col>
              <Col span={6}><Statistic title="完成率" value={pct(status.tasks.done, status.tasks.total)} /></Col>
            </Row>
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title="自查报送">
            <Row>
              <Col span={5}><Statistic title="填报中" value={status.selfChecks.draft} /></Col>
              <Col span={5}><Statistic title="待审核" value={status.selfChecks.submitted} /></Col>
              <Col span={5}><Statistic title="已退回" value={status.selfChecks.returned} /></Col>
              <Col span={5}><Statistic title="已通过" value={status.selfChecks.accepted} /></Col>
              <Col span={4}><Statistic title="逾期未报" value={status.selfChecks.notSubmitted} /></Col>
            </Row>
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small" title="周期">
            <Descriptions size="small" column={1} items={[
              { label: '覆盖部门', children: `${status.departments} 个` },
              { label: '当前阶段', children: status.closedAt ? '已结束' : status.phaseLabel },
              { label: '距结束', children: status.closedAt ? '—' : `${Math.max(0, dayjs(calendar.closesAt).diff(dayjs(), 'day'))} 天` },
            ]} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={8}>
          <Card size="small" title="案卷评查" loading={!r}>
            {r && (
              <Row>
                <Col span={6}><Statistic title="抽中" value={r.sampled} /></Col>
                <Col span={6}><Statistic title="已评查" value={r.reviewed} /></Col>
                <Col span={6}><Statistic title="逾期上报" value={r.escalated} styles={red(r.escalated)} /></Col>
                <Col span={6}><Statistic title="合格率" value={r.files ? `${Math.round(r.passRate * 1000) / 10}%` : '—'} /></Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col span={16}>
          <Card size="small" title="监督意见与整改" loading={!o}>
            {o && (
              <Row>
                <Col span={4}><Statistic title="意见书 印发/签收" value={`${o.lettersIssued} / ${o.lettersAcknowledged}`} /></Col>
                <Col span={3}><Statistic title="整改事项" value={o.items} /></Col>
                <Col span={3}><Statistic title="未销号" value={o.open} /></Col>
                <Col span={3}><Statistic title="逾期未销号" value={o.overdue} styles={red(o.overdue)} /></Col>
                <Col span={3}><Statistic title="已销号" value={o.closed} /></Col>
                <Col span={4}><Statistic title="销号率" value={pct(o.closed, o.items - o.withdrawn)} /></Col>
                <Col span={4}><Statistic title="按期销号率" value={pct(Math.round(o.onTimeRate * o.closed), o.closed)} /></Col>
              </Row>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
