/**
 * Starts what the integration and end-to-end suites share, once per `jest` run:
 * a Temporal dev server (in memory, headless, our search attributes registered), the workflow bundle, and a PostgreSQL
 * to create per-suite databases in: $TEST_DATABASE_URL, else 127.0.0.1:5432, else an embedded one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
// Not '@rol/worker': jest's global set-up resolves with plain node, which would pick the workspaces' dist/ builds.
import { bundleWorkflows } from '../../apps/worker/src/bundle';

// Plain JS helpers shared with `npm start`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const temporal = require('../../scripts/temporal.js') as {
  startDevServer(opts: { port: number; namespace?: string; detached?: boolean }): Promise<ChildProcess>;
  freePort(): Promise<number>;
};
const { freePort } = temporal;

export const children: ChildProcess[] = [];


async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startEmbeddedPostgres(): Promise<string> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-test-pg-'));
  fs.chmodSync(dir, 0o755);
  const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'embedded-postgres.js'), path.join(dir, 'data'), String(port), 'postgres'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve(ready[1]);
    });
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited with code ${code}`)));
  });
}

export default async function globalSetup(): Promise<void> {
  const candidate = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.TEST_DATABASE_URL = (await reachable(candidate)) ? candidate : await startEmbeddedPostgres();

  if (!process.env.TEST_TEMPORAL_ADDRESS) {
    // A free port can be taken between our probe and the server's bind: try a new one, three times.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        children.push(await temporal.startDevServer({ port }));
        process.env.TEST_TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        console.warn(`[global-setup] ${(error as Error).message}; trying another port`);
      }
    }
  }
  (globalThis as { __stackChildren?: ChildProcess[] }).__stackChildren = children;

  // One workflow bundle for every suite of the run (`workflows/test/bundle.ts`), instead of one per file.
  const bundlePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-test-bundle-')), 'workflows.js');
  fs.writeFileSync(bundlePath, (await bundleWorkflows()).code);
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
}
