import { DownloadOutlined, EyeOutlined, FilePdfOutlined, FileImageOutlined, FileUnknownOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, download, type Schemas } from '../api/client';
import { loadSession } from '../auth/session';
import { errorText } from './ApiErrorView';

export type Scan = Schemas['ScanDto'];

export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Fetches a file the API serves with the user's token, as an object URL the page can show (an iframe or an image cannot send the token). */
async function objectUrl(path: string): Promise<string> {
  const session = loadSession();
  const res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(res.status, { statusCode: res.status, code: body.code ?? 'UNKNOWN', message: body.message ?? '文件打开失败，请稍后重试' });
  }
  return URL.createObjectURL(await res.blob());
}

const ICONS = { pdf: <FilePdfOutlined />, image: <FileImageOutlined />, download: <FileUnknownOutlined /> };

/**
 * 电子卷宗 as a reviewer reads it: PDF opens in the page (or a new tab), images show in the page,
 * OFD is downloaded (browsers have no OFD viewer) to open with an OFD reader.
 */
export function ScanViewer({ scans }: { scans: Scan[] }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<{ scan: Scan; url: string }>();
  useEffect(() => () => { if (open) URL.revokeObjectURL(open.url); }, [open]);
  const show = (scan: Scan) => objectUrl(scan.url).then((url) => setOpen({ scan, url })).catch((e) => message.error(errorText(e)));
  const newTab = (scan: Scan) => objectUrl(scan.url).then((url) => window.open(url, '_blank', 'noopener')).catch((e) => message.error(errorText(e)));
  if (scans.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该案卷所属部门尚未上传电子卷宗（扫描件）。可先按案卷目录信息准备评查，或联系监督科催传。" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        dataSource={scans}
        renderItem={(s) => (
          <List.Item
            actions={s.viewer === 'download'
              ? [<Button key="d" size="small" icon={<DownloadOutlined />} onClick={() => download(s.url, s.fileName).catch((e) => message.error(errorText(e)))}>下载</Button>]
              : [
                  <Button key="v" size="small" type={open?.scan.attachmentId === s.attachmentId ? 'primary' : 'default'} icon={<EyeOutlined />} onClick={() => void show(s)}>在此查看</Button>,
                  ...(s.viewer === 'pdf' ? [<Button key="t" size="small" onClick={() => void newTab(s)}>新窗口打开</Button>] : []),
                ]}
          >
            <Space>
              {ICONS[s.viewer]}
              <Typography.Text>{s.fileName}</Typography.Text>
              <Typography.Text type="secondary">{sizeText(s.sizeBytes)}</Typography.Text>
              {s.viewer === 'download' && <Typography.Text type="secondary">（OFD 等格式浏览器无法直接显示，请下载后用 OFD 阅读器打开）</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {open && (
        <Card size="small" title={`正在查看：${open.scan.fileName}`} extra={<Button size="small" onClick={() => setOpen(undefined)}>关闭</Button>} data-testid="scan-viewer">
          {open.scan.viewer === 'pdf'
            ? <iframe title={open.scan.fileName} src={open.url} style={{ width: '100%', height: 720, border: 0 }} />
            : <img alt={open.scan.fileName} src={open.url} style={{ maxWidth: '100%' }} />}
        </Card>
      )}
      {!open && <Alert type="info" showIcon title="点“在此查看”在本页打开扫描件，边看边在下方评查表中登记问题。" />}
    </Space>
  );
}
