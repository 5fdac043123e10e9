import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { DEPARTMENT_KIND_LABELS, DEPARTMENT_KINDS } from '@rol/domain';
import { api, call, download, page, upload, type Schemas } from '../../api/client';
import { ApiErrorView, errorText } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';

type Department = Schemas['DepartmentDto'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KIND_OPTIONS = DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k] }));

export default function DepartmentsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<{ q?: string; kind?: Department['kind']; active?: 'true' | 'false' }>({});
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  const list = useQuery({
    queryKey: ['departments', filters, paging],
    queryFn: () => page(api.GET('/api/v1/departments', { params: { query: { ...filters, limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize } } })),
    placeholderData: keepPreviousData,
  });

  const toggle = useMutation({
    mutationFn: (d: Department) => call(api.PATCH('/api/v1/departments/{id}', { params: { path: { id: d.id } }, body: { active: !d.active } })),
    onSuccess: (d) => {
      message.success(d.active ? `已启用「${d.name}」` : `已停用「${d.name}」：不再列入新的年度工作周期`);
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <Card
      title="部门管理"
      extra={
        <Space>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>批量导入</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新建部门</Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder="按编码或名称搜索" style={{ width: 260 }} onSearch={(q) => { setFilters((f) => ({ ...f, q: q || undefined })); setPaging((p) => ({ ...p, current: 1 })); }} />
        <Select allowClear placeholder="类别" style={{ width: 180 }} options={KIND_OPTIONS} onChange={(kind) => { setFilters((f) => ({ ...f, kind })); setPaging((p) => ({ ...p, current: 1 })); }} />
        <Select allowClear placeholder="状态" style={{ width: 120 }} options={[{ value: 'true', label: '启用' }, { value: 'false', label: '停用' }]} onChange={(active) => { setFilters((f) => ({ ...f, active })); setPaging((p) => ({ ...p, current: 1 })); }} />
      </Space>
      {list.error && <ApiErrorView error={list.error} />}
      <Table<Department>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...paging, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 个部门`, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { title: '部门编码', dataIndex: 'code', width: 140 },
          { title: '部门名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', width: 180, render: (k: Department['kind']) => DEPARTMENT_KIND_LABELS[k] },
          { title: '状态', dataIndex: 'active', width: 90, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: fmtDateTime },
          {
            title: '操作',
            width: 150,
            render: (_, d) => (
              <Space>
                <Typography.Link onClick={() => setEditing(d)}>编辑</Typography.Link>
                <Popconfirm title={d.active ? `停用「${d.name}」？` : `启用「${d.name}」？`} description={d.active ? '停用后不再列入新的年度工作周期，已有任务不受影响。' : undefined} onConfirm={() => toggle.mutate(d)}>
                  <Typography.Link type={d.active ? 'danger' : undefined}>{d.active ? '停用' : '启用'}</Typography.Link>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <DepartmentForm department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </Card>
  );
}

function DepartmentForm({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { code: string; name: string; kind: Department['kind']; active: boolean }) =>
      department
        ? call(api.PATCH('/api/v1/departments/{id}', { params: { path: { id: department.id } }, body: { name: v.name, kind: v.kind, active: v.active } }))
        : call(api.POST('/api/v1/departments', { body: v })),
    onSuccess: (d) => {
      message.success(department ? `已保存「${d.name}」` : `已新建「${d.name}」`);
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
      onClose();
    },
  });
  return (
    <Modal open title={department ? `编辑部门：${department.name}` : '新建部门'} okText="保存" onOk={() => form.submit()} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <ApiErrorView error={save.error} />
      <Form form={form} layout="vertical" initialValues={department ?? { active: true, kind: 'bureau' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="code" label="部门编码" extra="1–32 位字母、数字、下划线或连字符，建立后不能修改" rules={[{ required: true, message: '请填写部门编码' }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, message: '部门编码须为 1–32 位字母、数字、下划线或连字符' }]}>
          <Input disabled={!!department} />
        </Form.Item>
        <Form.Item name="name" label="部门名称" rules={[{ required: true, whitespace: true, message: '请填写部门名称' }, { max: 100, message: '部门名称不超过 100 个字符' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportDialog({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (file: File) => upload<Schemas['ImportResultDto']>('/api/v1/departments/import', file, file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv'),
    onSuccess: (r) => {
      message.success(`导入完成：共 ${r.total} 行，新增 ${r.created} 个，更新 ${r.updated} 个`);
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
      onClose();
    },
  });
  return (
    <Modal open title="批量导入部门" footer={null} onCancel={onClose} width={720}>
      <Typography.Paragraph>
        按模板填写后上传 Excel（.xlsx）或 CSV 文件。表头为 <b>部门编码、部门名称、类别、是否启用</b>；类别填 行政机关、乡镇（街道）、法律法规授权组织、受委托组织 或 其他。
        编码已存在的部门按文件更新。<b>任一行有误则整批不导入</b>，下方会列出每个错误所在的行号（与 Excel 左侧行号一致）。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} onClick={() => download('/api/v1/departments/import-template?format=xlsx', '部门导入模板.xlsx').catch((e) => message.error(errorText(e)))}>下载 Excel 模板</Button>
        <Button icon={<DownloadOutlined />} onClick={() => download('/api/v1/departments/import-template?format=csv', '部门导入模板.csv').catch((e) => message.error(errorText(e)))}>下载 CSV 模板</Button>
      </Space>
      <ApiErrorView error={run.error} />
      <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} disabled={run.isPending} beforeUpload={(file) => { run.mutate(file); return false; }}>
        <p className="ant-upload-drag-icon"><UploadOutlined /></p>
        <p>{run.isPending ? '正在导入…' : '点击或拖拽文件到此处上传'}</p>
      </Upload.Dragger>
    </Modal>
  );
}
