import { Alert, Table } from 'antd';
import { ApiError } from '../api/client';

/** A refusal as a clerk should see it: the API's Chinese message, and its rows or fields as a table. */
/** `fieldLabels` names the fields in Chinese (an import's columns); a field not listed is shown as the API names it. */
export function ApiErrorView({ error, fieldLabels }: { error: unknown; fieldLabels?: Record<string, string> }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = e?.message ?? '操作失败，请稍后重试';
  const rows = e?.body.errors ?? [];
  const hasRows = rows.some((r) => r.row !== undefined);
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      style={{ marginBottom: 16 }}
      description={
        rows.length > 0 && (
          <Table
            size="small"
            rowKey={(r, i) => `${r.row ?? ''}-${r.field}-${i}`}
            dataSource={rows}
            pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
            columns={[
              ...(hasRows ? [{ title: '行号', dataIndex: 'row', width: 80 }, { title: '列', dataIndex: 'field', width: 120, render: (f: string) => fieldLabels?.[f] ?? f }] : []),
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        )
      }
    />
  );
}

export const errorText = (error: unknown) => (error instanceof ApiError ? error.message : '操作失败，请稍后重试');
