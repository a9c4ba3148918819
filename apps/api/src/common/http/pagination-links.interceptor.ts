import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { isPage, pageLinks } from './pagination-links';

/** Adds X-Total-Count and Link (first/prev/next/last) to every page of a list (pagination-links.ts). */
@Injectable()
export class PaginationLinksInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    return next.handle().pipe(
      tap((body) => {
        if (!isPage(body)) return;
        const response = http.getResponse<Response>();
        if (response.headersSent) return;
        response.setHeader('X-Total-Count', String(body.total));
        const links = pageLinks(http.getRequest<Request>().originalUrl, body);
        if (links !== null) response.setHeader('Link', links);
      }),
    );
  }
}
