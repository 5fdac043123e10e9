import { RequestMethod, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@rol/config';
import { runMigrations } from '@rol/db';
import { ROLES } from '@rol/domain';
import { AppModule } from './app.module';
import { DomainErrorFilter } from './common/domain-error.filter';
import { InputSafetyPipe } from './common/input-safety.pipe';
import { documentErrors, ErrorResponseDto } from './common/openapi';
import { validationExceptionFactory } from './common/validation';
import { httpMetrics } from './metrics/http-metrics';
import { MetricsRegistry } from './metrics/metrics.registry';
import type { Clock } from './common/clock';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

/**
 * Security headers (helmet) on every answer: the console's own scripts only, its inline styles
 * (Ant Design's CSS-in-JS), images from itself, data: and blob: (previews of attachments); the
 * OpenAPI page (Swagger UI) without a content security policy.
 */
function securityHeaders(): RequestHandler {
  const pages = helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'] } } });
  const docs = helmet({ contentSecurityPolicy: false });
  return (req, res, next) => (req.path.startsWith('/api/docs') ? docs(req, res, next) : pages(req, res, next));
}

/**
 * Builds the HTTP app (used by main.ts and by the end-to-end tests): migrations, pipes, filter, OpenAPI.
 * Its logs are JSON lines on stdout (common/logging.ts), or on `logDestination` (a test reads them).
 */
export async function createApp(config: AppConfig, options: { clock?: Clock; logDestination?: DestinationStream } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config, options.clock, options.logDestination), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(httpMetrics(app.get(MetricsRegistry)));
  app.use(securityHeaders());
  // Prometheus scrapes /metrics (its convention), outside the API's prefix.
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useBodyParser('json', { limit: '5mb' });
  app.useBodyParser('raw', { type: (req: { url?: string; headers: Record<string, unknown> }) => !!req.url?.includes('/departments/import') && /spreadsheetml/i.test(String(req.headers['content-type'] ?? '')), limit: '10mb' });
  app.useBodyParser('text', { type: (req: { url?: string; headers: Record<string, unknown> }) => !req.url?.includes('/case-files/import') && /^\s*text\/(csv|plain)\s*(;|$)/i.test(String(req.headers['content-type'] ?? '')), limit: '20mb' }); // the case-file import streams its body
  app.useGlobalPipes(
    new InputSafetyPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();

  const document = documentErrors(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('法治督察年度工作周期 API')
      .setDescription('年度工作要点、任务、部门与周期进度。错误响应：{ statusCode, code, message, errors?: [{ field, code, message, row? }] }')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorResponseDto] },
  ), ROLES);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** Applies pending migrations with the app's own connection. */
export async function migrate(app: INestApplication): Promise<string[]> {
  return runMigrations(app.get<DataSource>(getDataSourceToken()));
}
