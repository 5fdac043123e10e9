import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Affix, Alert, App, Button, Card, Checkbox, Col, Descriptions, Divider, Input, InputNumber, Modal, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { GRADE_LABELS, scoreSheet, validateSheet, type Grade, type ScoreSheet, type ScoringStandard } from '@rol/domain';
import { api, call, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';
import { ScanViewer } from '../../components/Scans';
import { Deadline, REVIEW_STATUS_COLORS } from './ReviewsPage';

type Detail = Schemas['AssignmentDetailDto'];
type Deduction = { points: number | null; note: string };
type Veto = { on: boolean; note: string };
const NO_DEDUCTION: Deduction = { points: null, note: '' };
const NO_VETO: Veto = { on: false, note: '' };
const GRADE_COLORS: Record<Grade, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };

/** One file's scoring sheet (一卷一表), built from the standard version pinned to it. */
export default function ReviewSheetPage() {
  const { assignmentId = '' } = useParams();
  const detail = useQuery({ queryKey: ['review-assignment', assignmentId], queryFn: () => call(api.GET('/api/v1/review-assignments/{id}', { params: { path: { id: assignmentId } } })) });
  if (detail.error) return <ApiErrorView error={detail.error} />;
  if (!detail.data) return <Card loading />;
  // A submission or a return starts the form again from what the API recorded; saving a draft keeps it as typed.
  return <Sheet key={`${detail.data.review?.version ?? 0}-${detail.data.status === 'submitted'}`} detail={detail.data} />;
}

