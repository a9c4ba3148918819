import { asSentence, type TransitionResult } from '@tdb/submission-workflow';
import { DomainError, type DomainErrorDetail } from '../../common/errors/domain-error';
import { type SubmissionContext } from '../campaign-core/submission-context';

/** A refusal of the status machine as the API's French error. */
export function workflowError(
  result: Extract<TransitionResult, { ok: false }>,
  details?: DomainErrorDetail[],
): DomainError {
  const message = asSentence(result.reason);
  switch (result.code) {
    case 'ROLE':
      return new DomainError('FORBIDDEN', message, undefined, `Workflow refused (role): ${result.reason}`);
    case 'PHASE':
    case 'STATUS':
      return new DomainError(
        'CONFLICT',
        message,
        undefined,
        `Workflow refused (${result.code}): ${result.reason}`,
      );
    default:
      return new DomainError('VALIDATION_FAILED', message, details);
  }
}

/** Refuses a stale version with the current values, so that the user can merge and lose nothing. */
export function staleError(context: SubmissionContext, sentVersion: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    "La saisie a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte : vos valeurs n'ont pas été enregistrées, comparez-les aux valeurs actuelles.",
    undefined,
    `Stale submission ${context.facts.finess}: sent ${sentVersion}, current ${context.submission.version}`,
    {
      current: {
        version: context.submission.version,
        status: context.submission.status,
        values: context.submission.values,
        ogValues: context.og.values,
        ogVersion: context.og.version,
      },
    },
  );
}

/** One refusal listing every value problem. */
export function valuesRefusal(errors: DomainErrorDetail[]): DomainError {
  const count = errors.length;
  return new DomainError(
    'VALIDATION_FAILED',
    `${count} ${count > 1 ? 'valeurs refusées' : 'valeur refusée'} : rien n'a été enregistré.`,
    errors,
  );
}
