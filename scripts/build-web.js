// Builds the web console (apps/web → apps/web/dist) when its sources changed since the last build;
// otherwise reuses the build. The fingerprint covers the console's sources, its config, the lockfile
// and libs/domain (which the console imports for its labels). `node scripts/build-web.js --force` rebuilds.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '..');
const WEB = path.join(ROOT, 'apps', 'web');
const DIST = path.join(WEB, 'dist');
const STAMP = path.join(DIST, '.source-hash');
const INPUTS = [path.join(WEB, 'src'), path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.ts'), path.join(WEB, 'package.json'), path.join(ROOT, 'package-lock.json'), path.join(ROOT, 'libs', 'domain', 'src')];

function files(p) {
  if (!fs.existsSync(p)) return [];
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p).sort().flatMap((name) => files(path.join(p, name)));
}

function fingerprint() {
  const hash = crypto.createHash('sha256');
  for (const file of INPUTS.flatMap(files)) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const kb = (n) => (n / 1024).toFixed(1);

/**
 * The JavaScript a browser loads before the first page can render: the entry module and the
 * chunks index.html preloads (route pages are separate chunks, loaded when visited).
 */
function entrySize() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(DIST, file));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

/** Returns the directory the API serves; builds first when needed. */
function buildWeb({ force = false, log = (m) => console.log(`[web] ${m}`) } = {}) {
  const want = fingerprint();
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
  if (!force && have === want && fs.existsSync(path.join(DIST, 'index.html'))) {
    log('console unchanged since the last build: reusing apps/web/dist');
    return DIST;
  }
  log('building the console (apps/web)…');
  const started = Date.now();
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [WEB] })), 'bin', 'vite.js');
  // NODE_ENV=production whatever the caller's (jest sets "test", which would bundle React's development build).
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  fs.writeFileSync(STAMP, want);
  const entry = entrySize();
  log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s; first page's JavaScript: ${kb(entry.raw)} KB, ${kb(entry.gzip)} KB gzip (${entry.files.length} files)`);
  return DIST;
}

module.exports = { buildWeb, entrySize, DIST };

if (require.main === module) buildWeb({ force: process.argv.includes('--force') });
