import { Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@rol/config';
import type { DestinationStream } from 'pino';
import { createDataSource } from '@rol/db';
import { Clock, SystemClock } from './common/clock';
import { AssessmentsModule } from './assessments/assessments.module';
import { AnnualReportsModule } from './annual-reports/annual-reports.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CampaignDraftsModule } from './campaign-drafts/campaign-drafts.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CaseFilesModule } from './case-files/case-files.module';
import { ApiConfig } from './common/api-config';
import { loggingModule } from './common/logging';
import { DepartmentsModule } from './departments/departments.module';
import { DrawsModule } from './draws/draws.module';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { LedgersModule } from './ledgers/ledgers.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OfficeSettingsModule } from './office-settings/office-settings.module';
import { OperationsModule } from './operations/operations.module';
import { OpinionsModule } from './opinions/opinions.module';
import { ReviewsModule } from './reviews/reviews.module';
import { ReviewerPoolModule } from './reviewer-pool/reviewer-pool.module';
import { SelfChecksModule } from './self-checks/self-checks.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalModule } from './temporal/temporal.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig, clock: Clock = new SystemClock(), logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        loggingModule(config.logLevel, logDestination),
        TypeOrmModule.forRootAsync({
          // Started before PostgreSQL is up (or while it restarts), the API waits for it instead of exiting.
          useFactory: () => ({ retryAttempts: Number.MAX_SAFE_INTEGER, retryDelay: 2000 }),
          dataSourceFactory: () => createDataSource(config.databaseUrl, { name: 'supervision-api' }).initialize(),
        }),
        TemporalModule,
        AuthModule,
        UsersModule,
        AttachmentsModule,
        DepartmentsModule,
        CaseFilesModule,
        CampaignsModule,
        CampaignDraftsModule,
        TasksModule,
        InboxModule,
        NotificationsModule,
        OfficeSettingsModule,
        SelfChecksModule,
        DrawsModule,
        ReviewsModule,
        ReviewerPoolModule,
        AnnualReportsModule,
        OpinionsModule,
        AssessmentsModule,
        LedgersModule,
        CalendarModule,
        AuditModule,
        OperationsModule,
        HealthModule,
        MetricsModule,
        // The console: same origin as the API (no CORS); unknown paths get index.html (client-side routes), but not /metrics.
        ...(config.webRoot ? [ServeStaticModule.forRoot({ rootPath: config.webRoot, exclude: ['/api/{*path}', '/metrics'], serveStaticOptions: { index: 'index.html', maxAge: '1h', setHeaders: noCacheForIndex } })] : []),
      ],
      providers: [{ provide: ApiConfig, useValue: new ApiConfig(config) }, { provide: Clock, useValue: clock }],
      exports: [ApiConfig, Clock],
    };
  }
}

/** Hashed assets are cached; index.html never is, so a new build is seen at the next visit. */
function noCacheForIndex(res: { setHeader(name: string, value: string): void }, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
