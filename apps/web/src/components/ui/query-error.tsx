import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { fr } from '@codegouvfr/react-dsfr';
import { isApiClientError } from '@/lib/api-client';

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Une erreur inattendue est survenue.';
}

/** The error state of a page or block: the API's French message, and a retry when it makes sense. */
export function QueryError({
  error,
  title = 'Le chargement a échoué',
  onRetry,
  headingAs = 'h3',
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  headingAs?: 'h2' | 'h3' | 'h4';
}) {
  return (
    <div className={fr.cx('fr-my-4w')}>
      <Alert
        severity="error"
        role="alert"
        as={headingAs}
        title={title}
        description={
          <>
            <span>{errorMessage(error)}</span>
            {isApiClientError(error) && error.errors && error.errors.length > 0 && (
              <ul className={fr.cx('fr-mt-1w')}>
                {error.errors.map((detail, index) => (
                  <li key={`${detail.field ?? ''}-${index}`}>{detail.message}</li>
                ))}
              </ul>
            )}
            {onRetry && (
              <span className={fr.cx('fr-mt-2w')} style={{ display: 'block' }}>
                <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={onRetry}>
                  Réessayer
                </Button>
              </span>
            )}
          </>
        }
      />
    </div>
  );
}
