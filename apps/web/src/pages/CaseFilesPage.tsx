import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { CASE_FILE_STATUS_LABELS, CASE_FILE_STATUSES, CASE_TYPE_LABELS, CASE_TYPES } from '@rol/domain';
import { ApiError, api, call, download, page, uploadImport, type Schemas } from '../api/client';
import { useSession } from '../auth/AuthContext';
import { isOffice } from '../auth/session';
import { ApiErrorView, errorText } from '../components/ApiErrorView';
import { DepartmentSelect } from '../components/DepartmentSelect';
import { fmtDateTime } from '../components/format';
import { DrawnFilesCard } from './department/DrawnFilesCard';

type CaseFile = Schemas['CaseFileDto'];
type ImportJob = Schemas['CaseFileImportDto'];
type Filters = { departmentId?: string; q?: string; caseType?: string; status?: string; range?: [Dayjs, Dayjs] };

/** The import's columns as the template names them. */
const IMPORT_COLUMN_LABELS: Record<string, string> = {
  department_code: '部门编码', case_number: '案卷号', case_type: '案卷类别', title: '案卷名称', decision_date: '决定日期', handling_officer: '承办人', status: '状态', header: '表头', rows: '数据行',
};

const TYPE_OPTIONS = CASE_TYPES.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] }));
const STATUS_OPTIONS = CASE_FILE_STATUSES.map((s) => ({ value: s, label: CASE_FILE_STATUS_LABELS[s] }));

