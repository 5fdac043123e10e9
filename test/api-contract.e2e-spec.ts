/**
 * The OpenAPI document is the contract: every operation says who may call it (x-roles, the list the
 * auth guard enforces) and what it does (a Chinese summary), and the README's endpoint table is the
 * one rendered from it (`npm run docs:endpoints` rewrites it).
 */
import { readFileSync } from 'node:fs';
import { startStack, type Stack } from './support/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const endpoints = require('../scripts/endpoint-table.js') as { README: string; renderEndpointTable(spec: unknown): string; currentTable(readme: string): string };

interface Spec {
  paths: Record<string, Record<string, { summary?: string; 'x-roles'?: string[] }>>;
}

describe('the API contract (e2e)', () => {
  let stack: Stack;
  let spec: Spec;
  beforeAll(async () => {
    stack = await startStack();
    spec = (await (await fetch(stack.baseUrl.replace('/api/v1', '/api/docs-json'))).json()) as Spec;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('declares the roles and a Chinese summary of every operation', () => {
    const operations = Object.entries(spec.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, ...op })));
    expect(operations.length).toBeGreaterThan(70);
    expect(operations.filter((op) => !op['x-roles']?.length).map((op) => op.at)).toEqual([]);
    expect(operations.filter((op) => !/[\u4e00-\u9fff]/.test(op.summary ?? '')).map((op) => op.at)).toEqual([]);
  });

  it('matches the README endpoint table (run `npm run docs:endpoints` against a running API to rewrite it)', () => {
    expect(endpoints.currentTable(readFileSync(endpoints.README, 'utf8'))).toBe(endpoints.renderEndpointTable(spec));
  });
});
