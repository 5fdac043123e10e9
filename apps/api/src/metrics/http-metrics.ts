import type { RequestHandler } from 'express';
import { UNMATCHED_ROUTE, type MetricsRegistry } from './metrics.registry';

/** The console's fallback to index.html (serve-static's `{*any}`), which also sees the unknown /api paths it hands on to the 404. */
const isCatchAll = (template: string) => /^\/?\{\*/.test(template);

/**
 * Times every request (Express middleware, first in the chain, so 401s of the guard and 404s of
 * unknown paths are counted too) and labels it with the matched route's template as Express knows it
 * (`/api/v1/tasks/:id`), never the raw path with its ids. What no API route answered — an unknown path,
 * the console's files and pages — is `unmatched`.
 */
export function httpMetrics(metrics: MetricsRegistry): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const template = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof template === 'string' && !isCatchAll(template) ? `${req.baseUrl}${template}` : UNMATCHED_ROUTE;
      end({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  };
}
