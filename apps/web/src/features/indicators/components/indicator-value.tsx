import { fr } from '@codegouvfr/react-dsfr';
import type { IndicatorSheet, IndicatorValueDto } from '@tdb/contracts';
import { formatIndicatorValue, formatNumber, formatShare, trendOf } from '@/lib/indicator-format';

/** The value of an indicator: a number with its unit, shares, or « non calculable » and why. */
export function IndicatorValue({ indicator }: { indicator: IndicatorValueDto }) {
  if (!indicator.computable) {
    return (
      <>
        <strong>non calculable</strong>
        {indicator.reason && (
          <>
            <br />
            <span className={`${fr.cx('fr-text--xs')} tdb-muted`}>{indicator.reason}</span>
          </>
        )}
      </>
    );
  }
  if (indicator.kind === 'distribution' && indicator.parts) {
    if (indicator.parts.length === 0) return <span className="tdb-muted">Aucune valeur</span>;
    return (
      <ul className="tdb-shares">
        {indicator.parts.map((part) => (
          <li key={part.key}>
            {part.label} : {formatNumber(part.value, indicator.unit)} ({formatShare(part.share)})
          </li>
        ))}
      </ul>
    );
  }
  return <strong className="tdb-nowrap">{formatIndicatorValue(indicator.value, indicator.unit)}</strong>;
}

/** Last campaign's value, or a dash. */
export function PreviousValue({ indicator }: { indicator: IndicatorValueDto }) {
  if (indicator.previousValue === null) return <span className="tdb-muted">—</span>;
  return <span className="tdb-nowrap">{formatIndicatorValue(indicator.previousValue, indicator.unit)}</span>;
}

/** "↗ En hausse (favorable)"; the arrow is decoration, the words say it. */
export function IndicatorTrend({
  indicator,
  direction,
}: {
  indicator: IndicatorValueDto;
  direction: IndicatorSheet['direction'] | undefined;
}) {
  const reading = indicator.computable ? trendOf(indicator, direction) : null;
  if (!reading) return <span className="tdb-muted">—</span>;
  return (
    <span className={`tdb-trend tdb-trend--${reading.trend}`}>
      <span aria-hidden="true">{reading.arrow} </span>
      {reading.text}
    </span>
  );
}
