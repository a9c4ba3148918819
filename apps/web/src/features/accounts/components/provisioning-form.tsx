import { useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { checkProvisioningFile } from '../utils/provisioning';

/** The file input (DSFR Upload) and its submit; the file is checked here before it is sent. */
export function ProvisioningForm({
  pending,
  onSubmit,
  onCancel,
}: {
  pending: boolean;
  onSubmit: (file: File) => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkProvisioningFile(file);
    setError(found);
    if (found || !file) {
      inputRef.current?.focus();
      return;
    }
    onSubmit(file);
  };

  return (
    <form onSubmit={handleSubmit} noValidate className="tdb-panel" aria-labelledby="fichier-titre">
      <h2 id="fichier-titre" className={fr.cx('fr-h5')}>
        Importer le fichier
      </h2>
      <Upload
        label="Fichier des APE"
        hint="Formats acceptés : .csv ou .xlsx. Taille maximale : 10 Mo. 5 000 lignes au plus."
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        disabled={pending}
        nativeInputProps={{
          name: 'file',
          accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ref: inputRef,
          onChange: (event) => {
            setError(null);
            setFile(event.target.files?.[0] ?? null);
          },
        }}
      />
      <ul
        className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left', 'fr-mt-3w')}
      >
        <li>
          <Button type="submit" iconId="fr-icon-upload-line" disabled={pending}>
            {pending ? 'Import en cours…' : 'Importer les APE'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel} disabled={pending}>
            Revenir aux utilisateurs
          </Button>
        </li>
      </ul>
    </form>
  );
}
