import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './index';

const base = { DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: '0123456789abcdef' };

describe('loadConfig', () => {
  it('fills defaults', () => {
    expect(loadConfig(base)).toMatchObject({ port: 3000, temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'supervision-cycle' }, bootstrapAdmin: null });
  });
  it('takes a WEB_ROOT only when it holds a built console', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    expect(() => loadConfig({ ...base, WEB_ROOT: dir })).toThrow(/WEB_ROOT/);
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    expect(loadConfig({ ...base, WEB_ROOT: dir }).webRoot).toBe(dir);
    expect(loadConfig(base).webRoot).toBeNull();
  });
  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://h', JWT_SECRET: 'short', BOOTSTRAP_ADMIN_USERNAME: 'admin' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://h', JWT_SECRET: 'short', BOOTSTRAP_ADMIN_USERNAME: 'admin', WEB_ROOT: '/no/such/console' });
    } catch (err) {
      const text = (err as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'BOOTSTRAP_ADMIN_USERNAME', 'WEB_ROOT']) expect(text).toContain(name);
    }
  });
});
