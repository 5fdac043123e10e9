import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The route label of a request no route matched (a 404 of an unknown path): never the raw URL, which would grow without bound. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * One Prometheus registry per app (not prom-client's global one: the tests build several apps in one
 * process): the Node process metrics and the HTTP request histogram; the domain gauges add themselves.
 */
@Injectable()
export class MetricsRegistry implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP 请求耗时（秒），按方法、路由模板与状态码',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
