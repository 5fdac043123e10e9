import { Module } from '@nestjs/common';
import { DomainMetrics } from './domain-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';

@Module({ controllers: [MetricsController], providers: [MetricsRegistry, DomainMetrics], exports: [MetricsRegistry] })
export class MetricsModule {}
