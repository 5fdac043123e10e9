// The README's endpoint table, generated from the API's own OpenAPI document: every operation
// carries its roles as `x-roles` (the same list the auth guard enforces) and a Chinese summary.
//   node scripts/endpoint-table.js [http://127.0.0.1:3000/api/docs-json]   rewrites the section in README.md
// test/api-contract.e2e-spec.ts fails when the README's section differs from what this renders.
const fs = require('node:fs');
const path = require('node:path');

const README = path.join(__dirname, '..', 'README.md');
const START = '<!-- endpoints:start (generated from the OpenAPI document by `npm run docs:endpoints`; do not edit by hand) -->';
const END = '<!-- endpoints:end -->';
const ROLES = ['office_admin', 'office_staff', 'department_user', 'reviewer', 'operator'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function who(roles) {
  if (!Array.isArray(roles)) return '（未声明）';
  if (roles.includes('public')) return '无需登录';
  if (ROLES.every((r) => roles.includes(r))) return '任何已登录用户';
  return ROLES.filter((r) => roles.includes(r)).map((r) => `\`${r}\``).join(', ');
}

/** One row per operation, in the document's order (the API's modules, feature by feature). */
function renderEndpointTable(spec) {
  const rows = ['| 接口 | 谁可以调用 | 说明 |', '|---|---|---|'];
  for (const [route, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const shown = route.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1');
      rows.push(`| \`${method.toUpperCase()} ${shown}\` | ${who(op['x-roles'])} | ${(op.summary ?? '').replace(/\|/g, '\\|')} |`);
    }
  }
  return rows.join('\n');
}

/** The README with its endpoint section replaced by `table`. */
function withTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no section between "${START}" and "${END}"`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

function currentTable(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start < 0 || end < start ? '' : readme.slice(start + START.length, end).trim();
}

async function main() {
  const source = process.argv[2] ?? 'http://127.0.0.1:3000/api/docs-json';
  const spec = /^https?:/.test(source) ? await (await fetch(source)).json() : JSON.parse(fs.readFileSync(source, 'utf8'));
  fs.writeFileSync(README, withTable(fs.readFileSync(README, 'utf8'), renderEndpointTable(spec)));
  console.log(`README.md: endpoint table written from ${source}`);
}

module.exports = { README, renderEndpointTable, withTable, currentTable };
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
