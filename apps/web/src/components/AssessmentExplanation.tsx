import { Button, Space, Table, Tag, Typography } from 'antd';
import type { Schemas } from '../api/client';
import { fmtDate } from './format';

type Indicator = Schemas['IndicatorResultDto'];
export const GRADE_COLORS: Record<string, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };
const LEVELS = ['', '一级', '二级', '三级'];

/**
 * 计分说明: the indicator tree with each indicator's score and how it was reached, down to the
 * events behind each lost point. `onScore` (office) opens the scoring of an office-scored leaf.
 */
export function AssessmentExplanation({ indicators, onScore }: { indicators: Indicator[]; onScore?: (leaf: Indicator) => void }) {
  return (
    <Table<Indicator>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={indicators}
      expandable={{ defaultExpandAllRows: true, childrenColumnName: 'children' }}
      columns={[
        { title: '指标', render: (_, i) => <span><Typography.Text type="secondary">{LEVELS[i.level]} {i.code}</Typography.Text> {i.name}</span> },
        { title: '分值', dataIndex: 'points', width: 70, align: 'right' },
        {
          title: '得分', width: 90, align: 'right',
          render: (_, i) => <Typography.Text strong type={i.score < i.points ? 'danger' : undefined}>{i.score}</Typography.Text>,
        },
        {
          title: '计分说明',
          render: (_, i) => (
            <Space orientation="vertical" size={2}>
              <span>
                {i.measure ? <Tag color="blue">系统计算</Tag> : !i.children?.length ? <Tag color={i.scored ? 'purple' : 'default'}>{i.scored ? '监督科评分' : '监督科评分项（未扣分）'}</Tag> : null}
                {i.explanation}
              </span>
              {i.evidence.map((e, n) => (
                <Typography.Text key={`${e.id}-${n}`} type="secondary" style={{ fontSize: 12 }}>
                  · {e.text}{e.at && !e.text.startsWith(fmtDate(e.at)) ? `（${fmtDate(e.at)}）` : ''}{e.lost ? ` 扣 ${e.lost} 分` : ''}
                </Typography.Text>
              ))}
            </Space>
          ),
        },
        ...(onScore
          ? [{ title: '操作', width: 80, render: (_: unknown, i: Indicator) => (!i.children?.length && !i.measure ? <Button size="small" onClick={() => onScore(i)}>评分</Button> : null) }]
          : []),
      ]}
    />
  );
}
