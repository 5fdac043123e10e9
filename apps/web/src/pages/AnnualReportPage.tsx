import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Navigate, useParams } from 'react-router-dom';
import { api, call, download, type Schemas } from '../api/client';
import { useSession } from '../auth/AuthContext';
import { ApiErrorView, errorText } from '../components/ApiErrorView';
import { DepartmentSelect } from '../components/DepartmentSelect';
import { fmtDate, fmtDateTime } from '../components/format';

type Report = Schemas['AnnualReportDto'];
type Section = Schemas['AnnualReportSectionDto'];
type Figure = Schemas['AnnualReportFigureDto'];

const DAY = 86_400_000;

/** '还剩 12 天' / '今天到期' / '已逾期 3 天'. */
function remaining(dueAt: string): { text: string; color: string } {
  const days = Math.ceil((Date.parse(dueAt) - Date.now()) / DAY);
  if (days > 0) return { text: `还剩 ${days} 天`, color: days <= 7 ? 'orange' : 'blue' };
  if (days === 0) return { text: '今天到期', color: 'orange' };
  return { text: `已逾期 ${-days} 天`, color: 'red' };
}

const valueText = (f: Figure) => (f.value === null ? '—（不计算）' : typeof f.value === 'string' ? f.value : `${f.value}${f.unit}`);

/** One section: the text with its {{数据项}}, a picker that inserts one at the cursor, save, versions, preview. */
function SectionEditor({ campaignId, departmentId, section, figures, editable }: { campaignId: string; departmentId?: string; section: Section; figures: Figure[]; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(section.body);
  const [viewing, setViewing] = useState<number>();
  const ref = useRef<{ resizableTextArea?: { textArea: HTMLTextAreaElement } } | null>(null);
  /** Where the caret goes once an inserted figure is in the text (set in the same commit, so typing that follows lands after it). */
  const caretAfterInsert = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current?.resizableTextArea?.textArea;
    if (caretAfterInsert.current === null || !el) return;
    el.focus();
    el.setSelectionRange(caretAfterInsert.current, caretAfterInsert.current);
    caretAfterInsert.current = null;
  }, [body]);
  useEffect(() => setBody(section.body), [section.body]);
  const save = useMutation({
    mutationFn: () => call(api.PUT('/api/v1/campaigns/{campaignId}/annual-report/sections/{section}', { params: { path: { campaignId, section: section.code } }, body: { body } })),
    onSuccess: (r) => {
      queryClient.setQueryData(['annual-report', campaignId, departmentId ?? null], r);
      const saved = r.sections.find((s) => s.code === section.code)!;
      message.success(saved.version === section.version ? '内容没有变化，未产生新版本' : `已保存为第 ${saved.version} 版`);
    },
  });
  const versions = useQuery({
    queryKey: ['annual-report-versions', campaignId, departmentId ?? null, section.code, section.version],
    enabled: viewing !== undefined,
    queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/annual-report/sections/{section}/versions', { params: { path: { campaignId, section: section.code }, query: { departmentId } } })),
  });
  /** A change of text clears the refusal of the last save (it was about the text as it was). */
  const edit = (text: string) => {
    setBody(text);
    if (save.error) save.reset();
  };
  const insert = (key: string) => {
    const el = ref.current?.resizableTextArea?.textArea;
    const at = el?.selectionStart ?? body.length;
    const token = `{{${key}}}`;
    caretAfterInsert.current = at + token.length;
    edit(body.slice(0, at) + token + body.slice(el?.selectionEnd ?? at));
  };
  const preview = body.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, key: string) => figures.find((f) => f.key === key)?.text ?? `【未知数据项 ${whole}】`);
  const shown = versions.data?.find((v) => v.version === viewing);
  return (
    <Card size="small" title={section.title} data-section={section.code}
      extra={<Space>
        <Typography.Text type="secondary">{section.version ? `第 ${section.version} 版 · ${fmtDateTime(section.versions[0]?.savedAt)} ${section.versions[0]?.savedBy ?? ''}` : '默认草稿（尚未保存）'}</Typography.Text>
        {section.versions.length > 0 && (
          <Select className="version-picker" size="small" placeholder="历史版本" style={{ width: 120 }} value={viewing} onChange={setViewing}
            options={section.versions.map((v) => ({ value: v.version, label: `第 ${v.version} 版` }))} />
        )}
      </Space>}>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Input.TextArea ref={ref as never} value={body} onChange={(e) => edit(e.target.value)} autoSize={{ minRows: 6, maxRows: 20 }} readOnly={!editable} aria-label={`${section.title} 正文`} />
          {editable && (
            <Space style={{ marginTop: 8 }} wrap>
              <Select className="figure-picker" showSearch placeholder="插入数据" style={{ width: 260 }} value={null} onChange={(k: string) => insert(k)} optionFilterProp="label"
                options={figures.map((f) => ({ value: f.key, label: `${f.label}（${valueText(f)}）` }))} />
              <Button type="primary" loading={save.isPending} disabled={body === section.body && section.version > 0} onClick={() => save.mutate()}>保存（新版本）</Button>
              {body !== section.body && <Button onClick={() => edit(section.body)}>撤销修改</Button>}
            </Space>
          )}
          <ApiErrorView error={save.error} fieldLabels={{ body: '正文', section: '章节' }} />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text type="secondary">预览（填入数据后）</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap', fontFamily: 'FangSong, STFangsong, serif', fontSize: 15, lineHeight: 1.9, background: '#fafafa', padding: 12, marginTop: 4 }} data-testid={`preview-${section.code}`}>{preview}</div>
        </Col>
      </Row>
      <Modal open={viewing !== undefined} onCancel={() => setViewing(undefined)} title={`${section.title} · 第 ${viewing} 版`} width={760}
        footer={[
          editable && shown ? <Button key="use" onClick={() => { edit(shown.body); setViewing(undefined); }}>以此版本为底稿继续编辑</Button> : null,
          <Button key="close" type="primary" onClick={() => setViewing(undefined)}>关闭</Button>,
        ]}>
        {shown ? (
          <>
            <Typography.Paragraph type="secondary">{fmtDateTime(shown.savedAt)} · {shown.savedBy} 保存</Typography.Paragraph>
            <div style={{ whiteSpace: 'pre-wrap', fontFamily: 'FangSong, STFangsong, serif', fontSize: 15, lineHeight: 1.9 }}>{shown.filled}</div>
          </>
        ) : <Card loading />}
      </Modal>
    </Card>
  );
}

