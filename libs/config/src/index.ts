/**
 * One validated configuration object, read once from the environment at start.
 * A missing or malformed value stops the process with a message naming the variable.
 */
export interface AppConfig {
  port: number;
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string };
  jwt: { secret: string; expiresIn: string };
  bootstrapAdmin: { username: string; password: string } | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string, fallback?: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return '';
  };

  const portText = read('PORT', '3000');
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${portText}"`);

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');

  const secret = read('JWT_SECRET');
  if (secret && secret.length < 16) problems.push('JWT_SECRET must be at least 16 characters');

  const adminUser = env.BOOTSTRAP_ADMIN_USERNAME?.trim();
  const adminPassword = env.BOOTSTRAP_ADMIN_PASSWORD;
  if (Boolean(adminUser) !== Boolean(adminPassword)) {
    problems.push('BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD go together');
  }
  if (adminPassword !== undefined && adminPassword.length > 0 && adminPassword.length < 8) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD must be at least 8 characters');
  }

  const logLevel = read('LOG_LEVEL', 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const config: AppConfig = {
    port,
    databaseUrl,
    temporal: {
      address: read('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
      namespace: read('TEMPORAL_NAMESPACE', 'default'),
      taskQueue: read('TEMPORAL_TASK_QUEUE', 'supervision-cycle'),
    },
    jwt: { secret, expiresIn: read('JWT_EXPIRES_IN', '8h') },
    bootstrapAdmin: adminUser && adminPassword ? { username: adminUser, password: adminPassword } : null,
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
