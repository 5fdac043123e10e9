import type { ChildProcess } from 'node:child_process';
import { startStack, type Stack } from '../../test/support/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startDevServer, freePort } = require('../temporal.js') as { startDevServer(opts: { port: number }): Promise<ChildProcess>; freePort(): Promise<number> };

/** `--name value` from the command line, as a number. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}


/** The real stack of the end-to-end tests on a fresh Temporal dev server: the benchmarks' ground. */
export async function benchStack(options: Parameters<typeof startStack>[0] = {}): Promise<{ stack: Stack; stop(): Promise<void> }> {
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const port = await freePort();
  const temporal = await startDevServer({ port });
  process.env.TEST_TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
  const stack = await startStack(options);
  return {
    stack,
    stop: async () => {
      await stack.stop();
      temporal.kill('SIGTERM');
    },
  };
}

/** Launches the benchmarks' campaign over every department (one priority) and waits until each department has its task. */
export async function launchBenchCampaign(stack: Stack, admin: string, departments: number): Promise<string> {
  const day = 86_400_000;
  const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
    token: admin,
    body: { year: 2026, title: 'bench', priorities: [{ code: 'P1', title: '自查', departmentIds: 'all', dueAt: new Date(Date.now() + 30 * day).toISOString(), evidenceRequired: false }], calendar: { closesAt: new Date(Date.now() + 300 * day).toISOString() } },
  });
  if (launch.status !== 201) throw new Error(JSON.stringify(launch.body));
  for (;;) {
    const s = await stack.request<{ tasks: { total: number } }>('GET', `/campaigns/${launch.body.id}`, { token: admin });
    if (s.body.tasks.total >= departments) return launch.body.id;
    await new Promise((r) => setTimeout(r, 500));
  }
}
