import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FrIconClassName } from '@codegouvfr/react-dsfr';
import { isApiClientError, saveBlob } from '@/lib/api-client';
import type { FileDownload } from '../api/file-download';

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** "58 Ko", "1,2 Mo": a file's size as DSFR download links give it. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${sizeFormat.format(Math.max(1, Math.round(bytes / 1024)))} Ko`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} Mo`;
}

/** The file a download link announces: its format and, before the first download, a hint. */
export interface DownloadFormat {
  /** "PDF", "XLSX". */
  name: string;
  /** Said until the size is known, e.g. "A4" or "Excel, LibreOffice". */
  hint?: string;
}

type State = { kind: 'idle' | 'busy' } | { kind: 'error'; message: string };

/**
 * Downloads a file of the API (through its typed client, with the session) and saves it; says so
 * while it is being prepared, and shows the API's message when it fails. With `format`, it is a DSFR download
 * link ("fr-link--download"): its detail gives the format, then the size of the file once fetched.
 */
export function DownloadButton({
  file,
  fileName,
  label,
  format,
  priority = 'secondary',
  iconId = 'fr-icon-download-line',
}: {
  /** The file, e.g. `structureRestitutionFile(year, finess, 'pdf')`. */
  file: FileDownload;
  /** Used when the API does not suggest one. */
  fileName: string;
  label: string;
  format?: DownloadFormat;
  priority?: 'primary' | 'secondary' | 'tertiary';
  iconId?: FrIconClassName;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  // The size of the last file fetched, for this very file (another query, another file).
  const [fetched, setFetched] = useState<{ key: string; bytes: number } | null>(null);
  const onClick = async () => {
    setState({ kind: 'busy' });
    try {
      const { blob, fileName: suggested } = await file.fetch();
      saveBlob(blob, suggested ?? fileName);
      setFetched({ key: file.key, bytes: blob.size });
      setState({ kind: 'idle' });
    } catch (error) {
      setState({
        kind: 'error',
        message: isApiClientError(error) ? error.message : 'Le téléchargement a échoué. Réessayez.',
      });
    }
  };
  const text = state.kind === 'busy' ? 'Préparation du fichier…' : label;
  const status = (
    <span
      role="status"
      className={state.kind === 'error' ? fr.cx('fr-error-text', 'fr-mt-1v') : 'fr-sr-only'}
    >
      {state.kind === 'error' ? state.message : ''}
    </span>
  );
  if (format) {
    const size = fetched?.key === file.key ? formatFileSize(fetched.bytes) : format.hint;
    return (
      <>
        <button
          type="button"
          className={fr.cx('fr-link', 'fr-link--download')}
          disabled={state.kind === 'busy'}
          onClick={() => void onClick()}
        >
          {text}
          <span className="fr-link__detail">{size ? `${format.name} – ${size}` : format.name}</span>
        </button>
        {status}
      </>
    );
  }
  return (
    <>
      <Button
        size="small"
        priority={priority}
        iconId={iconId}
        disabled={state.kind === 'busy'}
        onClick={() => void onClick()}
      >
        {text}
      </Button>
      {status}
    </>
  );
}
