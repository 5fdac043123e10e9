import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { SCAN_ACCEPT, SCAN_TYPES_TEXT } from '@rol/domain';
import { api, call, type Schemas } from '../../api/client';
import { ApiErrorView } from '../../components/ApiErrorView';
import { EvidenceUpload, type EvidenceInput } from '../../components/Evidence';
import { ScanViewer } from '../../components/Scans';
import { fmtDateTime } from '../../components/format';

type DrawnFile = Schemas['DrawnFileDto'];

/** 抽中案卷: after the draw, the department uploads the scans (电子卷宗) of its drawn files for the reviewers. */
export function DrawnFilesCard() {
  const list = useQuery({ queryKey: ['my-drawn-files'], queryFn: () => call(api.GET('/api/v1/me/drawn-files')) });
  const [editing, setEditing] = useState<DrawnFile>();
  const rows = list.data ?? [];
  if (list.data && rows.length === 0) return null; // nothing drawn yet: the catalogue alone
  const missing = rows.filter((f) => f.scans.length === 0).length;
  return (
    <Card title="抽中案卷（电子卷宗）" data-testid="drawn-files-mine" style={{ marginBottom: 16 }}>
      <ApiErrorView error={list.error} />
      {missing > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`本部门有 ${missing} 件抽中案卷尚未上传电子卷宗`} description={`请将案卷扫描为 ${SCAN_TYPES_TEXT}，点“上传电子卷宗”上传，供评查人员在线阅卷。`} />
      )}
      <Table<DrawnFile>
        rowKey={(f) => `${f.campaignId}-${f.caseFileId}`}
        size="small"
        loading={list.isFetching}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        columns={[
          { title: '年度工作周期', width: 180, dataIndex: 'campaignTitle' },
          { title: '案卷号', width: 180, dataIndex: 'caseNumber' },
          { title: '案卷名称', dataIndex: 'title' },
          { title: '类别', width: 90, dataIndex: 'caseTypeLabel' },
          { title: '评查截止', width: 150, render: (_, f) => fmtDateTime(f.reviewClosesAt) },
          { title: '电子卷宗', width: 200, render: (_, f) => (f.scans.length ? <Tag color="success">已上传 {f.scans.length} 个文件</Tag> : <Tag color="warning">未上传</Tag>) },
          { title: '操作', width: 130, render: (_, f) => <Button size="small" type={f.scans.length ? 'default' : 'primary'} icon={<UploadOutlined />} onClick={() => setEditing(f)}>{f.scans.length ? '查看 / 替换' : '上传电子卷宗'}</Button> },
        ]}
      />
      {editing && <ScansDialog file={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}

function ScansDialog({ file, onClose }: { file: DrawnFile; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [files, setFiles] = useState<EvidenceInput[]>(() => file.scans.map((s) => ({ name: s.fileName, attachmentId: s.attachmentId })));
  const save = useMutation({
    mutationFn: () => call(api.PUT('/api/v1/case-files/{id}/scans', { params: { path: { id: file.caseFileId } }, body: { attachmentIds: files.flatMap((f) => (f.attachmentId ? [f.attachmentId] : [])) } })),
    onSuccess: (scans) => { message.success(`电子卷宗已保存：${scans.length} 个文件`); void client.invalidateQueries({ queryKey: ['my-drawn-files'] }); onClose(); },
  });
  return (
    <Modal open width={760} title={`电子卷宗：${file.caseNumber} ${file.title}`} okText="保存电子卷宗" cancelText="取消" onCancel={onClose} onOk={() => save.mutate()} okButtonProps={{ loading: save.isPending }}>
      <ApiErrorView error={save.error} />
      <Typography.Paragraph type="secondary">按卷内顺序上传扫描件（可多个文件）。保存后，分配评查该卷的评查人员即可在线阅卷；移除列表中的文件并保存即替换。其他部门看不到本部门的电子卷宗。</Typography.Paragraph>
      <EvidenceUpload value={files} onChange={setFiles} accept={SCAN_ACCEPT} types={SCAN_TYPES_TEXT} />
      {file.scans.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>已保存的电子卷宗</Typography.Title>
          <ScanViewer scans={file.scans} />
        </>
      )}
    </Modal>
  );
}

/** On the inbox: drawn files still without scans, with the way to upload them. */
export function MissingScansNotice() {
  const list = useQuery({ queryKey: ['my-drawn-files'], queryFn: () => call(api.GET('/api/v1/me/drawn-files')) });
  const missing = (list.data ?? []).filter((f) => f.scans.length === 0).length;
  if (missing === 0) return null;
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`本部门有 ${missing} 件案卷被抽中评查，尚未上传电子卷宗`}
      action={<Link to="/case-files"><Button size="small" type="primary">去上传</Button></Link>} />
  );
}
