// Runs the TypeScript sources directly (workspace packages point their "main" at src/index.ts).
// ts-node with SWC keeps decorator metadata, which NestJS dependency injection needs.
const path = require('node:path');
require('ts-node').register({
  project: path.join(__dirname, '..', 'tsconfig.json'),
  transpileOnly: true,
  swc: true,
});
