// Set-up shared by `npm start` and `npm test`: installs dependencies when package-lock.json changed,
// Temporal's server binaries (and, with --test, schemathesis) into .tools/ when they are not provided otherwise. Plain Node only.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const lockFile = path.join(ROOT, 'package-lock.json');
const stamp = path.join(ROOT, 'node_modules', '.setup-lock-hash');

function ensureDependencies() {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(lockFile)).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  console.log('[setup] installing dependencies (npm ci)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stamp, hash);
}

ensureDependencies();
require('./temporal').ensureBinaries({ forTests: process.argv.includes('--test') });
if (process.argv.includes('--test')) require('./browser').ensureBrowser();
