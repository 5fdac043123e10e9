// `npm run build`: what production runs with plain node, no ts-node and no devDependencies.
//   1. every workspace's src/**/*.ts (specs aside) → its dist/ as CommonJS, with SWC and the options the tests
//      compile with (scripts/swc-options.js: decorator metadata for NestJS and TypeORM);
//   2. the workflow bundle, once: apps/worker/dist/workflow-bundle.js (the compiled worker loads it);
//   3. the console: apps/web/dist (the API serves it with WEB_ROOT=apps/web/dist).
// Type checking is `npm run typecheck` (part of npm test), not this.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const swcOptions = require('./swc-options');
const { buildWeb } = require('./build-web');

const ROOT = path.join(__dirname, '..');
const PACKAGES = ['libs/domain', 'libs/contracts', 'libs/config', 'libs/db', 'libs/files', 'workflows', 'activities', 'apps/api', 'apps/worker'];

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

function compile(pkg) {
  const src = path.join(ROOT, pkg, 'src');
  const dist = path.join(ROOT, pkg, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  const files = sources(src);
  for (const file of files) {
    const out = path.join(dist, path.relative(src, file)).replace(/\.ts$/, '.js');
    const { code, map } = swc.transformFileSync(file, { ...swcOptions, swcrc: false, configFile: false, sourceMaps: true, sourceFileName: path.relative(path.dirname(out), file) });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
    fs.writeFileSync(`${out}.map`, map);
  }
  return files.length;
}

async function main() {
  const log = (msg) => console.log(`[build] ${msg}`);
  let started = Date.now();
  const count = PACKAGES.reduce((sum, pkg) => sum + compile(pkg), 0);
  log(`${count} files compiled into ${PACKAGES.length} dist/ folders in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  started = Date.now();
  const { bundleWorkflows } = require(path.join(ROOT, 'apps', 'worker', 'dist', 'bundle.js'));
  const bundle = path.join(ROOT, 'apps', 'worker', 'dist', 'workflow-bundle.js');
  fs.writeFileSync(bundle, (await bundleWorkflows()).code);
  log(`workflow bundle ${path.relative(ROOT, bundle)} (${(fs.statSync(bundle).size / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  buildWeb({ log: (m) => log(m) });
}

main().catch((err) => {
  console.error('[build] failed:', err);
  process.exit(1);
});
