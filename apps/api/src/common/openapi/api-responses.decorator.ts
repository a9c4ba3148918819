import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import { ApiErrorResponseDto } from './error-response.dto';

/** What each error status means on this API, in French (the document's default descriptions). */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Requête invalide : paramètres, corps ou valeurs refusés (détail par champ)',
  401: 'Authentification requise',
  403: 'Hors de votre périmètre ou de vos droits',
  404: 'Ressource introuvable',
  409: 'Conflit : version périmée ou action impossible dans l’état actuel',
  413: 'Fichier ou requête trop volumineux',
  415: 'Type de contenu non pris en charge',
  422: 'Fichier illisible ou contenu refusé (détail par ligne ou cellule)',
  429: 'Trop de requêtes : réessayer plus tard',
  500: 'Erreur du serveur',
  503: 'Service indisponible',
};

/** The error statuses an operation answers besides the common ones (400, 401, 403, 429, 500). */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_DESCRIPTIONS[status] ?? 'Erreur', type: ApiErrorResponseDto }),
    ),
  );
}

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
} as const;

export type FileKind = keyof typeof FILE_TYPES;

/** A file answered by an operation (binary body, named by Content-Disposition). */
export function ApiFileResponse(kind: FileKind, description: string, status = 200): MethodDecorator {
  return applyDecorators(
    ApiProduces(FILE_TYPES[kind]),
    ApiResponse({
      status,
      description,
      content: { [FILE_TYPES[kind]]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );
}
