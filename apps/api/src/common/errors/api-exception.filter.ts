import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  Optional,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiError } from '@tdb/contracts';
import { ACCESS_DENIAL_RECORDER, type AccessDenialRecorder } from './access-denials';
import { DomainError, httpStatusOf } from './domain-error';

/** French messages for the HTTP errors Nest or Express raise before our code runs. */
const FRENCH_HTTP_MESSAGES: Record<number, string> = {
  400: 'Requête invalide.',
  401: 'Authentification requise.',
  403: 'Accès refusé.',
  404: 'Ressource introuvable.',
  405: 'Méthode non autorisée.',
  409: 'Conflit avec l’état actuel de la ressource.',
  413: 'Fichier ou requête trop volumineux.',
  415: 'Type de contenu non pris en charge.',
  429: 'Trop de requêtes : réessayez dans un instant.',
};

/**
 * PostgreSQL's refusals of a value sent by the client (SQLSTATE class 22 "data exception", and a
 * statement too complex): the request is at fault, not the server. Validation refuses most of
 * these first; this is the net under it.
 */
const DATABASE_INPUT_ERRORS: Record<string, string> = {
  '22P02': 'une valeur n’a pas le format attendu',
  '22P05': 'un caractère ne peut pas être enregistré',
  '22021': 'un caractère ne peut pas être enregistré',
  '22003': 'un nombre est hors des limites acceptées',
  '22001': 'un texte est trop long',
  '22007': 'une date n’a pas le format attendu',
  '22008': 'une date est hors des limites acceptées',
  '22023': 'un paramètre a une valeur invalide',
  '22025': 'un texte contient une séquence d’échappement invalide',
  '2201B': 'une expression de recherche est invalide',
  '54001': 'la requête est trop complexe',
};

function databaseInputError(exception: unknown): string | null {
  const error = exception as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = error?.driverError?.code ?? error?.code;
  return typeof code === 'string' ? (DATABASE_INPUT_ERRORS[code] ?? null) : null;
}

/** The one mapping from exceptions to the API error shape { statusCode, code, message, errors? }. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(@Optional() @Inject(ACCESS_DENIAL_RECORDER) private readonly denials?: AccessDenialRecorder) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (body.statusCode >= 500 || databaseInputError(exception)) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    if (exception instanceof DomainError && exception.code === 'FORBIDDEN' && this.denials) {
      await this.recordDenial(host.switchToHttp().getRequest<Request>(), body.message);
    }
    response.status(body.statusCode).json(body);
  }

  /** Refused accesses go to the audit log (rate-limited there); a failure to write is only logged. */
  private async recordDenial(request: Request, message: string): Promise<void> {
    const actor = (request as Request & { user?: { accountId?: string; email?: string } }).user;
    const route = (request.route as { path?: string } | undefined)?.path;
    try {
      await this.denials!.record({
        accountId: actor?.accountId ?? null,
        email: actor?.email ?? null,
        method: request.method,
        // Express's matched pattern holds the global prefix (/api/…).
        route: route ?? request.path.slice(0, 200),
        message,
        ipAddress: request.ip ?? null,
      });
    } catch (error) {
      this.logger.error(`Refused access not written to the audit log: ${String(error)}`);
    }
  }

  private toApiError(exception: unknown): ApiError & Record<string, unknown> {
    if (exception instanceof DomainError) {
      return {
        statusCode: httpStatusOf(exception.code),
        code: exception.code,
        message: exception.userMessage,
        ...(exception.details ? { errors: exception.details } : {}),
        ...(exception.extra ?? {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      // Our validation pipe raises a 400 whose payload already holds French per-field errors.
      if (typeof payload === 'object' && payload !== null && 'code' in payload && 'message' in payload) {
        return { statusCode: status, ...(payload as { code: string; message: string }) };
      }
      return {
        statusCode: status,
        code: status === 404 ? 'NOT_FOUND' : `HTTP_${status}`,
        message: FRENCH_HTTP_MESSAGES[status] ?? 'La requête n’a pas pu aboutir.',
      };
    }
    const refused = databaseInputError(exception);
    if (refused) {
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        code: 'VALIDATION_FAILED',
        message: `Requête refusée : ${refused}. Vérifiez les valeurs envoyées.`,
      };
    }
    // Body parser errors (malformed JSON, too large) arrive as plain errors with a status.
    const status = (exception as { status?: number; statusCode?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return {
        statusCode: status,
        code: `HTTP_${status}`,
        message: FRENCH_HTTP_MESSAGES[status] ?? 'Requête invalide.',
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message:
        'Une erreur inattendue est survenue. Réessayez plus tard ; si elle persiste, contactez le support.',
    };
  }
}
