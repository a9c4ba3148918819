import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import pretty from 'pino-pretty';
import { AccessService } from './common/auth/access.service';
import { ActorCache, ActorCacheInterceptor } from './common/auth/actor-cache';
import { ApiTokenAuthenticator } from './common/auth/api-token.authenticator';
import { AppAuthGuard } from './common/auth/auth.guard';
import { ExportGate } from './common/concurrency/export-gate';
import { ShutdownService } from './common/lifecycle/shutdown.service';
import { ApiExceptionFilter } from './common/errors/api-exception.filter';
import { AccountsModule } from './modules/accounts/accounts.module';
import { ApiTokensModule } from './modules/api-tokens/api-tokens.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { MailModule } from './modules/mail/mail.module';
import { SettingsModule } from './modules/settings/settings.module';
import { AtypiaModule } from './modules/atypia/atypia.module';
import { CampaignsModule } from './modules/campaigns/campaigns.module';
import { IndicatorsModule } from './modules/indicators/indicators.module';
import { RegionalExportModule } from './modules/regional-export/regional-export.module';
import { RestitutionModule } from './modules/restitution/restitution.module';
import { GuidanceModule } from './modules/guidance/guidance.module';
import { SupportModule } from './modules/support/support.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { DATABASE_KIND } from './database/database.tokens';
import { EMBEDDED_DATABASE, EmbeddedDatabaseLifecycle } from './database/embedded-lifecycle';
import type { EmbeddedPostgres } from './database/embedded-postgres';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ReferenceModule } from './modules/reference/reference.module';
import { StructuresModule } from './modules/structures/structures.module';
import { RegistersModule } from './modules/registers/registers.module';
import { PaginationLinksInterceptor } from './common/http/pagination-links.interceptor';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  databaseKind: 'embedded' | 'server';
  /** The embedded database this process started (main.ts), stopped with the application. */
  embedded?: EmbeddedPostgres | null;
}

@Module({})
export class AppModule {
  static register({ config, databaseUrl, databaseKind, embedded }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: [
            {
              level: config.logLevel,
              // Probes and scrapes come every few seconds: their lines would drown the others.
              autoLogging: {
                ignore: (req) =>
                  req.url !== undefined && /^\/api\/(health(\/live|\/ready)?|metrics)(\?|$)/.test(req.url),
              },
              redact: ['req.headers.authorization', 'req.headers.cookie'],
              // One short line per request: method, URL, status; full headers only at debug level.
              serializers:
                config.logLevel === 'debug' || config.logLevel === 'trace'
                  ? undefined
                  : {
                      req: (req: { id: unknown; method: string; url: string }) => ({
                        id: req.id,
                        method: req.method,
                        url: req.url,
                      }),
                      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                    },
            },
            // Synchronous pretty printing in development keeps log lines in order with the console.
            config.logPretty ? pretty({ singleLine: true, sync: true }) : process.stdout,
          ],
        }),
        // Embedded PGlite runs one query at a time, and pglite-socket may interleave the protocol
        // messages of concurrent connections: one connection.
        TypeOrmModule.forRoot(
          dataSourceOptions(databaseUrl, { poolSize: databaseKind === 'embedded' ? 1 : 10 }),
        ),
        HealthModule,
        MetricsModule,
        ReferenceModule,
        StructuresModule,
        MailModule,
        AuditModule,
        SettingsModule,
        AuthModule,
        AccountsModule,
        ApiTokensModule,
        RegistersModule,
        CampaignsModule,
        IndicatorsModule,
        AtypiaModule,
        RestitutionModule,
        GuidanceModule,
        SupportModule,
        RegionalExportModule,
        // Lets the route test enumerate every controller method and check its authorization rule.
        DiscoveryModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_KIND, useValue: databaseKind },
        { provide: EMBEDDED_DATABASE, useValue: embedded ?? null },
        EmbeddedDatabaseLifecycle,
        ShutdownService,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_GUARD, useClass: AppAuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ActorCacheInterceptor },
        { provide: APP_INTERCEPTOR, useClass: PaginationLinksInterceptor },
        ActorCache,
        AccessService,
        ApiTokenAuthenticator,
        ExportGate,
      ],
      exports: [APP_CONFIG, DATABASE_KIND, AccessService, ActorCache, ExportGate, ShutdownService],
    };
  }
}
