import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import type { ReferenceCategory } from '@tdb/contracts';
import { DefinitionList } from '@/components/ui/definition-list';
import { formatCoordinate, formatDate, formatPhone, formatSiret } from '@/lib/format';
import type { StructureDetailResponse } from '../api/get-structure';
import { COMPETENCE_LONG_LABELS } from '../utils/labels';
import { paths } from '@/lib/paths';

interface StructureDetailsProps {
  structure: StructureDetailResponse;
  /** The reference category of the structure (for its public), when the reference data is loaded. */
  category?: ReferenceCategory;
}

function AddressLines({ structure }: { structure: StructureDetailResponse }) {
  const { street, complement, postalCode, city } = structure.address;
  const lines = [street, complement, [postalCode, city].filter(Boolean).join(' ')].filter(
    (line): line is string => Boolean(line && line.trim()),
  );
  if (lines.length === 0) return null;
  return (
    <address className="tdb-address">
      {lines.map((line) => (
        <span key={line} style={{ display: 'block' }}>
          {line}
        </span>
      ))}
    </address>
  );
}

export function StructureDetails({ structure, category }: StructureDetailsProps) {
  const phone = formatPhone(structure.phone);
  const { location } = structure;
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
      <section aria-labelledby="identification-titre" className={fr.cx('fr-col-12', 'fr-col-md-6')}>
        <div className="tdb-panel tdb-panel--fill">
          <h2 id="identification-titre" className={fr.cx('fr-h5')}>
            Identification
          </h2>
          <DefinitionList
            items={[
              { term: 'FINESS géographique', value: <span className="tdb-code">{structure.finess}</span> },
              ...(structure.shortName && structure.shortName !== structure.name
                ? [{ term: 'Raison sociale courte (FINESS)', value: structure.shortName }]
                : []),
              {
                term: 'Catégorie',
                value: (
                  <>
                    {category && category.label !== structure.categoryLabel
                      ? `${category.label} (${structure.categoryLabel})`
                      : structure.categoryLabel}
                    <span className="tdb-muted" style={{ display: 'block' }}>
                      Catégorie FINESS {structure.finessCategoryCode}
                      {structure.categoryCorrected ? ' – catégorie corrigée manuellement' : ''}
                    </span>
                  </>
                ),
              },
              { term: 'Compétence', value: COMPETENCE_LONG_LABELS[structure.competence] },
              { term: 'Public accueilli', value: category?.publicLabel ?? null },
              { term: 'SIRET', value: formatSiret(structure.siret) },
              { term: "Date d'ouverture", value: formatDate(structure.openedOn) },
            ]}
          />
        </div>
      </section>
      <section aria-labelledby="coordonnees-titre" className={fr.cx('fr-col-12', 'fr-col-md-6')}>
        <div className="tdb-panel tdb-panel--fill">
          <h2 id="coordonnees-titre" className={fr.cx('fr-h5')}>
            Coordonnées
          </h2>
          <DefinitionList
            items={[
              { term: 'Adresse', value: <AddressLines structure={structure} /> },
              {
                term: 'Commune',
                value: structure.address.city
                  ? `${structure.address.city}${structure.address.communeCode ? ` (code INSEE ${structure.address.communeCode})` : ''}`
                  : null,
              },
              { term: 'Département', value: `${structure.departmentCode} – ${structure.departmentName}` },
              { term: 'Région', value: structure.regionName },
              {
                term: 'Téléphone',
                value: phone ? <a href={`tel:${structure.phone?.replace(/\s+/g, '')}`}>{phone}</a> : null,
              },
              {
                term: 'Coordonnées géographiques',
                value: location
                  ? `Latitude ${formatCoordinate(location.latitude)}, longitude ${formatCoordinate(location.longitude)}`
                  : null,
              },
            ]}
          />
        </div>
      </section>
      <section aria-labelledby="og-titre" className={fr.cx('fr-col-12')}>
        <div className="tdb-panel">
          <h2 id="og-titre" className={fr.cx('fr-h5')}>
            Organisme gestionnaire
          </h2>
          <DefinitionList
            items={[
              {
                term: 'Nom',
                value: (
                  <Link to={paths.organisation.href(structure.og.finess)} className="fr-link">
                    {structure.og.name ?? structure.ogName ?? `Organisme ${structure.og.finess}`}
                  </Link>
                ),
              },
              { term: 'FINESS juridique', value: <span className="tdb-code">{structure.og.finess}</span> },
              {
                term: 'Établissements et services gérés',
                value: String(structure.og.structureCount),
              },
            ]}
          />
        </div>
      </section>
    </div>
  );
}
