// Runs the TypeScript sources directly. ts-node with SWC keeps decorator metadata, which NestJS
// dependency injection needs. Use with the workspaces' source condition (scripts/conditions.js):
//   node --conditions=rol-source -r ./scripts/register.js <file.ts>
// without it, `@rol/*` would resolve to their compiled dist/ (absent, or older than the sources).
const path = require('node:path');

if (!require.resolve('@rol/domain').endsWith('.ts')) {
  throw new Error('scripts/register.js runs the TypeScript sources: start node with --conditions=rol-source (see scripts/conditions.js), e.g. `node --conditions=rol-source -r ./scripts/register.js file.ts`');
}
require('ts-node').register({
  project: path.join(__dirname, '..', 'tsconfig.json'),
  transpileOnly: true,
  swc: true,
});
