import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Progress, Select, Space, Table, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { CASE_FILE_STATUS_LABELS, CASE_FILE_STATUSES, CASE_TYPE_LABELS, CASE_TYPES } from '@rol/domain';
import { api, call, download, page, uploadImport, type Schemas } from '../api/client';
import { useSession } from '../auth/AuthContext';
import { isOffice } from '../auth/session';
import { ApiErrorView, errorText } from '../components/ApiErrorView';
import { DepartmentSelect } from '../components/DepartmentSelect';
import { DrawnFilesCard } from './department/DrawnFilesCard';

type CaseFile = Schemas['CaseFileDto'];
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

/** Import with a progress bar: the API checks rows as the bytes arrive, so a large file shows steady progress, then the write. */
function ImportDialog({ office, onClose }: { office: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [departmentId, setDepartmentId] = useState<string>();
  const [progress, setProgress] = useState<{ percent: number; file: File }>();
  const run = useMutation({
    mutationFn: (file: File) => {
      setProgress({ percent: 0, file });
      const query = departmentId ? `?departmentId=${departmentId}` : '';
      return uploadImport<Schemas['CaseFileImportResultDto']>(`/api/v1/case-files/import${query}`, file, (percent) => setProgress({ percent, file }));
    },
    onSuccess: (r) => {
      message.success(`导入完成：共 ${r.total.toLocaleString('zh-CN')} 件，新增 ${r.created.toLocaleString('zh-CN')}，更新 ${r.updated.toLocaleString('zh-CN')}，未变 ${r.unchanged.toLocaleString('zh-CN')}`);
      void client.invalidateQueries({ queryKey: ['case-files'] });
      onClose();
    },
    onSettled: () => setProgress(undefined),
  });
  const template = (format: 'xlsx' | 'csv') => download(`/api/v1/case-files/import-template?format=${format}`, `案卷目录导入模板.${format}`).catch((e) => message.error(errorText(e)));
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return (
    <Modal open title="批量导入案卷目录" footer={null} onCancel={run.isPending ? undefined : onClose} closable={!run.isPending} mask={{ closable: !run.isPending }} width={760}>
      <Typography.Paragraph>
        按模板填写后上传 Excel（.xlsx）或 CSV 文件，表头为 <b>部门编码、案卷号、案卷类别、案卷名称、决定日期、承办人、状态</b>。
        {office ? '部门编码写明每件案卷所属的部门；也可在下方选定一个部门，整份文件导入该部门。' : '部门编码可不填（导入本部门）。'}
        同一部门的案卷号已存在的按文件更新。<b>任一行有误则整批不导入</b>，下方列出每个错误所在的行号（与 Excel 左侧行号一致）。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>下载 Excel 模板</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>下载 CSV 模板</Button>
        {office && <DepartmentSelect value={departmentId} onChange={setDepartmentId} placeholder="整份导入到某部门（可选）" style={{ width: 260 }} />}
      </Space>
      <ApiErrorView error={run.error} fieldLabels={IMPORT_COLUMN_LABELS} />
      {progress ? (
        <div data-testid="import-progress">
          <Typography.Text>{progress.file.name}（{mb(progress.file.size)}）</Typography.Text>
          <Progress percent={progress.percent} status="active" />
          <Typography.Text type="secondary">
            {progress.percent < 100
              ? `已上传并校验 ${mb((progress.file.size * progress.percent) / 100)} / ${mb(progress.file.size)}：服务器边接收边逐行校验`
              : <WritingFor file={progress.file} />}
          </Typography.Text>
        </div>
      ) : (
        <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(file) => { run.mutate(file); return false; }}>
          <p className="ant-upload-drag-icon"><UploadOutlined /></p>
          <p>点击或拖拽文件到此处上传</p>
          <p style={{ color: '#888' }}>支持百万行的目录文件；上传过程中请勿关闭本窗口</p>
        </Upload.Dragger>
      )}
    </Modal>
  );
}

/** The second phase of an import: every row is in and checked, the batch is being written; the seconds tick so that it never looks frozen. */
function WritingFor({ file }: { file: File }) {
  const [since] = useState(Date.now);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.round((Date.now() - since) / 1000);
  // Measured: 1,000,000 rows (105 MB) take about 20 s to write after the last byte arrives.
  const expected = Math.max(2, Math.round((file.size / (105 * 1024 * 1024)) * 20));
  return <>已全部接收并校验，正在整批写入数据库…（已用 {seconds} 秒，预计约 {expected} 秒；请勿关闭本窗口）</>;
}
