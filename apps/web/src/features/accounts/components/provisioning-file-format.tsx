import { fr } from '@codegouvfr/react-dsfr';
import { DataTable } from '@/components/ui/data-table';
import { PROVISIONING_COLUMNS, PROVISIONING_EXAMPLE, provisioningTemplateHref } from '../utils/provisioning';

type ExampleRow = (typeof PROVISIONING_EXAMPLE)[number];

/** The columns an APE provisioning file must hold, with an example and a template to download. */
export function ProvisioningFileFormat() {
  return (
    <>
      <p>
        Un fichier CSV (séparateur point-virgule, encodage UTF-8 ou ISO-8859-1) ou un classeur Excel (.xlsx,
        première feuille). La première ligne nomme les colonnes, dans cet ordre :
      </p>
      <ul>
        {PROVISIONING_COLUMNS.map((column) => (
          <li key={column.name}>
            <strong>{column.name}</strong> : {column.description}
          </li>
        ))}
      </ul>
      <DataTable<ExampleRow>
        caption="Exemple de fichier"
        bordered
        columns={PROVISIONING_COLUMNS.map((column, index) => ({
          key: column.name,
          header: column.name,
          cell: (row: ExampleRow) => row[index] || <span className="tdb-muted">(vide)</span>,
        }))}
        rows={[...PROVISIONING_EXAMPLE]}
        rowKey={(row) => row[3]}
      />
      <p>
        <a
          href={provisioningTemplateHref()}
          download="modele-import-ape.csv"
          className={fr.cx('fr-link', 'fr-icon-download-line', 'fr-link--icon-left')}
        >
          Télécharger un modèle de fichier (CSV)
        </a>
      </p>
      <p className={fr.cx('fr-text--sm')}>
        Chaque ligne fait de la personne l'administrateur principal (APE) de la structure ou de l'organisme
        gestionnaire, qui n'en a qu'un : un même FINESS ne figure que sur une ligne, et pour remplacer un APE
        en place, la colonne « Transfert » dit ce qu'il devient (il en est informé par courriel). Une personne
        déjà inscrite reçoit l'habilitation en plus ; les autres reçoivent une invitation par courriel. Le
        fichier est appliqué en entier ou pas du tout : une seule ligne à corriger, et aucun compte n'est
        créé.
      </p>
    </>
  );
}
