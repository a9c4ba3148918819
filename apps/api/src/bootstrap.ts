import fs from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { createOpenApiDocument } from './common/openapi/openapi-document';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ShutdownService } from './common/lifecycle/shutdown.service';
import { foreground } from './common/concurrency/foreground';
import { bodyParserErrors } from './common/validation/body-parser-errors';
import { hostileInputGuard } from './common/validation/hostile-input.middleware';
import { createValidationPipe } from './common/validation/validation.pipe';
import type { AppConfig } from './config/app-config';
import type { EmbeddedPostgres } from './database/embedded-postgres';

export const API_PREFIX = 'api';

/** Builds the Nest application (used by main.ts and by the integration tests). */
export async function createApp(
  config: AppConfig,
  database: { url: string; kind: 'embedded' | 'server'; embedded?: EmbeddedPostgres | null },
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      config,
      databaseUrl: database.url,
      databaseKind: database.kind,
      embedded: database.embedded,
    }),
    // JSON bodies only (registered below): no form-encoded bodies, so no login from a foreign
    // page's form (login CSRF).
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // First: every request is counted, so that a stop waits for it (and frees its connection after).
  app.use(app.get(ShutdownService).middleware);
  // Background work (exports, recomputes) runs in the time the requests leave (foreground.ts).
  app.use(foreground.middleware);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  // Standard security headers and a content security policy: everything from this origin only.
  // Styles may be inline (the DSFR's React components and the OpenAPI page set some); scripts may
  // not. Pictures also as data:/blob: (icons, the map, the charts), and no framing (clickjacking).
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          manifestSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      // The same as frame-ancestors 'none', for browsers that only know this header.
      frameguard: { action: 'deny' },
      // HSTS only on answers actually served over HTTPS (below): on plain http it is meaningless.
      strictTransportSecurity: false,
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.secure)
      response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  app.use(cookieParser());
  // Behind a reverse proxy (ops), the client address comes from X-Forwarded-For — of the proxies
  // the configuration names (TRUST_PROXY) only.
  app.set('trust proxy', config.trustProxy);
  // API answers are per user and often personal: never kept by browsers or shared caches.
  app.use(`/${API_PREFIX}`, (_request: Request, response: Response, next: NextFunction) => {
    if (!response.getHeader('Cache-Control')) response.setHeader('Cache-Control', 'no-store');
    next();
  });
  // After the security headers above, so that the refusals below carry them too.
  app.useBodyParser('json', { limit: '1mb' });
  app.use(bodyParserErrors);
  app.use(hostileInputGuard);

  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
  });

  if (config.webDir && fs.existsSync(path.join(config.webDir, 'index.html'))) {
    serveSpa(app, config.webDir);
  }
  return app;
}

/** Serves the built SPA at "/" and sends index.html for its client-side routes. */
function serveSpa(app: NestExpressApplication, webDir: string): void {
  const indexHtml = path.join(webDir, 'index.html');
  app.use(express.static(webDir, { index: false, maxAge: '1h' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith(`/${API_PREFIX}/`) || req.path === `/${API_PREFIX}`)
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
