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
  it('reads when next year\'s draft is prepared (default 1 December 09:00 Beijing time)', () => {
    expect(loadConfig(base).prepareNextCampaign).toEqual({ month: 12, dayOfMonth: 1, hour: 9, minute: 0, timezone: 'Asia/Shanghai' });
    expect(loadConfig({ ...base, NEXT_CAMPAIGN_PREPARE_AT: '11-15 08:30', NEXT_CAMPAIGN_PREPARE_TIMEZONE: 'Asia/Urumqi' }).prepareNextCampaign).toEqual({ month: 11, dayOfMonth: 15, hour: 8, minute: 30, timezone: 'Asia/Urumqi' });
    expect(() => loadConfig({ ...base, NEXT_CAMPAIGN_PREPARE_AT: '02-30 09:00' })).toThrow(/NEXT_CAMPAIGN_PREPARE_AT/);
    expect(() => loadConfig({ ...base, NEXT_CAMPAIGN_PREPARE_TIMEZONE: 'Mars/Olympus' })).toThrow(/NEXT_CAMPAIGN_PREPARE_TIMEZONE/);
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
