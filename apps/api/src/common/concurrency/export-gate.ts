import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthenticatedActor } from '../auth/authenticated-actor';
import { WorkGate, type Release } from './work-gate';

export const EXPORT_BUSY_MESSAGE =
  'Trop d’exports sont en cours de préparation sur la plateforme : réessayez dans une minute. Rien n’est perdu, votre export n’a simplement pas été lancé.';
export const EXPORT_ALREADY_RUNNING_MESSAGE =
  'Un export est déjà en cours pour votre compte : attendez qu’il se termine avant d’en lancer un autre.';

/**
 * The files built for a large scope (the regional export, the scope, atypia and indicator tables,
 * the territorial report) share one gate: EXPORT_CONCURRENCY at once across the process,
 * EXPORT_WAITING in line (then 503), and one at a time per account (then 429), so that ten
 * exports at once neither take the memory of ten files nor stop the API answering.
 */
@Injectable()
export class ExportGate {
  readonly gate: WorkGate;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.gate = new WorkGate(
      { concurrent: config.exportConcurrency, waiting: config.exportWaiting, perKey: 1 },
      { busy: EXPORT_BUSY_MESSAGE, keyBusy: EXPORT_ALREADY_RUNNING_MESSAGE },
    );
  }

  /** A slot for the actor's account, to release once the file is sent (see `releaseWhenDone`). */
  acquire(actor: AuthenticatedActor): Promise<Release> {
    return this.gate.acquire(actor.accountId);
  }

  /** Builds a file in a slot of the actor's account, released once it is built. */
  build<T>(actor: AuthenticatedActor, work: () => Promise<T>): Promise<T> {
    return this.gate.run(work, actor.accountId);
  }
}

/**
 * Releases the slot of a streamed file when the stream has been read to its end, has failed, or
 * has been destroyed — the client went away (Nest destroys the stream when the response closes).
 */
export function releaseWhenDone(stream: Readable, release: Release): void {
  stream.once('end', release);
  stream.once('error', release);
  stream.once('close', release);
}
