import { fr } from '@codegouvfr/react-dsfr';
import { formatIndicatorValue } from '@/lib/indicator-format';
import { DECILE_PALETTE, decileColours } from '../utils/deciles';

/** A value coloured by its decile; the decile is written too (the colour is never the only cue). */
export function DecileCell({
  value,
  decile,
  unit,
}: {
  value: number | null;
  decile: number | null;
  unit: string;
}) {
  if (value === null) return <span className="tdb-muted">—</span>;
  const colours = decileColours(decile);
  return (
    <span
      className="tdb-decile-cell"
      data-decile={decile ?? undefined}
      style={colours ? { backgroundColor: colours.background, color: colours.text } : undefined}
    >
      {formatIndicatorValue(value, unit)}
      {decile !== null && <span className={fr.cx('fr-text--xs')}>{` · décile ${decile}`}</span>}
    </span>
  );
}

/** The ten colours and what they mean. */
export function DecileLegend({ title = 'Décile national dans la catégorie' }: { title?: string }) {
  return (
    <div className={fr.cx('fr-mb-2w')}>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
        {title} (1 : 10{'\u00a0'}% des valeurs les plus basses, 10 : les plus hautes) :
      </p>
      <ul className="tdb-decile-legend">
        {DECILE_PALETTE.map((c, i) => (
          <li key={i} style={{ backgroundColor: c.background, color: c.text }}>
            {`décile ${i + 1}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
