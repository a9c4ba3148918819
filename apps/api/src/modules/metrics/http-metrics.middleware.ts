import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Times every request and counts it under its route template ("/api/campaigns/:year/submissions/
 * :finess", the route Express matched), never its URL: one series per route, whatever the ids —
 * and a request no route matched (404s, scanners) under "unmatched", not under its own path.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const route = (request.route as { path?: unknown } | undefined)?.path;
      // Nest mounts middleware (this one, the logger's) as catch-all routes "…{*path}": still the
      // request's route at the end means no controller took it.
      const matched = typeof route === 'string' && !route.includes('{*');
      const labels = {
        method: METHODS.has(request.method) ? request.method : 'OTHER',
        route: matched ? route : 'unmatched',
        // A client gone before the answer was sent: not a status the API chose.
        status_class: response.writableFinished ? `${Math.floor(response.statusCode / 100)}xx` : 'aborted',
      };
      this.metrics.requests.inc(labels);
      this.metrics.requestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  }
}
