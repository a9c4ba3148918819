import { useId } from 'react';
import type { DistributionDto, DistributionLevel } from '@tdb/contracts';
import { formatIndicatorValue } from '@/lib/indicator-format';
import {
  DECILE_PALETTE,
  LEVEL_ADJECTIVES,
  LEVEL_LABELS,
  LEVEL_MARKS,
  LEVELS,
  decileOrdinal,
  isUsable,
} from '../utils/deciles';

const WIDTH = 600;
const LEFT = 16;
const RIGHT = WIDTH - 16;
const BAR_Y = 26;
const BAR_HEIGHT = 18;

export interface DecileBandProps {
  /** The indicator's label, to name the chart. */
  label: string;
  unit: string;
  /** The structure's value (null: not computable). */
  value: number | null;
  /** Its decile in the shown distribution. */
  decile: number | null;
  level: DistributionLevel;
  /** The shown distribution (usable: not suppressed, with its deciles). */
  distribution: DistributionDto;
  /** The medians of every level, drawn as ticks (suppressed ones are left out). */
  medians: Partial<Record<DistributionLevel, number | null>>;
}

/** The positions along the bar, on a linear scale of the values. */
export function bandScale(deciles: readonly number[], others: readonly number[]) {
  const all = [...deciles, ...others];
  const d1 = deciles[0] ?? 0;
  const d9 = deciles[deciles.length - 1] ?? 0;
  const spread = d9 - d1 || Math.abs(d1) || 1;
  const pad = spread / 8;
  const lo = Math.min(...all, d1 - pad);
  const hi = Math.max(...all, d9 + pad);
  return { lo, hi, x: (v: number) => LEFT + ((v - lo) / (hi - lo || 1)) * (RIGHT - LEFT) };
}

/**
 * The labels under the median ticks: ticks closer than `minGap` share one label ("Méd. N·R"),
 * kept inside the chart, so that close medians never print over each other.
 */
export function medianLabels(
  ticks: readonly { level: DistributionLevel; x: number }[],
  minGap = 40,
): { x: number; text: string }[] {
  const clusters: { from: number; to: number; marks: string[] }[] = [];
  for (const tick of [...ticks].sort((a, b) => a.x - b.x)) {
    const last = clusters[clusters.length - 1];
    if (last && tick.x - last.to < minGap) {
      last.to = tick.x;
      last.marks.push(LEVEL_MARKS[tick.level]);
    } else clusters.push({ from: tick.x, to: tick.x, marks: [LEVEL_MARKS[tick.level]] });
  }
  return clusters.map((c) => ({
    x: Math.min(RIGHT - 24, Math.max(LEFT + 24, (c.from + c.to) / 2)),
    text: `Méd. ${c.marks.join('·')}`,
  }));
}

/**
 * The peers' distribution as a bar of 10 segments (bounded by D1…D9), the structure's value as a
 * marker and the medians of each level as ticks. The figures are given in text beside it.
 */
export function DecileBand({ label, unit, value, decile, level, distribution, medians }: DecileBandProps) {
  const captionId = useId();
  const deciles = distribution.deciles ?? [];
  if (!isUsable(distribution)) return null;
  const medianEntries = LEVELS.flatMap((l) => {
    const m = medians[l];
    return m === null || m === undefined ? [] : [{ level: l, median: m }];
  });
  const scale = bandScale(deciles, [
    ...(value === null ? [] : [value]),
    ...medianEntries.map((m) => m.median),
  ]);
  const bounds = [scale.lo, ...deciles, scale.hi];
  const format = (v: number) => formatIndicatorValue(v, unit);

  return (
    <figure className="tdb-decile-band" role="group" aria-labelledby={captionId}>
      <svg
        viewBox={`0 0 ${WIDTH} 80`}
        width="100%"
        aria-hidden="true"
        focusable="false"
        className="tdb-decile-band__chart"
      >
        {bounds.slice(0, -1).map((from, i) => {
          const to = bounds[i + 1] ?? from;
          const colours = DECILE_PALETTE[i];
          return (
            <rect
              key={`segment-${i}`}
              data-testid="decile-segment"
              x={scale.x(from)}
              y={BAR_Y}
              width={Math.max(0, scale.x(to) - scale.x(from))}
              height={BAR_HEIGHT}
              fill={colours?.background}
              stroke="#ffffff"
              strokeWidth={1}
            />
          );
        })}
        <text
          x={scale.x(deciles[0] ?? 0)}
          y={BAR_Y + BAR_HEIGHT + 12}
          fontSize="10"
          textAnchor="middle"
          fill="#3a3a3a"
        >
          D1
        </text>
        <text
          x={scale.x(deciles[8] ?? 0)}
          y={BAR_Y + BAR_HEIGHT + 12}
          fontSize="10"
          textAnchor="middle"
          fill="#3a3a3a"
        >
          D9
        </text>
        {medianEntries.map(({ level: l, median }) => (
          <g key={l} data-testid={`median-tick-${l}`}>
            <line
              x1={scale.x(median)}
              x2={scale.x(median)}
              y1={BAR_Y - 4}
              y2={BAR_Y + BAR_HEIGHT + 4}
              stroke="#161616"
              strokeWidth={l === level ? 3 : 1.5}
              strokeDasharray={l === level ? undefined : '3 2'}
            />
          </g>
        ))}
        {medianLabels(medianEntries.map((m) => ({ level: m.level, x: scale.x(m.median) }))).map((label) => (
          <text
            key={label.text}
            x={label.x}
            y={BAR_Y + BAR_HEIGHT + 26}
            fontSize="10"
            textAnchor="middle"
            fill="#161616"
          >
            {label.text}
          </text>
        ))}
        {value !== null && (
          <g data-testid="decile-marker" data-x={scale.x(value).toFixed(1)}>
            <line
              x1={scale.x(value)}
              x2={scale.x(value)}
              y1={BAR_Y - 2}
              y2={BAR_Y + BAR_HEIGHT + 2}
              stroke="#ce0500"
              strokeWidth={3}
            />
            <polygon
              points={`${scale.x(value) - 7},4 ${scale.x(value) + 7},4 ${scale.x(value)},${BAR_Y - 2}`}
              fill="#ce0500"
            />
          </g>
        )}
      </svg>
      <figcaption id={captionId} className="tdb-decile-band__caption">
        <span className="fr-sr-only">{`${label}, niveau ${LEVEL_LABELS[level].toLowerCase()} : `}</span>
        {value === null ? (
          'Valeur de la structure non disponible.'
        ) : (
          <>
            Valeur de la structure : <strong>{format(value)}</strong>
            {decile !== null && (
              <>
                {' '}
                — <strong>{decileOrdinal(decile)}</strong> ({LEVEL_LABELS[level].toLowerCase()})
              </>
            )}
            .
          </>
        )}{' '}
        {medianEntries.map(({ level: l, median }) => (
          <span key={l}>{`Médiane ${LEVEL_ADJECTIVES[l]} : ${format(median)}. `}</span>
        ))}
        <span className="fr-sr-only">
          {`Déciles (${LEVEL_LABELS[level].toLowerCase()}, ${distribution.n ?? '?'} structures) : ${deciles
            .map((d, i) => `D${i + 1} ${format(d)}`)
            .join(', ')}.`}
        </span>
      </figcaption>
    </figure>
  );
}
