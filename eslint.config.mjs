// Import directions (shared/STYLE.md) enforced per folder, plus no floating promises.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib'];
const builtins = NODE_BUILTINS.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

const restrict = (patterns, message) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: false }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.tools/', 'coverage/', '**/dist/', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(['require', 'module', '__dirname', 'process', 'console', 'setTimeout', 'clearTimeout', 'fetch'].map((g) => [g, 'readonly'])),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrict(['@temporalio/*', '@nestjs/*', 'typeorm', 'pg', '@rol/*', ...builtins], 'libs/domain is pure rules: it imports nothing but the language.'),
  },
  {
    files: ['libs/contracts/src/**/*.ts'],
    rules: restrict(['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@nestjs/*', 'typeorm', 'pg', '@rol/db', '@rol/config', '@rol/files', '@rol/activities', ...builtins], 'libs/contracts may import only libs/domain and Temporal define-helpers.'),
  },
  {
    files: ['workflows/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@nestjs/*', 'typeorm', 'pg', '@rol/db', '@rol/config', '@rol/files', '@rol/api', '@rol/worker', ...builtins], message: 'Workflow code is deterministic: only @temporalio/workflow, libs/contracts and libs/domain.' },
            { group: ['@rol/activities'], message: 'Workflows may only `import type` from activities.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/src/**/*.ts'],
    rules: restrict(['@nestjs/*', '@temporalio/worker', '@temporalio/workflow', '@rol/workflows', '@rol/api', '@rol/worker'], 'Activities use libs/* and @temporalio/activity (and a Client to start workflows).'),
  },
  {
    files: ['apps/api/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@temporalio/worker', '@rol/activities', '@rol/worker'], message: 'The API holds a Temporal Client, never a Worker or activities.' },
            { group: ['@rol/workflows'], message: 'The API may only `import type` from workflows.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/worker/src/**/*.ts'],
    rules: restrict(['@nestjs/*', '@rol/workflows'], 'The worker loads workflows only through workflowsPath / a bundle, never by import.'),
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: restrict(['@rol/api', '@rol/worker', '@rol/db', '@rol/config', '@rol/files', '@rol/activities', '@rol/workflows', '@rol/contracts', '@nestjs/*', '@temporalio/*', 'typeorm', 'pg', ...builtins], 'The console runs in the browser: it talks to the API through its generated types, and may import only libs/domain (labels, pure rules).'),
  },
);
