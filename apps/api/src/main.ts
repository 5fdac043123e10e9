import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@rol/config';
import { createApp, migrate } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const applied = await migrate(app);
  await app.listen(config.port, config.host);
  const logger = new Logger('Main');
  if (applied.length) logger.log(`migrations applied: ${applied.join(', ')}`);
  logger.log(`API listening on http://${config.host}:${config.port}/api/v1 (docs: /api/docs)`);
}

main().catch((err) => {
  console.error(JSON.stringify({ time: new Date().toISOString(), level: 'fatal', service: 'api', msg: 'api failed to start', error: err instanceof Error ? err.stack : String(err) }));
  process.exit(1);
});
