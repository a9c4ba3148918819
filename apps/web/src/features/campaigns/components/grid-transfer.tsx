import { useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import type { BulkResult } from '@tdb/contracts';
import { isApiClientError, type ApiClientError } from '@/lib/api-client';
import { errorMessage } from '@/components/ui/query-error';
import { downloadGrid, uploadGrid, type GridTarget } from '../api/grids';

function changedCount(result: BulkResult): number {
  return (result.organisation?.changed ?? 0) + result.structures.reduce((sum, s) => sum + s.changed, 0);
}

/** Download the Excel grid, fill it offline, upload it: errors are listed by sheet and cell. */
export function GridTransfer({
  target,
  canUpload,
  onUploaded,
}: {
  target: GridTarget;
  canUpload: boolean;
  onUploaded: () => void;
}) {
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [uploadError, setUploadError] = useState<ApiClientError | string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadGrid(target);
    } catch (error) {
      setDownloadError(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const upload = async () => {
    if (!file) {
      setUploadError('Choisissez le fichier Excel de la grille remplie.');
      return;
    }
    setUploading(true);
    setUploadError(null);
    setResult(null);
    try {
      setResult(await uploadGrid(target, file));
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onUploaded();
    } catch (error) {
      setUploadError(isApiClientError(error) ? error : errorMessage(error));
    } finally {
      setUploading(false);
    }
  };

  return (
    <section className="tdb-panel" aria-labelledby="grille-excel-titre">
      <h2 id="grille-excel-titre" className={fr.cx('fr-h6')}>
        Grille Excel
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Téléchargez la grille pré-remplie, complétez-la puis déposez-la : toutes les valeurs sont vérifiées
        avant d'être enregistrées.
      </p>
      <Button
        priority="secondary"
        iconId="fr-icon-download-line"
        onClick={() => void download()}
        disabled={downloading}
      >
        {downloading ? 'Téléchargement…' : 'Télécharger la grille'}
      </Button>
      {downloadError && <p className={fr.cx('fr-error-text')}>{downloadError}</p>}
      {canUpload && (
        <div className={fr.cx('fr-mt-3w')}>
          <Upload
            label="Déposer la grille remplie"
            hint="Fichier .xlsx"
            nativeInputProps={{
              ref: inputRef,
              accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              onChange: (event) => setFile(event.target.files?.[0] ?? null),
            }}
          />
          <Button
            className={fr.cx('fr-mt-2w')}
            iconId="fr-icon-upload-line"
            onClick={() => void upload()}
            disabled={uploading}
          >
            {uploading ? 'Import en cours…' : 'Importer la grille'}
          </Button>
        </div>
      )}
      <div aria-live="polite">
        {result && (
          <Alert
            className={fr.cx('fr-mt-2w')}
            severity="success"
            small
            description={`Grille importée : ${changedCount(result)} valeur(s) enregistrée(s).`}
          />
        )}
      </div>
      {uploadError && (
        <Alert
          className={fr.cx('fr-mt-2w')}
          severity="error"
          role="alert"
          as="h3"
          title="La grille n'a pas été importée"
          description={
            typeof uploadError === 'string' ? (
              uploadError
            ) : (
              <>
                <span>{uploadError.message}</span>
                {uploadError.errors && uploadError.errors.length > 0 && (
                  <ul>
                    {uploadError.errors.map((e, index) => (
                      <li key={index}>
                        {e.field ? <strong>{e.field.replace('!', ', cellule ')} : </strong> : null}
                        {e.message}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )
          }
        />
      )}
    </section>
  );
}
