import type { DataSource, EntityManager } from 'typeorm';
import type { CaseFileImportActivities, CaseFileImportOutcome } from '@rol/contracts';
import { DomainError, MAX_LISTED_ERRORS, type Role } from '@rol/domain';
import { execute, recordAudit } from '@rol/db';
import type { AttachmentStorage } from '@rol/files';
import { activityLog, heartbeat } from './activity-context';
import { CatalogueRejected, importCatalogue, type ImportProgress } from './case-file-import/catalogue';

/** How often the progress is written to the job (and heartbeated) while the file is read. */
const PROGRESS_EVERY_MS = 1000;
const OPEN = `status IN ('queued', 'reading', 'merging')`;

interface JobRow {
  id: string;
  format: 'csv' | 'xlsx';
  storage_key: string;
  department_id: string | null;
  submitted_by: string;
  role: Role;
  status: string;
  file_name: string;
}

/** Another attempt finished the job while this one was writing: this one's transaction is rolled back. */
class AlreadyFinished extends Error {}

/**
 * 案卷目录导入 (the job's activity). Idempotent: a job already finished is not read again, and the
 * finishing write locks the job row and checks it is still open, so two attempts at once (a worker
 * presumed dead that was only slow) write the catalogue, the result and the audit row once.
 */
export function createCaseFileImportActivities(dataSource: DataSource, storage: AttachmentStorage): CaseFileImportActivities {
  async function job(m: EntityManager, importId: string, lock = false): Promise<JobRow | undefined> {
    const [row]: JobRow[] = await m.query(
      `SELECT j.id, j.format, j.storage_key, j.department_id, j.submitted_by, u.role, j.status, j.file_name
         FROM case_file_imports j JOIN users u ON u.id = j.submitted_by WHERE j.id = $1 ${lock ? 'FOR UPDATE OF j' : ''}`,
      [importId],
    );
    return row;
  }

  async function removeFile(key: string): Promise<void> {
    await storage.delete(key).catch(() => undefined); // a file left behind is only disk space; the job's outcome stands
  }

  return {
    async importCaseFileCatalogue({ importId }) {
      const found = await job(dataSource.manager, importId);
      if (!found) throw new Error(`case-file import ${importId} not found`);
      if (found.status === 'succeeded' || found.status === 'rejected' || found.status === 'failed') {
        await removeFile(found.storage_key); // a worker that died between the commit and the removal left it
        return found.status;
      }
      await dataSource.query(
        `UPDATE case_file_imports SET status = 'reading', started_at = coalesce(started_at, now()), attempts = attempts + 1, bytes_read = 0, rows_read = 0, rows_written = 0
          WHERE id = $1 AND ${OPEN}`,
        [importId],
      );
      const progress: ImportProgress = { bytesRead: 0, rowsRead: 0, rowsWritten: 0 };
      let reading = true;
      let writes = Promise.resolve();
      const report = () => {
        heartbeat({ ...progress });
        writes = writes.then(async () => {
          if (!reading) return;
          await dataSource.query(`UPDATE case_file_imports SET bytes_read = $2, rows_read = $3, rows_written = $4 WHERE id = $1 AND status = 'reading'`, [
            importId, progress.bytesRead, progress.rowsRead, progress.rowsWritten,
          ]);
        }).catch(() => undefined); // progress is best effort: the result is written with the catalogue
      };
      const timer = setInterval(report, PROGRESS_EVERY_MS);
      let outcome: CaseFileImportOutcome;
      try {
        const result = await importCatalogue(dataSource, {
          format: found.format,
          open: () => storage.get(found.storage_key),
          scope: { role: found.role, departmentId: found.department_id },
          progress,
          onMerging: async () => {
            reading = false;
            await writes;
            heartbeat({ ...progress });
            await dataSource.query(`UPDATE case_file_imports SET status = 'merging', bytes_read = $2, rows_read = $3, rows_written = $4 WHERE id = $1 AND ${OPEN}`, [
              importId, progress.bytesRead, progress.rowsRead, progress.rowsWritten,
            ]);
          },
          finish: async (m, r, departments) => {
            const current = await job(m, importId, true);
            if (!current || !['queued', 'reading', 'merging'].includes(current.status)) throw new AlreadyFinished();
            await m.query(
              `UPDATE case_file_imports SET status = 'succeeded', rows_read = $2, rows_written = $2, created = $3, updated = $4, unchanged = $5,
                      message = NULL, finished_at = now() WHERE id = $1`,
              [importId, r.total, r.created, r.updated, r.unchanged],
            );
            await recordAudit(m, {
              actorId: found.submitted_by,
              action: 'case_file.import',
              targetType: 'case_file',
              targetId: found.department_id ?? '*',
              detail: { importId, fileName: found.file_name, ...r, format: found.format, departments },
            });
          },
        });
        activityLog('info', 'case-file import written', { importId, path: result.path, total: result.total, created: result.created, updated: result.updated, readMs: result.readMs, writeMs: result.writeMs });
        outcome = 'succeeded';
      } catch (err) {
        if (err instanceof AlreadyFinished) return (await job(dataSource.manager, importId))!.status as CaseFileImportOutcome;
        if (!(err instanceof DomainError)) throw err; // a fault: retried (the file is read again), then marked failed
        const errors = (err.details ?? []).slice(0, MAX_LISTED_ERRORS);
        await execute(
          dataSource.manager,
          `UPDATE case_file_imports SET status = 'rejected', message = $2, errors = $3::jsonb, error_count = $4, bad_rows = $5, finished_at = now(),
                  bytes_read = $6, rows_read = $7, rows_written = 0
            WHERE id = $1 AND ${OPEN}`,
          [importId, err.message, JSON.stringify(errors), err instanceof CatalogueRejected ? err.errorCount : errors.length, err instanceof CatalogueRejected ? err.badRows : null, progress.bytesRead, progress.rowsRead],
        );
        activityLog('info', 'case-file import refused', { importId, code: err.code, errors: errors.length });
        outcome = 'rejected';
      } finally {
        reading = false;
        clearInterval(timer);
        await writes;
      }
      await removeFile(found.storage_key);
      return outcome;
    },

    async markCaseFileImportFailed({ importId, reason }) {
      await dataSource.query(
        `UPDATE case_file_imports SET status = 'failed', message = $2, rows_written = 0, finished_at = now() WHERE id = $1 AND ${OPEN}`,
        [importId, '导入因系统故障未能完成，未写入任何数据：请重新提交该文件；如再次失败请联系运维人员'],
      );
      const ended = await job(dataSource.manager, importId);
      if (!ended) throw new Error(`case-file import ${importId} not found`);
      activityLog('warn', 'case-file import failed', { importId, status: ended.status, reason: reason.slice(0, 2000) });
      await removeFile(ended.storage_key);
      return ended.status as CaseFileImportOutcome;
    },
  };
}
