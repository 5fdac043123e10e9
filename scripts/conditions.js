// The workspaces (@rol/*) export their compiled dist/index.js by default (production: plain `node`), and their
// TypeScript sources under the export condition below. Every development tool resolves that condition:
// node (`--conditions`, with scripts/register.js), jest (customExportConditions), webpack (the workflow bundle),
// vite (the console); tsc and eslint read the packages' "types" (src/index.ts).
const SOURCE_CONDITION = 'rol-source';
module.exports = { SOURCE_CONDITION, DEV_NODE_ARGS: [`--conditions=${SOURCE_CONDITION}`, '-r', require.resolve('./register.js')] };