/** 年度报告: the figures with 统计口径, the five sections, 报送, the Word file. */
export function AnnualReport({ campaignId }: { campaignId: string }) {
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const office = session.role === 'office_admin' || session.role === 'office_staff';
  const [departmentId, setDepartmentId] = useState<string>();
  const report = useQuery({
    queryKey: ['annual-report', campaignId, departmentId ?? null],
    queryFn: () => call(api.GET('/api/v1/campaigns/{campaignId}/annual-report', { params: { path: { campaignId }, query: { departmentId } } })),
  });
  const submit = useMutation({
    mutationFn: () => call(api.POST('/api/v1/campaigns/{campaignId}/annual-report/submit', { params: { path: { campaignId } } })),
    onSuccess: (r) => { queryClient.setQueryData(['annual-report', campaignId, null], r); message.success('已标记为已报送'); },
  });
  if (report.error) return <ApiErrorView error={report.error} />;
  const r: Report | undefined = report.data;
  if (!r) return <Card loading />;
  // The office writes its own report; a department's draft it only reads. A submitted report is kept as sent.
  const editable = !r.submittedAt && (office ? !departmentId : true);
  const due = remaining(r.dueAt);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {office && (
        <Space>
          <Typography.Text>查看：</Typography.Text>
          <DepartmentSelect value={departmentId} onChange={setDepartmentId} placeholder="本机关报告（全区）" style={{ width: 260 }} />
          {departmentId && <Typography.Text type="secondary">部门的年度报告草稿由部门自行撰写，监督科只能查看。</Typography.Text>}
        </Space>
      )}
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={[
        { key: 'title', label: '标题', children: r.title, span: 3 },
        { key: 'due', label: '报送期限', children: <Space>{fmtDate(r.dueAt)}{!r.submittedAt && <Tag color={due.color}>{due.text}</Tag>}</Space> },
        { key: 'state', label: '报送情况', children: r.submittedAt ? <Tag color="green">已报送 {fmtDateTime(r.submittedAt)} {r.submittedBy}</Tag> : <Tag>未报送</Tag> },
        {
          key: 'actions', label: '操作', children: (
            <Space wrap>
              <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/campaigns/${campaignId}/annual-report/docx${departmentId ? `?departmentId=${departmentId}` : ''}`, `${r.title}.docx`).catch((e) => message.error(errorText(e)))}>下载报告（Word）</Button>
              {editable && (
                <Popconfirm title="标记为已报送后，各节不能再修改。确认已按期报送？" onConfirm={() => submit.mutate()}>
                  <Button type="primary" loading={submit.isPending}>标记为已报送</Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]} />
      <ApiErrorView error={submit.error} />
      {r.submittedAt && <Alert type="success" showIcon message="报告已报送，正文按报送时的内容保留。" />}
      {r.sections.map((s) => <SectionEditor key={`${departmentId ?? 'office'}-${s.code}`} campaignId={campaignId} departmentId={departmentId} section={s} figures={r.figures} editable={editable} />)}
      <Card size="small" title="报告引用的数据及统计口径（附件：数据说明）">
        <Typography.Paragraph type="secondary">数据均取自本系统记录的办理情况，随办理实时更新；正文中以 {'{{数据项}}'} 引用，下载的 Word 报告附件列出正文引用的每一项。</Typography.Paragraph>
        <Table<Figure> rowKey="key" size="small" pagination={false} dataSource={r.figures} columns={[
          { title: '数据项', dataIndex: 'label', width: 180 },
          { title: '数值', key: 'value', width: 140, render: (_, f) => valueText(f) },
          { title: '统计口径', dataIndex: 'counts' },
          { title: '引用写法', dataIndex: 'key', width: 240, render: (k: string) => <Typography.Text code copyable>{`{{${k}}}`}</Typography.Text> },
        ]} />
      </Card>
    </Space>
  );
}

/** 本单位年度报告: the department's draft for a campaign (the newest when none is named). */
export default function AnnualReportPage() {
  const { campaignId } = useParams();
  const mine = useQuery({ queryKey: ['my-annual-reports'], queryFn: () => call(api.GET('/api/v1/me/annual-reports')) });
  if (mine.error) return <ApiErrorView error={mine.error} />;
  if (!mine.data) return <Card loading />;
  if (mine.data.length === 0) return <Card><Empty description="本单位尚未纳入任何年度工作周期，暂无年度报告" /></Card>;
  if (!campaignId) return <Navigate to={`/annual-report/${mine.data[0].campaignId}`} replace />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>本单位年度报告</Typography.Title>
      <AnnualReport campaignId={campaignId} />
    </Space>
  );
}
