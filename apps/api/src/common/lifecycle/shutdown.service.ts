import type { Server } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/**
 * The HTTP side of a graceful stop (SIGTERM/SIGINT through app.enableShutdownHooks, or app.close()).
 * Nest runs, in order: onModuleDestroy (the job worker stops taking jobs and interrupts its runs;
 * readiness answers 503 from here on), beforeApplicationShutdown, closing the HTTP server (no new
 * connection; Node waits for the requests in flight), onApplicationShutdown (the interrupted jobs
 * have released their lease, then the pools close — TypeORM's module is global, so last).
 *
 * What Node does not do alone: a keep-alive connection whose request ends during the stop stays
 * open until its idle timeout (5 s), holding the stop; and a request that never ends would hold it
 * until the orchestrator kills the process, the pools still open and the leases held.
 */
@Injectable()
export class ShutdownService implements OnModuleDestroy, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ShutdownService.name);
  private stopping = false;
  private inFlight = 0;
  private deadline: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the stop has begun (readiness then answers 503: the load balancer drains this process). */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** Requests being answered. */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Express middleware, first of all: counts requests, and frees a connection once its answer is sent during the stop. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    this.inFlight++;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.inFlight--;
      // Once the answer is written the connection is idle: closing it lets server.close() end
      // now rather than at the keep-alive timeout.
      if (this.stopping) setImmediate(() => this.server()?.closeIdleConnections());
    };
    response.once('finish', done);
    response.once('close', done);
    next();
  };

  onModuleDestroy(): void {
    this.stopping = true;
  }

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(
      `Stopping${signal ? ` (${signal})` : ''}: ${this.inFlight} request(s) in flight, answered before the pools close`,
    );
    // Past SHUTDOWN_TIMEOUT_SECONDS, the connections still open are cut: the rest of the stop
    // (leases, pools) must happen before the orchestrator's SIGKILL.
    this.deadline = setTimeout(() => {
      this.logger.warn(`${this.inFlight} request(s) still in flight at the stop's deadline: cut`);
      this.server()?.closeAllConnections();
    }, this.config.shutdownTimeoutMs);
    this.deadline.unref();
    this.server()?.closeIdleConnections();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.deadline);
  }

  private server(): Server | undefined {
    return this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
  }
}