function Sheet({ detail }: { detail: Detail }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const standard = detail.standard as unknown as ScoringStandard & { version: number };
  const review = detail.review;
  const readOnly = detail.status === 'submitted';
  const [deductions, setDeductions] = useState<Record<string, Deduction>>(() =>
    Object.fromEntries((review?.sheet.deductions ?? []).map((d) => [d.criterionCode, { points: d.points, note: d.note }])),
  );
  const [vetoes, setVetoes] = useState<Record<string, Veto>>(() => Object.fromEntries((review?.sheet.vetoes ?? []).map((v) => [v.criterionCode, { on: true, note: v.note }])));
  const [comment, setComment] = useState(review?.sheet.comment ?? '');
  const [recusing, setRecusing] = useState(false);
  const [reason, setReason] = useState('');

  // The sheet in the standard's order: the API validates and scores the same sheet with the same functions.
  const sheet: ScoreSheet = useMemo(() => ({
    deductions: standard.sections.flatMap((s) => s.criteria).flatMap((c) => {
      const d = deductions[c.code];
      return d && d.points ? [{ criterionCode: c.code, points: d.points, note: d.note.trim() }] : [];
    }),
    vetoes: standard.basicCriteria.flatMap((c) => (vetoes[c.code]?.on ? [{ criterionCode: c.code, note: vetoes[c.code].note.trim() }] : [])),
    comment: comment.trim(),
  }), [standard, deductions, vetoes, comment]);
  const result = scoreSheet(standard, sheet);
  const problems = validateSheet(standard, sheet);
  const missingNotes = problems.filter((p) => p.code === 'NOTE_REQUIRED').length;

  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['review-assignment', detail.assignmentId] });
    void client.invalidateQueries({ queryKey: ['my-reviews'] });
  };
  const save = useMutation({
    mutationFn: () => call(api.PUT('/api/v1/review-assignments/{id}/sheet', { params: { path: { id: detail.assignmentId } }, body: sheet })),
    onSuccess: (r) => { message.success(`草稿已保存（按草稿计 ${r.score} 分，${GRADE_LABELS[r.grade as Grade]}）`); refresh(); },
  });
  const submit = useMutation({
    mutationFn: () => call(api.POST('/api/v1/review-assignments/{id}/submit', { params: { path: { id: detail.assignmentId } }, body: sheet })),
    onSuccess: (r) => { message.success(`评查表已提交：${r.score} 分，${r.gradeLabel}`); refresh(); },
  });
  const recuse = useMutation({
    mutationFn: () => call(api.POST('/api/v1/reviewer-conflicts', { body: { caseFileId: detail.caseFile.id, reason: reason.trim() } })),
    onSuccess: (r) => {
      message.success(r.reassigned > 0 ? '已申请回避：该案卷已改派其他评查人员' : '已申请回避：该案卷已从您的列表移出，监督科将另行安排评查人员');
      setRecusing(false);
      // Off the list at once (not only after the refetch): the file is no longer theirs.
      client.setQueryData<Schemas['AssignmentDto'][]>(['my-reviews'], (old) => old?.filter((a) => a.assignmentId !== detail.assignmentId));
      void client.invalidateQueries({ queryKey: ['my-reviews'] });
      void navigate('/reviews');
    },
  });
  const setDeduction = (code: string, patch: Partial<Deduction>) => setDeductions((old) => ({ ...old, [code]: { ...NO_DEDUCTION, ...old[code], ...patch } }));
  const setVeto = (code: string, patch: Partial<Veto>) => setVetoes((old) => ({ ...old, [code]: { ...NO_VETO, ...old[code], ...patch } }));
  const error = save.error ?? submit.error;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<Space><Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/reviews')} aria-label="返回我的评查" />评查表：{detail.caseFile.caseNumber}</Space>}
        extra={<Tag color={REVIEW_STATUS_COLORS[detail.status]} data-testid="sheet-status">{detail.statusLabel}</Tag>}
      >
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="被评查部门">{detail.caseFile.departmentName}</Descriptions.Item>
          <Descriptions.Item label="案卷号">{detail.caseFile.caseNumber}</Descriptions.Item>
          <Descriptions.Item label="案卷类别">{detail.caseFile.caseTypeLabel}</Descriptions.Item>
          <Descriptions.Item label="案卷名称" span={2}>{detail.caseFile.title}</Descriptions.Item>
          <Descriptions.Item label="作出决定日期">{detail.caseFile.decisionDate}</Descriptions.Item>
          <Descriptions.Item label="年度工作周期">{detail.campaign.title}</Descriptions.Item>
          <Descriptions.Item label="评查截止"><Deadline at={detail.campaign.reviewClosesAt} done={readOnly} /></Descriptions.Item>
          <Descriptions.Item label="评查标准">{standard.name}（第 {standard.version} 版）</Descriptions.Item>
        </Descriptions>
        {review?.returned && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            data-testid="returned-comment"
            title={`监督科退回复核（${fmtDateTime(review.returned.at)}）`}
            description={<><Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>复核意见：{review.returned.reason}</Typography.Paragraph>请按意见修改评查表后重新提交；下方是您上次提交的内容。</>}
          />
        )}
        {readOnly && review && (
          <Alert type="success" showIcon style={{ marginTop: 16 }} title={`已提交（第 ${review.version} 次）：${review.score} 分，${review.gradeLabel}`} description="评查表提交后不能再改；如需修改，须由监督科退回复核。" />
        )}
      </Card>

      <Card size="small" title="电子卷宗">
        <ScanList caseFileId={detail.caseFile.id} />
      </Card>

      <Row gutter={16} align="top">
        <Col flex="auto">
          <Card size="small" title="基础标准（一票否决）" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">
              {standard.vetoMeansFail ? '勾选任一项，该卷得 0 分、评为不合格。' : '勾选任一项，该卷不得评为优秀。'}须写明否决理由。
            </Typography.Paragraph>
            {standard.basicCriteria.map((c) => (
              <Row key={c.code} gutter={8} style={{ marginBottom: 8 }} align="middle">
                <Col span={10}>
                  <Checkbox checked={!!vetoes[c.code]?.on} disabled={readOnly} onChange={(e) => setVeto(c.code, { on: e.target.checked })}>{c.title}</Checkbox>
                </Col>
                <Col span={14}>
                  {vetoes[c.code]?.on && (
                    <Input aria-label={`否决理由：${c.title}`} placeholder="否决理由（必填），如：主要证据缺失" value={vetoes[c.code].note} disabled={readOnly} maxLength={2000}
                      status={vetoes[c.code].note.trim() ? undefined : 'error'} onChange={(e) => setVeto(c.code, { note: e.target.value })} />
                  )}
                </Col>
              </Row>
            ))}
          </Card>

          {standard.sections.map((section) => {
            const score = result.sections.find((s) => s.code === section.code)!;
            return (
              <Card key={section.code} size="small" style={{ marginBottom: 16 }} title={`${section.title}（${section.points} 分）`} extra={<Typography.Text>本部分得分 <b>{score.score}</b> / {section.points}</Typography.Text>}>
                <Table
                  rowKey="code"
                  size="small"
                  pagination={false}
                  dataSource={section.criteria}
                  columns={[
                    { title: '评查内容', render: (_, c) => c.title },
                    { title: '最高扣分', width: 90, render: (_, c) => c.maxDeduction },
                    { title: '扣分', width: 120, render: (_, c) => (
                      <InputNumber aria-label={`扣分：${c.title}`} min={0} max={c.maxDeduction} step={0.5} precision={Number.isInteger(deductions[c.code]?.points ?? 0) ? 0 : 1} disabled={readOnly} style={{ width: 100 }} placeholder="0"
                        value={deductions[c.code]?.points ?? null} onChange={(v) => setDeduction(c.code, { points: typeof v === 'number' ? v : null })} />
                    ) },
                    { title: '存在的问题（扣分必填）', width: '45%', render: (_, c) => {
                      const d = deductions[c.code];
                      return (
                        <Input aria-label={`问题：${c.title}`} placeholder={d?.points ? '写明存在的问题，如：询问笔录无执法人员签名' : '扣分时填写'} disabled={readOnly} maxLength={2000}
                          value={d?.note ?? ''} status={d?.points && !d.note.trim() ? 'error' : undefined} onChange={(e) => setDeduction(c.code, { note: e.target.value })} />
                      );
                    } },
                  ]}
                />
              </Card>
            );
          })}

          <Card size="small" title="评查意见">
            <Input.TextArea aria-label="评查意见" rows={3} value={comment} disabled={readOnly} maxLength={5000} showCount onChange={(e) => setComment(e.target.value)} placeholder="对该卷的总体评价，如：案卷整体规范，程序方面存在瑕疵。" />
          </Card>
        </Col>

        <Col flex="280px">
          <Affix offsetTop={16}>
            <Card size="small" title="得分（实时计算）">
              <Statistic title="总分" value={result.score} suffix="/ 100" formatter={(v) => <span data-testid="sheet-total">{v}</span>} />
              <div style={{ margin: '8px 0' }}>等次：<Tag color={GRADE_COLORS[result.grade]} data-testid="sheet-grade">{GRADE_LABELS[result.grade]}</Tag></div>
              {result.vetoed && <Alert type="error" showIcon title={standard.vetoMeansFail ? '一票否决：该卷 0 分，不合格' : '一票否决：不得评为优秀'} style={{ marginBottom: 8 }} />}
              <Typography.Text type="secondary">扣分 {sheet.deductions.length} 项，否决 {sheet.vetoes.length} 项</Typography.Text>
              {missingNotes > 0 && <div><Typography.Text type="danger">还有 {missingNotes} 项未写明问题或否决理由</Typography.Text></div>}
              <Divider style={{ margin: '12px 0' }} />
              {!readOnly && (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <ApiErrorView error={error} />
                  <Button block onClick={() => save.mutate()} loading={save.isPending}>保存草稿</Button>
                  <Popconfirm title={`提交后不能再改（除非监督科退回复核）。按 ${result.score} 分、${GRADE_LABELS[result.grade]} 提交？`} okText="提交" cancelText="取消" onConfirm={() => submit.mutate()} disabled={problems.length > 0}>
                    <Button block type="primary" loading={submit.isPending} disabled={problems.length > 0}>{detail.status === 'returned' ? '重新提交' : '提交评查表'}</Button>
                  </Popconfirm>
                  <Button block danger onClick={() => setRecusing(true)}>申请回避</Button>
                </Space>
              )}
            </Card>
          </Affix>
        </Col>
      </Row>

      <Modal open={recusing} title={`申请回避：${detail.caseFile.caseNumber}`} okText="确认回避" cancelText="取消" okButtonProps={{ danger: true, disabled: !reason.trim(), loading: recuse.isPending }} onCancel={() => setRecusing(false)} onOk={() => recuse.mutate()}>
        <ApiErrorView error={recuse.error} />
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="回避后该卷从您的列表移出，由系统从评查人员库改派他人；已填写的草稿不再保留给您。" />
        <Input.TextArea aria-label="回避理由" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="回避理由，如：本人近亲属系该案当事人" maxLength={500} showCount />
      </Modal>
    </Space>
  );
}

function ScanList({ caseFileId }: { caseFileId: string }) {
  const scans = useQuery({ queryKey: ['scans', caseFileId], queryFn: () => call(api.GET('/api/v1/case-files/{id}/scans', { params: { path: { id: caseFileId } } })) });
  if (scans.error) return <ApiErrorView error={scans.error} />;
  if (!scans.data) return <Card loading bordered={false} />;
  return <ScanViewer scans={scans.data} />;
}
