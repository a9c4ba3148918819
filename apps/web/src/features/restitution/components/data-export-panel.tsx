import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { dataExportFile, dataExportFileName } from '../api/exports';
import type { TerritoryOption } from '../utils/benchmark-options';
import { DownloadButton } from './download-button';

type ExportOption = TerritoryOption & { level: 'REGION' | 'DEPARTMENT' };

const isExportable = (t: TerritoryOption): t is ExportOption => t.level !== 'NATION';

/**
 * The 331-column file of the data entered, for a region (its ARS, national) or a département (its
 * Département, the ARS of its region, national): one row per ESMS of the caller's scope there.
 */
export function DataExportPanel({
  year,
  territories,
}: {
  year: number;
  territories: readonly TerritoryOption[];
}) {
  const options = territories.filter(isExportable);
  const [key, setKey] = useState(options[0]?.key ?? '');
  const chosen = options.find((t) => t.key === key) ?? options[0];
  return (
    <section aria-labelledby="donnees-export" className={fr.cx('fr-mb-6w')}>
      <h3 id="donnees-export" className={fr.cx('fr-h5')}>
        Export des données saisies
      </h3>
      <p>
        Le fichier XLSX aux 331 colonnes de l’export régional de la plateforme : une ligne par ESMS de votre
        périmètre sur le territoire, avec ses données saisies, ses statuts et ses indicateurs.
      </p>
      {!chosen ? (
        <Alert
          severity="info"
          small
          description="L’export des données saisies est établi pour une ARS ou un Département : votre compte n’en a pas."
        />
      ) : (
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          {options.length > 1 && (
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Select
                label="Territoire de l’export"
                nativeSelectProps={{ value: chosen.key, onChange: (e) => setKey(e.target.value) }}
              >
                {options.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.label}
                  </option>
                ))}
              </Select>
            </div>
          )}
          <div className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-mb-3w')}>
            <DownloadButton
              file={dataExportFile(year, chosen)}
              fileName={dataExportFileName(year, chosen)}
              label={`Télécharger l’export ${chosen.level === 'REGION' ? 'régional' : 'départemental'} – ${chosen.label}`}
              priority="primary"
            />
          </div>
        </div>
      )}
    </section>
  );
}
