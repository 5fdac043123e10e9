import type { Stack } from './stack';

/** A case-file import job as `GET /case-files/imports/:id` answers it. */
export interface ImportJob {
  id: string;
  fileName: string;
  status: 'queued' | 'reading' | 'merging' | 'succeeded' | 'rejected' | 'failed';
  statusLabel: string;
  rowsRead: number;
  rowsWritten: number;
  bytesRead: number;
  sizeBytes: number;
  result: { total: number; created: number; updated: number; unchanged: number } | null;
  errorCount: number | null;
  badRows: number | null;
  errors: { row?: number; field: string; code: string; message: string }[];
  message: string | null;
  departmentId: string | null;
}

const FINISHED = new Set(['succeeded', 'rejected', 'failed']);

/** Polls the job until the worker has finished it. */
export async function waitForImport(stack: Stack, token: string, id: string, timeoutMs = 120_000): Promise<ImportJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await stack.request<ImportJob>('GET', `/case-files/imports/${id}`, { token });
    if (res.status !== 200) throw new Error(`GET /case-files/imports/${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if (FINISHED.has(res.body.status)) return res.body;
    if (Date.now() > until) throw new Error(`import ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Submits a catalogue file (`POST /case-files/imports`) and, when it is accepted (202), waits for the
 * job to finish. `http` is the submission's status; `job` the finished job (accepted) or undefined;
 * `body` the submission's answer (the queued job, or the error).
 */
export async function importCatalogue(
  stack: Stack,
  token: string,
  body: string | Buffer | ReadableStream | NodeJS.ReadableStream,
  options: { contentType?: string; query?: string } = {},
): Promise<{ http: number; job?: ImportJob; body: Record<string, unknown> }> {
  const streaming = typeof body !== 'string' && !Buffer.isBuffer(body);
  const res = await fetch(`${stack.baseUrl}/case-files/imports${options.query ?? ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': options.contentType ?? 'text/csv' },
    body: body as RequestInit['body'],
    ...(streaming ? { duplex: 'half' } : {}),
  } as RequestInit);
  const answer = (await res.json()) as Record<string, unknown>;
  if (res.status !== 202) return { http: res.status, body: answer };
  return { http: 202, body: answer, job: await waitForImport(stack, token, answer.id as string) };
}

/** Imports a CSV and expects it written; returns the counts. */
export async function importCsvOrFail(stack: Stack, token: string, csv: string, query = ''): Promise<NonNullable<ImportJob['result']>> {
  const { http, job, body } = await importCatalogue(stack, token, csv, { query });
  if (job?.status !== 'succeeded') throw new Error(`import not written: ${http} ${JSON.stringify(job ?? body).slice(0, 2000)}`);
  return job.result!;
}
