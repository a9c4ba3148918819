import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import type { ScopeImportResult } from '@tdb/contracts';
import { errorMessage } from '@/components/ui/query-error';
import { formatCount } from '@/lib/format';
import { useReference } from '@/lib/api/get-reference';
import { downloadScope, useUploadScope } from '../api/scope';
import { paths } from '@/lib/paths';

const MAX_SIZE = 20 * 1024 * 1024;

function checkFile(file: File | null): string | null {
  if (!file) return 'Choisissez la liste du périmètre remplie (fichier .xlsx).';
  if (!file.name.toLowerCase().endsWith('.xlsx')) return 'Le fichier doit être au format .xlsx.';
  if (file.size > MAX_SIZE) return 'Le fichier ne doit pas dépasser 20 Mo.';
  return null;
}

/** Download the scope list (XLSX), fill the columns « Dans le périmètre » and « Motif », upload it back. */
export function ScopeTransfer({
  year,
  national,
  canUpload,
}: {
  year: number;
  national: boolean;
  canUpload: boolean;
}) {
  const reference = useReference();
  const [region, setRegion] = useState('');
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<ScopeImportResult | null>(null);
  const upload = useUploadScope(year);
  const inputRef = useRef<HTMLInputElement>(null);

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadScope(year, region || undefined);
    } catch (error) {
      setDownloadError(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkFile(file);
    setFileError(found);
    setResult(null);
    if (found || !file) {
      inputRef.current?.focus();
      return;
    }
    upload.mutate(file, {
      onSuccess: (r) => {
        setResult(r);
        setFile(null);
        if (inputRef.current) inputRef.current.value = '';
      },
    });
  };

  const lineErrors = upload.error?.errors?.filter((e) => e.message) ?? [];

  return (
    <section className="tdb-panel fr-mb-4w" aria-labelledby="liste-perimetre">
      <h2 id="liste-perimetre" className={fr.cx('fr-h5')}>
        Liste du périmètre (Excel)
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Téléchargez la liste des structures de votre périmètre, avec les APE à contacter : une ligne par
        structure (type « ESMS ») puis une ligne par organisme gestionnaire (type « OG »), chacune avec son
        propre APE. Pour inclure ou exclure des structures en nombre, remplissez les colonnes « Dans le
        périmètre » (Oui ou Non) et « Motif » (obligatoire pour exclure) des lignes « ESMS », puis déposez le
        fichier : il est vérifié en entier, et rien n'est enregistré s'il comporte une erreur.
      </p>
      <p className={fr.cx('fr-text--sm')}>
        Pour une structure ou un organisme sans APE, complétez les colonnes « APE à créer » (nom, prénom,
        courriel) : le même fichier, déposé dans{' '}
        <Link to={paths.usersImport.href()}>Utilisateurs → Importer des APE</Link>, crée les comptes et envoie
        les invitations. Il n'y a qu'un APE par organisation : pour en remplacer un, indiquez aussi dans « APE
        à créer : transfert » ce que devient l'actuel (« utilisateur » ou « retrait »).
      </p>
      {national && (
        <Select
          label="Région (facultatif)"
          hint="Sans région, la liste couvre toute la France."
          nativeSelectProps={{ value: region, onChange: (e) => setRegion(e.target.value), name: 'region' }}
        >
          <option value="">Toutes les régions</option>
          {(reference.data?.regions ?? []).map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </Select>
      )}
      <Button
        priority="secondary"
        iconId="fr-icon-download-line"
        onClick={() => void download()}
        disabled={downloading}
      >
        {downloading ? 'Téléchargement…' : 'Télécharger la liste du périmètre'}
      </Button>
      {downloadError && (
        <Alert
          className={fr.cx('fr-mt-2w')}
          severity="error"
          role="alert"
          small
          description={downloadError}
        />
      )}

      {canUpload && (
        <form
          onSubmit={onSubmit}
          noValidate
          className={fr.cx('fr-mt-4w')}
          aria-label="Déposer la liste du périmètre"
        >
          <Upload
            label="Liste du périmètre remplie"
            hint="Format accepté : .xlsx (la liste téléchargée ci-dessus). Taille maximale : 20 Mo."
            state={fileError ? 'error' : 'default'}
            stateRelatedMessage={fileError}
            disabled={upload.isPending}
            nativeInputProps={{
              name: 'file',
              accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              ref: inputRef,
              onChange: (event) => {
                setFileError(null);
                setFile(event.target.files?.[0] ?? null);
              },
            }}
          />
          <Button
            type="submit"
            className={fr.cx('fr-mt-2w')}
            iconId="fr-icon-upload-line"
            disabled={upload.isPending}
          >
            {upload.isPending ? 'Dépôt en cours…' : 'Déposer la liste'}
          </Button>
        </form>
      )}

      {result && (
        <Alert
          className={fr.cx('fr-mt-3w')}
          severity="success"
          role="status"
          title="Le périmètre a été mis à jour"
          description={
            <ul>
              <li>{formatCount(result.included, 'structure incluse', 'structures incluses')}</li>
              <li>{formatCount(result.excluded, 'structure exclue', 'structures exclues')}</li>
              <li>{formatCount(result.unchanged, 'structure inchangée', 'structures inchangées')}</li>
            </ul>
          }
        />
      )}
      {upload.error && (
        <div className={fr.cx('fr-mt-3w')}>
          <Alert
            severity="error"
            role="alert"
            title="Le fichier n'a pas été pris en compte"
            description={
              <>
                <span>{upload.error.message}</span>
                {lineErrors.length > 0 && (
                  <ul className={fr.cx('fr-mt-1w')} aria-label="Lignes en erreur">
                    {lineErrors.map((e, index) => (
                      <li key={`${e.line ?? e.field ?? ''}-${index}`}>
                        {e.line !== undefined && e.line > 0 ? `Ligne ${e.line} : ` : ''}
                        {e.message}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            }
          />
        </div>
      )}
    </section>
  );
}
