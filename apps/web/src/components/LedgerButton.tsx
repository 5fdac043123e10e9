import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { download } from '../api/client';
import { LEDGER_TITLES, type LedgerKind } from '@rol/domain';
import { errorText } from './ApiErrorView';

/**
 * 导出台账（Excel）: the campaign's ledger of this kind, as the server names it (2026年度任务台账.xlsx).
 * The office gets every department's rows, a department user its own (the server decides).
 */
export function LedgerButton({ campaignId, kind, label }: { campaignId: string; kind: LedgerKind; label?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const title = LEDGER_TITLES[kind];
  const run = async () => {
    setBusy(true);
    try {
      await download(`/api/v1/campaigns/${campaignId}/ledgers/${kind}`, `${title}.xlsx`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={`下载${title}（Excel，含全部记录，不受当前筛选影响）`}>
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()}>
        {label ?? `导出${title}（Excel）`}
      </Button>
    </Tooltip>
  );
}

/**
 * A department's own ledgers of the campaigns its list shows (usually one): the server limits the
 * rows to the department and names the file with the year and the department.
 */
export function OwnLedgerButtons({ campaignIds, kinds }: { campaignIds: readonly string[]; kinds: LedgerKind[] }) {
  const distinct = [...new Set(campaignIds)];
  if (distinct.length === 0) return null;
  return (
    <>
      {distinct.flatMap((campaignId) => kinds.map((kind) => <LedgerButton key={`${campaignId}-${kind}`} campaignId={campaignId} kind={kind} label={`导出本部门${LEDGER_TITLES[kind]}（Excel）`} />))}
    </>
  );
}
