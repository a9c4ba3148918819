import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '@tdb/contracts';
import { hostileInputProblem, textProblem } from './hostile-input';

const refuse = (response: Response, message: string) =>
  response.status(400).json({ statusCode: 400, code: 'VALIDATION_FAILED', message } satisfies ApiError);

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
  const problem =
    hostileInputProblem(request.query, 'La requête') ??
    (request.body !== undefined ? hostileInputProblem(request.body, 'Le corps de la requête') : null);
  if (problem) return void refuse(response, problem);
  next();
}
