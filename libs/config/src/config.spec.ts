import { ConfigError, loadConfig } from './index';

const base = { DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: '0123456789abcdef' };

describe('loadConfig', () => {
  it('fills defaults', () => {
    expect(loadConfig(base)).toMatchObject({ port: 3000, temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'supervision-cycle' }, bootstrapAdmin: null });
  });
  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://h', JWT_SECRET: 'short', BOOTSTRAP_ADMIN_USERNAME: 'admin' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://h', JWT_SECRET: 'short', BOOTSTRAP_ADMIN_USERNAME: 'admin' });
    } catch (err) {
      const text = (err as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'BOOTSTRAP_ADMIN_USERNAME']) expect(text).toContain(name);
    }
  });
});
