import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '@tdb/contracts';

/** What the JSON body parser refused (its error's `type`), said so that the sender can fix it. */
const BODY_PARSER_ERRORS: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': {
    code: 'VALIDATION_FAILED',
    message:
      'Le corps de la requête n’est pas un JSON valide : un objet ou un tableau JSON est attendu (vérifiez les guillemets, les virgules et les accolades).',
  },
  'entity.too.large': {
    code: 'PAYLOAD_TOO_LARGE',
    message:
      'Le corps de la requête est trop volumineux (au plus 1 Mo en JSON) ; un fichier se dépose à part.',
  },
  'charset.unsupported': {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Jeu de caractères non pris en charge : envoyez le JSON en UTF-8.',
  },
  'encoding.unsupported': {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message:
      'Compression du corps non prise en charge : envoyez le JSON sans Content-Encoding, ou compressé en gzip ou deflate.',
  },
};

/**
 * Answers the body parser's refusals itself, registered right after it: past this point Nest turns
 * a malformed JSON into a bare « Requête invalide. » (it keeps only the parser's English message),
 * and a body too large into a generic 413.
 */
export function bodyParserErrors(
  error: unknown,
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  const known = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
  if (!known || typeof status !== 'number') return next(error);
  response.status(status).json({ statusCode: status, ...known } satisfies ApiError);
}
