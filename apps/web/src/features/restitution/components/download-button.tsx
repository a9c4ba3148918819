import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FrIconClassName } from '@codegouvfr/react-dsfr';
import { apiDownload, isApiClientError, saveBlob } from '@/lib/api-client';

/**
 * Downloads a file served behind the bearer token (apiDownload) and saves it; says so while it is
 * being prepared, and shows the API's message when it fails.
 */
export function DownloadButton({
  path,
  fileName,
  label,
  priority = 'secondary',
  iconId = 'fr-icon-download-line',
}: {
  /** The API path (without /api). */
  path: string;
  /** Used when the API does not suggest one. */
  fileName: string;
  label: string;
  priority?: 'primary' | 'secondary' | 'tertiary';
  iconId?: FrIconClassName;
}) {
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const onClick = async () => {
    setState({ kind: 'busy' });
    try {
      const file = await apiDownload(path);
      saveBlob(file.blob, file.fileName ?? fileName);
      setState({ kind: 'idle' });
    } catch (error) {
      setState({
        kind: 'error',
        message: isApiClientError(error) ? error.message : 'Le téléchargement a échoué. Réessayez.',
      });
    }
  };
  return (
    <>
      <Button
        size="small"
        priority={priority}
        iconId={iconId}
        disabled={state.kind === 'busy'}
        onClick={() => void onClick()}
      >
        {state.kind === 'busy' ? 'Préparation du fichier…' : label}
      </Button>
      <span
        role="status"
        className={state.kind === 'error' ? fr.cx('fr-error-text', 'fr-mt-1v') : 'fr-sr-only'}
      >
        {state.kind === 'error' ? state.message : ''}
      </span>
    </>
  );
}