/** 案卷目录: the office sees every department's catalogue (filter by department), a department its own; register one file or import a spreadsheet. */
export default function CaseFilesPage() {
  const session = useSession();
  const office = isOffice(session.role);
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<'create' | 'import'>();
  const set = (f: Partial<Filters>) => { setFilters((old) => ({ ...old, ...f })); setPaging((p) => ({ ...p, current: 1 })); };
  const list = useQuery({
    queryKey: ['case-files', filters, paging],
    placeholderData: keepPreviousData,
    queryFn: () => page(api.GET('/api/v1/case-files', { params: { query: {
      departmentId: filters.departmentId, q: filters.q, caseType: filters.caseType as CaseFile['caseType'] | undefined, status: filters.status as CaseFile['status'] | undefined,
      from: filters.range?.[0].format('YYYY-MM-DD'), to: filters.range?.[1].format('YYYY-MM-DD'),
      limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize,
    } } })),
  });
  return (
    <>
    {!office && <DrawnFilesCard />}
    <Card
      title={office ? '案卷目录（各部门）' : '本部门案卷目录'}
      extra={
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>登记案卷</Button>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setDialog('import')}>批量导入</Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {office && <DepartmentSelect value={filters.departmentId} onChange={(departmentId) => set({ departmentId })} />}
        <Input.Search allowClear placeholder="案卷号或案卷名称" style={{ width: 220 }} onSearch={(v) => set({ q: v || undefined })} />
        <Select allowClear placeholder="案卷类别" style={{ width: 130 }} options={TYPE_OPTIONS} onChange={(caseType) => set({ caseType })} />
        <Select allowClear placeholder="状态" style={{ width: 110 }} options={STATUS_OPTIONS} onChange={(status) => set({ status })} />
        <DatePicker.RangePicker placeholder={['决定日期起', '决定日期止']} onChange={(r) => set({ range: r?.[0] && r[1] ? [r[0], r[1]] : undefined })} />
      </Space>
      <ApiErrorView error={list.error} />
      <Table<CaseFile>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: '暂无案卷：点“批量导入”上传案卷目录，或“登记案卷”逐件登记' }}
        pagination={{ ...paging, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 件`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          ...(office ? [{ title: '部门', width: 180, render: (_: unknown, f: CaseFile) => f.departmentName }] : []),
          { title: '案卷号', dataIndex: 'caseNumber', width: 200 },
          { title: '案卷名称', dataIndex: 'title' },
          { title: '类别', dataIndex: 'caseTypeLabel', width: 100 },
          { title: '决定日期', dataIndex: 'decisionDate', width: 110 },
          { title: '承办人', dataIndex: 'handlingOfficer', width: 140 },
          { title: '状态', dataIndex: 'statusLabel', width: 80 },
        ]}
      />
      {dialog === 'create' && <CreateDialog office={office} onClose={() => setDialog(undefined)} />}
      {dialog === 'import' && <ImportDialog office={office} onClose={() => setDialog(undefined)} />}
    </Card>
    <ImportsCard office={office} />
    </>
  );
}

function CreateDialog({ office, onClose }: { office: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown> & { decisionDate: Dayjs }) =>
      call(api.POST('/api/v1/case-files', { body: { ...v, decisionDate: v.decisionDate.format('YYYY-MM-DD') } as Schemas['CreateCaseFileDto'] })),
    onSuccess: (f) => { message.success(`已登记：${f.caseNumber}`); void client.invalidateQueries({ queryKey: ['case-files'] }); onClose(); },
  });
  return (
    <Modal open title="登记案卷" okText="登记" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <ApiErrorView error={create.error} />
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ status: 'concluded' }}>
        {office && (
          <Form.Item name="departmentId" label="所属部门" rules={[{ required: true, message: '请选择所属部门' }]}>
            <DepartmentSelect placeholder="选择部门" onChange={(id) => form.setFieldValue('departmentId', id)} />
          </Form.Item>
        )}
        <Form.Item name="caseNumber" label="案卷号" rules={[{ required: true, message: '请填写案卷号' }]}><Input placeholder="如 市监罚〔2026〕12号" /></Form.Item>
        <Form.Item name="title" label="案卷名称" rules={[{ required: true, message: '请填写案卷名称' }]}><Input /></Form.Item>
        <Form.Item name="caseType" label="案卷类别" rules={[{ required: true, message: '请选择案卷类别' }]}><Select options={TYPE_OPTIONS} /></Form.Item>
        <Form.Item name="decisionDate" label="决定日期" rules={[{ required: true, message: '请选择决定日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="handlingOfficer" label="承办人" rules={[{ required: true, message: '请填写承办人' }]}><Input placeholder="如 张三、李四" /></Form.Item>
        <Form.Item name="status" label="状态"><Select options={STATUS_OPTIONS} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** A job still running (the worker reads, checks and writes the file). */
const RUNNING = new Set<ImportJob['status']>(['queued', 'reading', 'merging']);
const STATUS_COLORS: Record<ImportJob['status'], string> = { queued: 'default', reading: 'processing', merging: 'processing', succeeded: 'success', rejected: 'error', failed: 'warning' };
const n = (v: number) => v.toLocaleString('zh-CN');
const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** One job's state in words: progress while it runs, the counts or the reason once it is done. */
function importSummary(job: ImportJob): string {
  switch (job.status) {
    case 'queued': return '已收到文件，排队等待导入';
    case 'reading': return `已读取 ${n(job.rowsRead)} 行，校验通过并写入 ${n(job.rowsWritten)} 行`;
    case 'merging': return `${n(job.rowsRead)} 行全部校验通过，正在写入案卷目录`;
    case 'succeeded': return `共 ${n(job.result!.total)} 件：新增 ${n(job.result!.created)}，更新 ${n(job.result!.updated)}，未变 ${n(job.result!.unchanged)}`;
    case 'rejected': return job.errorCount ? `${n(job.errorCount)} 处错误${job.badRows ? `，涉及 ${n(job.badRows)} 行` : ''}，未写入任何数据` : '文件无法读取，未写入任何数据';
    case 'failed': return '系统故障，未写入任何数据，请重新提交';
  }
}

/** A refused job's message and rows, shown as the API's own refusals are. */
const rejection = (job: ImportJob) => new ApiError(400, { statusCode: 400, code: 'IMPORT_REJECTED', message: job.message ?? '导入被拒绝', errors: job.errors });

function useImportJob(id: string | undefined) {
  return useQuery({
    queryKey: ['case-file-import', id],
    enabled: Boolean(id),
    queryFn: () => call(api.GET('/api/v1/case-files/imports/{id}', { params: { path: { id: id! } } })),
    refetchInterval: (q) => (q.state.data && !RUNNING.has(q.state.data.status) ? false : 1000),
  });
}

/**
 * Import as a job: the file is uploaded (a progress bar), then the worker reads, checks and writes it
 * while the dialog shows rows read and written; the dialog may be closed, the job goes on and 导入记录 shows it.
 */
function ImportDialog({ office, onClose }: { office: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [departmentId, setDepartmentId] = useState<string>();
  const [upload, setUpload] = useState<{ percent: number; file: File }>();
  const [jobId, setJobId] = useState<string>();
  const submit = useMutation({
    mutationFn: (file: File) => {
      setUpload({ percent: 0, file });
      const query = new URLSearchParams({ fileName: file.name, ...(departmentId ? { departmentId } : {}) });
      return uploadImport<ImportJob>(`/api/v1/case-files/imports?${query}`, file, (percent) => setUpload({ percent, file }));
    },
    onSuccess: (job) => {
      client.setQueryData(['case-file-import', job.id], job); // the accepted job, at once
      setJobId(job.id);
      void client.invalidateQueries({ queryKey: ['case-file-imports'] });
    },
    onError: () => setUpload(undefined),
  });
  const followed = useImportJob(jobId);
  const job = followed.data;
  const finished = job && !RUNNING.has(job.status);
  useEffect(() => {
    if (!finished) return;
    void client.invalidateQueries({ queryKey: ['case-file-imports'] });
    if (job.status === 'succeeded') {
      void client.invalidateQueries({ queryKey: ['case-files'] });
      message.success(`导入完成：${importSummary(job)}`);
    }
  }, [finished]); // once, when the job finishes
  const again = () => { setJobId(undefined); setUpload(undefined); submit.reset(); };
  const template = (format: 'xlsx' | 'csv') => download(`/api/v1/case-files/import-template?format=${format}`, `案卷目录导入模板.${format}`).catch((e) => message.error(errorText(e)));
  const uploading = submit.isPending;
  return (
    <Modal open title="批量导入案卷目录" footer={null} onCancel={uploading ? undefined : onClose} closable={!uploading} mask={{ closable: !uploading }} width={760}>
      <Typography.Paragraph>
        按模板填写后上传 Excel（.xlsx）或 CSV 文件，表头为 <b>部门编码、案卷号、案卷类别、案卷名称、决定日期、承办人、状态</b>。
        {office ? '部门编码写明每件案卷所属的部门；也可在下方选定一个部门，整份文件导入该部门。' : '部门编码可不填（导入本部门）。'}
        同一部门的案卷号已存在的按文件更新。<b>任一行有误则整批不导入</b>，下方列出每个错误所在的行号（与 Excel 左侧行号一致）。
      </Typography.Paragraph>
      {!upload && (
        <Space style={{ marginBottom: 16 }} wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>下载 Excel 模板</Button>
          <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>下载 CSV 模板</Button>
          {office && <DepartmentSelect value={departmentId} onChange={setDepartmentId} placeholder="整份导入到某部门（可选）" style={{ width: 260 }} />}
        </Space>
      )}
      <ApiErrorView error={submit.error ?? followed.error} fieldLabels={IMPORT_COLUMN_LABELS} />
      {!upload ? (
        <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(file) => { submit.mutate(file); return false; }}>
          <p className="ant-upload-drag-icon"><UploadOutlined /></p>
          <p>点击或拖拽文件到此处上传</p>
          <p style={{ color: '#888' }}>支持百万行的目录文件；上传完成后在后台导入，可关闭本窗口，在“导入记录”中查看进度</p>
        </Upload.Dragger>
      ) : (
        <div data-testid="import-progress">
          <Typography.Text strong>{upload.file.name}（{mb(upload.file.size)}）</Typography.Text>
          {!job ? (
            <>
              <Progress percent={upload.percent} status="active" />
              <Typography.Text type="secondary">正在上传 {mb((upload.file.size * upload.percent) / 100)} / {mb(upload.file.size)}：上传完成前请勿关闭本窗口</Typography.Text>
            </>
          ) : (
            <JobProgress job={job} />
          )}
          {job?.status === 'rejected' && <div style={{ marginTop: 16 }}><ApiErrorView error={rejection(job)} fieldLabels={IMPORT_COLUMN_LABELS} /></div>}
          {job?.status === 'failed' && <Alert style={{ marginTop: 16 }} type="warning" showIcon title={job.message ?? '导入未完成'} />}
          <div style={{ marginTop: 16, textAlign: 'right' }}>
            <Space>
              {finished && job.status === 'rejected' && <Button type="primary" onClick={again}>改好后重新选择文件</Button>}
              {finished && job.status === 'failed' && <Button type="primary" onClick={again}>重新提交文件</Button>}
              {finished && <Button onClick={onClose}>关闭</Button>}
              {job && !finished && <Button onClick={onClose}>关闭窗口（导入在后台继续）</Button>}
            </Space>
          </div>
        </div>
      )}
    </Modal>
  );
}

/** Rows read and written while the worker runs; the bar follows the bytes read (CSV), or runs until the end (XLSX). */
function JobProgress({ job }: { job: ImportJob }) {
  // An XLSX is unzipped as it is read: its bytes say nothing of the rows left, so its bar only runs.
  const percent = job.status === 'succeeded' ? 100 : job.status === 'merging' ? 99 : job.status === 'reading' && job.format === 'csv' && job.sizeBytes > 0 ? Math.min(98, Math.floor((job.bytesRead / job.sizeBytes) * 98)) : 0;
  const indeterminate = job.status === 'reading' && job.format === 'xlsx';
  const status = job.status === 'succeeded' ? 'success' : job.status === 'rejected' || job.status === 'failed' ? 'exception' : 'active';
  return (
    <>
      <Progress percent={indeterminate ? 100 : percent} status={status} showInfo={!indeterminate} strokeColor={indeterminate ? '#91caff' : undefined} />
      <Space size="large" wrap>
        <Tag color={STATUS_COLORS[job.status]}>{job.statusLabel}</Tag>
        <Typography.Text data-testid="import-rows">
          已读取 {n(job.rowsRead)} 行 · {job.status === 'rejected' || job.status === 'failed' ? '未写入任何数据' : `已写入 ${n(job.status === 'succeeded' ? job.result!.total : job.rowsWritten)} 行`}
        </Typography.Text>
        {(job.status === 'queued' || job.status === 'merging' || job.status === 'succeeded') && <Typography.Text type="secondary">{importSummary(job)}</Typography.Text>}
      </Space>
      {job.status === 'merging' && <div><Typography.Text type="secondary">全部校验通过后一次写入（全部或全不），百万行约需十余秒</Typography.Text></div>}
    </>
  );
}

/** 导入记录: every import the caller may see, newest first, with its progress or outcome; a refused one opens its errors. */
function ImportsCard({ office }: { office: boolean }) {
  const [paging, setPaging] = useState({ current: 1, pageSize: 5 });
  const [shown, setShown] = useState<ImportJob>();
  const list = useQuery({
    queryKey: ['case-file-imports', paging],
    placeholderData: keepPreviousData,
    queryFn: () => page(api.GET('/api/v1/case-files/imports', { params: { query: { limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
    refetchInterval: (q) => (q.state.data?.items.some((j) => RUNNING.has(j.status)) ? 2000 : false),
  });
  if (list.data?.total === 0) return null;
  return (
    <Card title="导入记录" size="small" style={{ marginTop: 16 }}>
      <ApiErrorView error={list.error} />
      <Table<ImportJob>
        rowKey="id"
        size="small"
        dataSource={list.data?.items}
        pagination={{ ...paging, total: list.data?.total ?? 0, size: 'small', onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { title: '提交时间', width: 150, render: (_, j) => fmtDateTime(j.submittedAt) },
          { title: '文件', render: (_, j) => `${j.fileName}（${mb(j.sizeBytes)}）` },
          ...(office ? [{ title: '导入到', width: 160, render: (_: unknown, j: ImportJob) => j.departmentName ?? '按部门编码' }] : []),
          { title: '提交人', dataIndex: 'submittedByName', width: 100 },
          { title: '状态', width: 120, render: (_, j) => <Tag color={STATUS_COLORS[j.status]}>{j.statusLabel}</Tag> },
          { title: '进度 / 结果', render: (_, j) => (j.status === 'rejected' ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShown(j)}>{importSummary(j)}：查看错误</Button> : importSummary(j)) },
        ]}
      />
      {shown && (
        <Modal open title={`导入被拒绝：${shown.fileName}`} footer={null} width={760} onCancel={() => setShown(undefined)}>
          <ApiErrorView error={rejection(shown)} fieldLabels={IMPORT_COLUMN_LABELS} />
        </Modal>
      )}
    </Card>
  );
}
