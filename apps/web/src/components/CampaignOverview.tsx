import { Card, Col, Descriptions, Row, Statistic, Steps } from 'antd';
import dayjs from 'dayjs';
import { Phase, PHASE_LABELS } from '@rol/domain';
import type { Schemas } from '../api/client';
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

/** The campaign's phase on the timeline of its calendar, and the key counts. */
export function CampaignOverview({ status }: { status: Status }) {
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
              <Col span={6}><Statistic title="逾期未完成" value={status.tasks.overdue} styles={{ content: { color: status.tasks.overdue ? '#cf1322' : undefined } }} /></Col>
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
    </>
  );
}
