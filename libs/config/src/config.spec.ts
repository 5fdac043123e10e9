import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './index';

const base = { DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: '0123456789abcdef' };

describe('loadConfig', () => {
  it('fills defaults', () => {
    expect(loadConfig(base)).toMatchObject({ port: 3000, temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'supervision-cycle' }, bootstrapAdmin: null });
  });
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadConfig(base).host).toBe('127.0.0.1');
    expect(loadConfig({ ...base, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => loadConfig({ ...base, HOST: 'a b' })).toThrow(/HOST/);
  });
  it('refuses the published development secret and password in production', () => {
    const dev = { ...base, JWT_SECRET: 'development-only-secret-do-not-use-in-production', BOOTSTRAP_ADMIN_USERNAME: 'admin', BOOTSTRAP_ADMIN_PASSWORD: 'admin12345' };
    expect(loadConfig(dev).jwt.secret).toBe(dev.JWT_SECRET); // development: fine
    expect(() => loadConfig({ ...dev, NODE_ENV: 'production' })).toThrow(/JWT_SECRET is a published development default[\s\S]*BOOTSTRAP_ADMIN_PASSWORD is a published development default/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', BOOTSTRAP_ADMIN_USERNAME: 'admin', BOOTSTRAP_ADMIN_PASSWORD: 'change-me-in-production' })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).jwt.secret).toBe(base.JWT_SECRET);
  });
  it('serves the worker metrics on 127.0.0.1:9464 unless WORKER_METRICS_ADDRESS says another ip:port or "off"', () => {
    expect(loadConfig(base).workerMetricsAddress).toBe('127.0.0.1:9464');
    expect(loadConfig({ ...base, WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }).workerMetricsAddress).toBe('0.0.0.0:9464');
    expect(loadConfig({ ...base, WORKER_METRICS_ADDRESS: '[::1]:9464' }).workerMetricsAddress).toBe('[::1]:9464');
    expect(loadConfig({ ...base, WORKER_METRICS_ADDRESS: 'off' }).workerMetricsAddress).toBeNull();
    for (const bad of ['localhost:9464', '9464', '127.0.0.1', '127.0.0.1:0', '127.0.0.1:70000', '300.1.1.1:9464', '[::1]9464', '::1:9464']) {
      expect(() => loadConfig({ ...base, WORKER_METRICS_ADDRESS: bad })).toThrow(/WORKER_METRICS_ADDRESS/);
    }
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
  it('reads the operators\' console settings: the Temporal Web UI link (none by default in production), failing after N attempts, stuck after T seconds', () => {
    expect(loadConfig(base).operations).toEqual({ temporalUiUrl: 'http://127.0.0.1:8233', failingAfterAttempts: 3, stuckAfterSeconds: 300 });
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).operations.temporalUiUrl).toBeNull();
    expect(loadConfig({ ...base, TEMPORAL_UI_URL: 'https://temporal.example.org/ui/', OPERATIONS_FAILING_ATTEMPTS: '5', OPERATIONS_STUCK_AFTER_SECONDS: '60' }).operations).toEqual({ temporalUiUrl: 'https://temporal.example.org/ui', failingAfterAttempts: 5, stuckAfterSeconds: 60 });
    expect(() => loadConfig({ ...base, TEMPORAL_UI_URL: 'javascript:alert(1)' })).toThrow(/TEMPORAL_UI_URL/);
    expect(() => loadConfig({ ...base, OPERATIONS_FAILING_ATTEMPTS: '0' })).toThrow(/OPERATIONS_FAILING_ATTEMPTS/);
    expect(() => loadConfig({ ...base, OPERATIONS_STUCK_AFTER_SECONDS: '1.5' })).toThrow(/OPERATIONS_STUCK_AFTER_SECONDS/);
  });
  it('reads the draw\'s batch size (departments per transaction), 50 by default', () => {
    expect(loadConfig(base).drawBatchDepartments).toBe(50);
    expect(loadConfig({ ...base, DRAW_BATCH_DEPARTMENTS: '250' }).drawBatchDepartments).toBe(250);
    expect(() => loadConfig({ ...base, DRAW_BATCH_DEPARTMENTS: '0' })).toThrow(/DRAW_BATCH_DEPARTMENTS must be a whole number from 1 to 10000/);
    expect(() => loadConfig({ ...base, DRAW_BATCH_DEPARTMENTS: 'fifty' })).toThrow(/DRAW_BATCH_DEPARTMENTS/);
    expect(loadConfig(base).temporal.updateWaitMs).toBe(10_000);
    expect(() => loadConfig({ ...base, TEMPORAL_UPDATE_WAIT_MS: '0' })).toThrow(/TEMPORAL_UPDATE_WAIT_MS/);
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
