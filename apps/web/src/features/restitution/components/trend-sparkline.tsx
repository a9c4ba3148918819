import type { RestitutionTrendPoint } from '@tdb/contracts';
import { formatIndicatorValue } from '@/lib/indicator-format';

/** The structure's values over the campaigns: a small line (decorative) and the figures in text. */
export function TrendSparkline({ trend, unit }: { trend: readonly RestitutionTrendPoint[]; unit: string }) {
  if (trend.length === 0) return <p className="fr-text--sm fr-mb-0">Aucune campagne précédente.</p>;
  const known = trend.filter((p): p is { campaignYear: number; value: number } => p.value !== null);
  const width = 120;
  const height = 32;
  let line: string | null = null;
  if (known.length >= 2) {
    const min = Math.min(...known.map((p) => p.value));
    const max = Math.max(...known.map((p) => p.value));
    const years = trend.map((p) => p.campaignYear);
    const y0 = Math.min(...years);
    const y1 = Math.max(...years);
    line = known
      .map((p) => {
        const x = 4 + ((p.campaignYear - y0) / (y1 - y0 || 1)) * (width - 8);
        const y = height - 4 - ((p.value - min) / (max - min || 1)) * (height - 8);
        return `${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(' ');
  }
  return (
    <div className="tdb-trend">
      {line && (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          aria-hidden="true"
          focusable="false"
        >
          <polyline points={line} fill="none" stroke="#000091" strokeWidth={2} />
        </svg>
      )}
      <ul className="tdb-trend__list fr-text--sm fr-mb-0">
        {trend.map((point) => (
          <li key={point.campaignYear}>
            {point.campaignYear} : {formatIndicatorValue(point.value, unit)}
          </li>
        ))}
      </ul>
    </div>
  );
}
