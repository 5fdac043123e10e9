// The Chromium the browser tests drive (playwright-core), resolved like the Temporal binaries:
//   1. CHROMIUM_PATH, if set;
//   2. `chromium` / `chromium-browser` / `google-chrome` on PATH;
//   3. a browser Playwright itself installed (`npx playwright install chromium`);
//   4. in the test set-up: Debian's `chromium` package via apt-get, when running as root on Debian
//      (with `fonts-noto-cjk` when no Chinese font is installed, so that screenshots are legible).
// Nothing is downloaded from outside the package mirrors.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = dir && path.join(dir, name);
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function playwrightBrowser() {
  try {
    const { chromium } = require('playwright-core');
    const exe = chromium.executablePath();
    return exe && fs.existsSync(exe) ? exe : undefined;
  } catch {
    return undefined;
  }
}

function resolveBrowser() {
  if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  for (const name of NAMES) {
    const found = onPath(name);
    if (found) return found;
  }
  return playwrightBrowser();
}

/** Whether a font with Chinese glyphs is installed (screenshots are unreadable without one). */
function hasChineseFont() {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status !== 0 || result.stdout.trim() !== ''; // no fontconfig at all: nothing to check
}

function ensureBrowser() {
  const missing = [];
  if (!resolveBrowser()) missing.push('chromium');
  if (!hasChineseFont()) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return resolveBrowser();
  const debian = fs.existsSync('/etc/debian_version');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!debian || !root) {
    console.warn(`[setup] missing for the browser tests: ${missing.join(', ')}. Set CHROMIUM_PATH or put \`chromium\` on PATH (or \`npx playwright install chromium\`), and install a Chinese font`);
    return resolveBrowser();
  }
  console.log(`[setup] installing Debian's ${missing.join(' and ')} for the browser tests (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) {
      console.warn(`[setup] apt-get ${args.join(' ')} failed (exit ${result.status})`);
      return resolveBrowser();
    }
  }
  return resolveBrowser();
}

module.exports = { resolveBrowser, ensureBrowser };
