// `npm start`: the whole system on embedded defaults, in the foreground. Ctrl-C stops all of it.
//   Temporal dev server (persisted in .data/temporal) unless TEMPORAL_ADDRESS is set,
//   PostgreSQL from DATABASE_URL or else an embedded server (persisted in .data/postgres),
//   then the API (which applies pending migrations) and the worker.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, startDevServer } = require('./temporal');
const { buildWeb } = require('./build-web');
const { DEV_NODE_ARGS } = require('./conditions');

const DATA = path.join(ROOT, '.data');
const env = { ...process.env };
env.PORT ??= '3000';
env.TEMPORAL_NAMESPACE ??= 'default';
env.JWT_SECRET ??= 'development-only-secret-do-not-use-in-production';
env.BOOTSTRAP_ADMIN_USERNAME ??= 'admin';
env.BOOTSTRAP_ADMIN_PASSWORD ??= 'admin12345'; // documented development password (README)
const temporalPort = Number(env.TEMPORAL_PORT ?? 7233);
const uiPort = Number(env.TEMPORAL_UI_PORT ?? 8233);
const pgPort = Number(env.EMBEDDED_PG_PORT ?? 5433);

const stops = []; // run in reverse order on shutdown
let stopping = false;

function log(msg) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', service: 'start', msg }));
}

async function startTemporal() {
  if (env.TEMPORAL_ADDRESS) return `external (${env.TEMPORAL_ADDRESS})`;
  fs.mkdirSync(path.join(DATA, 'temporal'), { recursive: true });
  const server = await startDevServer({
    port: temporalPort,
    uiPort,
    dbFilename: path.join(DATA, 'temporal', 'temporal.db'),
    namespace: env.TEMPORAL_NAMESPACE,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  env.TEMPORAL_ADDRESS = `127.0.0.1:${temporalPort}`;
  env.TEMPORAL_UI_URL ??= `http://127.0.0.1:${uiPort}`; // the operators' console links each workflow there
  stops.push(() => stopChild(server, 'temporal'));
  return `dev server, persisted in .data/temporal`;
}

async function startPostgres() {
  if (env.DATABASE_URL) return 'from DATABASE_URL';
  const child = spawn(process.execPath, [path.join(__dirname, 'embedded-postgres.js'), path.join(DATA, 'postgres'), String(pgPort), 'supervision'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true, // own process group: Ctrl-C reaches us only, and we stop Postgres last
  });
  stops.push(() => stopChild(child, 'postgres'));
  env.DATABASE_URL = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve(ready[1]);
    });
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited with code ${code}`)));
  });
  return `embedded, persisted in .data/postgres`;
}

function startNode(name, entry) {
  const child = spawn(process.execPath, [...DEV_NODE_ARGS, path.join(ROOT, entry)], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
    detached: true, // own process group: Ctrl-C reaches us, and we stop the parts in order
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  stops.push(() => stopChild(child, name));
  return child;
}

function stopChild(child, name) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`[start] ${name} did not stop in 20 s: killing it`);
      child.kill('SIGKILL');
    }, 20000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitForApi(url, timeoutMs = 120000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`API did not become healthy at ${url}`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping: worker, API, Temporal, PostgreSQL');
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  log('stopped');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  env.WEB_ROOT ??= buildWeb();
  // allSettled: when one fails, the other is up (and registered for stopping) before we shut down.
  const started = await Promise.allSettled([startTemporal(), startPostgres()]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const [temporal, postgres] = started.map((r) => r.value);
  startNode('api', 'apps/api/src/main.ts');
  const api = `http://127.0.0.1:${env.PORT}`;
  await waitForApi(`${api}/api/v1/health`);
  startNode('worker', 'apps/worker/src/main.ts');
  const metricsAddress = env.WORKER_METRICS_ADDRESS?.trim() || '127.0.0.1:9464'; // the default of libs/config
  const workerMetrics = metricsAddress === 'off' ? '(off: WORKER_METRICS_ADDRESS=off)' : `http://${metricsAddress}/metrics`;
  const ui = env.TEMPORAL_ADDRESS === `127.0.0.1:${temporalPort}` ? `http://127.0.0.1:${uiPort}` : '(external Temporal)';
  console.log(`
  法治督察年度工作周期 is up
    Console        ${api}/   (sign in as ${env.BOOTSTRAP_ADMIN_USERNAME})
    API            ${api}/api/v1
    OpenAPI docs   ${api}/api/docs   (JSON: ${api}/api/docs-json)
    Health         ${api}/api/v1/health
    Metrics        API ${api}/metrics   worker ${workerMetrics}
    Temporal UI    ${ui}
    Temporal gRPC  ${env.TEMPORAL_ADDRESS}   (${temporal})
    PostgreSQL     ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}   (${postgres})
    First admin    ${env.BOOTSTRAP_ADMIN_USERNAME} (password from BOOTSTRAP_ADMIN_PASSWORD; development default in README)
  Press Ctrl-C to stop everything.
`);
}

main().catch(async (err) => {
  console.error('[start] failed:', err);
  await shutdown(1);
});
