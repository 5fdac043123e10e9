/**
 * The OpenAPI document is the contract: every operation says who may call it (x-roles, the list the
 * auth guard enforces) and what it does (a Chinese summary); the README's endpoint table and the
 * console's API types are the ones generated from it (`npm run contract` rewrites both).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from './support/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const contract = require('../scripts/contract.js') as { README: string; CLIENT_TYPES: string; renderEndpointTable(spec: unknown): string; currentTable(readme: string): string };

interface Spec {
  paths: Record<string, Record<string, { summary?: string; 'x-roles'?: string[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
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

  it('documents a success schema (or its file type) and the error answers of every operation', () => {
    const operations = Object.entries(spec.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, ...op })));
    const successSchema = (op: (typeof operations)[number]) => Object.entries(op.responses).some(([status, r]) => /^2/.test(status) && Object.values(r.content ?? {}).some((c) => c.schema));
    expect(operations.filter((op) => !successSchema(op)).map((op) => op.at)).toEqual([]);
    const errorSchema = (r?: { content?: Record<string, { schema?: unknown }> }) => Object.values(r?.content ?? {}).some((c) => c.schema);
    expect(operations.filter((op) => !errorSchema(op.responses['503'])).map((op) => op.at)).toEqual([]);
    expect(operations.filter((op) => !op['x-roles']?.includes('public') && !errorSchema(op.responses['401'])).map((op) => op.at)).toEqual([]);
    expect(operations.filter((op) => op.at.includes('{') && !op.responses['404']).map((op) => op.at)).toEqual([]);
  });

  it('matches the README endpoint table (run `npm run contract` against a running API to rewrite it)', () => {
    expect(contract.currentTable(readFileSync(contract.README, 'utf8'))).toBe(contract.renderEndpointTable(spec));
  });

  it('matches the console\'s API types (a stale client fails the build: run `npm run contract` against a running API)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'contract-')), 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const generated = execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'contract.js'), '--types', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(readFileSync(contract.CLIENT_TYPES, 'utf8')).toBe(generated);
  });
});
