import { InboxOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Space, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES_TEXT } from '@rol/domain';
import { api, call, download, uploadAttachment, type Schemas } from '../api/client';
import { errorText } from './ApiErrorView';

/** One 佐证材料 as the API records it: an uploaded attachment or a link. */
export type StoredEvidence = Schemas['StoredEvidenceDto'];
/** What a form sends: uploaded attachments by id (or links already recorded). */
export type EvidenceInput = { name: string; attachmentId?: string; uri?: string };

const sizeText = (bytes?: number) => (bytes === undefined ? '' : bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The recorded evidence: attachments download with the user's session; links open in a new tab. */
export function EvidenceList({ evidence }: { evidence: StoredEvidence[] }) {
  const { message } = App.useApp();
  if (evidence.length === 0) return <>—</>;
  return (
    <Space orientation="vertical" size={2}>
      {evidence.map((e, i) => (
        <span key={`${e.uri}-${i}`}>
          <PaperClipOutlined />{' '}
          {e.attachmentId ? (
            <Typography.Link onClick={() => download(e.uri, e.name).catch((err) => message.error(errorText(err)))}>{e.name}</Typography.Link>
          ) : (
            <a href={e.uri} target="_blank" rel="noreferrer">{e.name}</a>
          )}
          {e.sizeBytes !== undefined && <Typography.Text type="secondary"> （{sizeText(e.sizeBytes)}）</Typography.Text>}
        </span>
      ))}
    </Space>
  );
}

/**
 * Uploads evidence as it is chosen (with a progress bar per file) and hands the form the uploaded
 * attachments. A refused file shows the API's reason and is not sent with the form.
 */
export function EvidenceUpload({ value = [], onChange, disabled, compact, accept = ATTACHMENT_ACCEPT, types }: { value?: EvidenceInput[]; onChange?: (v: EvidenceInput[]) => void; disabled?: boolean; compact?: boolean; accept?: string; types?: string }) {
  const { message } = App.useApp();
  // What was already recorded shows as done; new files are uploaded as they are chosen.
  const [files, setFiles] = useState<UploadFile[]>(() =>
    value.map((e, i) => ({ uid: `recorded-${i}`, name: e.name, status: 'done' as const, response: e.attachmentId ? { id: e.attachmentId } : undefined, url: e.attachmentId ? undefined : e.uri })),
  );
  const sync = (next: UploadFile[]) => {
    setFiles(next);
    onChange?.(next.filter((f) => f.status === 'done').map((f) => (f.response?.id ? { name: f.name, attachmentId: f.response.id as string } : { name: f.name, uri: f.url })));
  };
  const limits = useQuery({ queryKey: ['attachment-limits'], queryFn: () => call(api.GET('/api/v1/attachments/limits')), staleTime: Infinity });
  const hint = limits.data ? `${types ?? limits.data.types}，单个文件不超过 ${limits.data.maxMb} MB` : (types ?? ATTACHMENT_TYPES_TEXT);
  const UploadKind = compact ? Upload : Upload.Dragger;
  return (
    <UploadKind
      multiple
      disabled={disabled}
      accept={accept}
      onPreview={(f) => f.response?.id && download(`/api/v1/attachments/${f.response.id}/content`, f.name).catch((err) => message.error(errorText(err)))}
      fileList={files}
      onChange={({ fileList }) => sync(fileList)}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        uploadAttachment(file as File, (percent) => onProgress?.({ percent }))
          .then((a) => onSuccess?.(a))
          .catch((err) => onError?.(Object.assign(new Error(errorText(err)), { status: 0 }), { message: errorText(err) }));
      }}
      showUploadList={{ showRemoveIcon: true }}
      itemRender={(node, file) => (file.status === 'error' ? <div title={file.error?.message}>{node}<Typography.Text type="danger" style={{ fontSize: 12 }}>{file.error?.message}</Typography.Text></div> : node)}
    >
      {compact ? (
        <Button size="small" icon={<UploadOutlined />} disabled={disabled} title={hint}>上传佐证材料</Button>
      ) : (
        <>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或拖拽文件到此处上传</p>
          <p className="ant-upload-hint">{hint}</p>
        </>
      )}
    </UploadKind>
  );
}
