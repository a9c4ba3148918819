import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '@tdb/contracts';
import { hostileInputProblem, textProblem } from './hostile-input';

const refuse = (response: Response, message: string, statusCode = 400, code = 'VALIDATION_FAILED') =>
  response.status(statusCode).json({ statusCode, code, message } satisfies ApiError);

/**
 * The bodies a route reads: JSON, and files sent as multipart/form-data. Any other body (a form's
 * urlencoded fields, text/plain — what another site's page can post without asking, see login
 * CSRF) would reach the route as no body at all, and be refused for fields it did send.
 */
function unreadableBody(request: Request): boolean {
  const length = request.headers['content-length'];
  const hasBody =
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return false;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type !== 'application/json' && type !== 'multipart/form-data';
}

/**
 * Refuses, for every route and before anything else reads them, a path, query or JSON body that
 * no route accepts (see hostile-input.ts): a clear 400 in French instead of a crash further down.
 */
export function hostileInputGuard(request: Request, response: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    return void refuse(response, 'L’adresse demandée contient un encodage « % » invalide.');
  }
  const inPath = textProblem(path);
  if (inPath) return void refuse(response, `L’adresse demandée ${inPath}.`);
  if (unreadableBody(request)) {
    return void refuse(
      response,
      'Le corps de la requête doit être envoyé en JSON (Content-Type: application/json), ou en multipart/form-data pour un fichier.',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  }
  const problem =
    hostileInputProblem(request.query, 'query') ??
    (request.body !== undefined ? hostileInputProblem(request.body, 'body') : null);
  if (problem) return void refuse(response, problem);
  next();
}
