import { useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import type { DistributionLevel, RestitutionIndicator } from '@tdb/contracts';
import { formatIndicatorValue } from '@/lib/indicator-format';
import { ProvisionalBadge } from '@/components/ui/provisional-badge';
import {
  LEVEL_ADJECTIVES,
  LEVEL_LABELS,
  LEVELS,
  decileOrdinal,
  distributionOf,
  isUsable,
  unavailableReason,
} from '../utils/deciles';
import { DecileBand } from './decile-band';
import { TrendSparkline } from './trend-sparkline';
import { paths } from '@/lib/paths';

const DIRECTION_TEXT: Record<RestitutionIndicator['direction'], string> = {
  higher_is_better: 'Plus la valeur est élevée, mieux c’est.',
  lower_is_better: 'Plus la valeur est basse, mieux c’est.',
  neutral: 'Ni plus haut ni plus bas n’est meilleur en soi.',
};

/** The first level that can be shown, nearest to the structure (departmental first). */
export function defaultLevel(
  indicator: RestitutionIndicator,
  preferred?: DistributionLevel,
): DistributionLevel {
  if (preferred && isUsable(distributionOf(indicator, preferred))) return preferred;
  return [...LEVELS].reverse().find((l) => isUsable(distributionOf(indicator, l))) ?? 'NATION';
}

/**
 * One indicator of a structure's restitution: value, decile band per level, medians, trend.
 * Without peers (before the restitution, ADR 0013): the structure's own value and trend only.
 */
export function RestitutionIndicatorCard({
  indicator,
  preferredLevel,
  headingLevel = 'h3',
  withPeers = true,
  provisionalValue = false,
}: {
  indicator: RestitutionIndicator;
  preferredLevel?: DistributionLevel;
  headingLevel?: 'h3' | 'h4';
  /** False before the restitution for the structure's own readers: no distribution to compare to. */
  withPeers?: boolean;
  /** The campaign is not in restitution yet: the value may still change. */
  provisionalValue?: boolean;
}) {
  const [chosen, setChosen] = useState<DistributionLevel | null>(null);
  const level = chosen ?? defaultLevel(indicator, preferredLevel);
  const distribution = distributionOf(indicator, level);
  const medians = Object.fromEntries(
    LEVELS.map((l) => {
      const d = distributionOf(indicator, l);
      return [l, isUsable(d) ? d.median : null];
    }),
  ) as Record<DistributionLevel, number | null>;
  const Heading = headingLevel;
  const anyUsable = LEVELS.some((l) => isUsable(distributionOf(indicator, l)));
  const name = `niveau-${indicator.code}`;

  return (
    <article className="tdb-restitution-card fr-mb-3w" aria-labelledby={`restitution-${indicator.code}`}>
      <div className="tdb-restitution-card__header">
        <Heading id={`restitution-${indicator.code}`} className={fr.cx('fr-h6', 'fr-mb-1v')}>
          <span className="tdb-code">{indicator.code}</span> {indicator.label}
        </Heading>
        {indicator.provisional && <ProvisionalBadge />}
      </div>
      {indicator.provisional && indicator.provisionalNotice && (
        <p className={fr.cx('fr-text--xs', 'fr-mb-1v')}>{indicator.provisionalNotice}</p>
      )}
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        {DIRECTION_TEXT[indicator.direction]}{' '}
        <Link to={paths.indicator.href(indicator.code)}>
          Fiche de l’indicateur<span className="fr-sr-only"> {indicator.code}</span>
        </Link>
      </p>
      {indicator.value === null ? (
        <p className={fr.cx('fr-mb-1w')}>
          Valeur non disponible{indicator.reason ? ` : ${indicator.reason}` : '.'}
        </p>
      ) : (
        <p className={fr.cx('fr-mb-1w')}>
          {provisionalValue ? 'Valeur provisoire de la structure' : 'Valeur de la structure'} :{' '}
          <strong>{formatIndicatorValue(indicator.value, indicator.unit)}</strong>
          {LEVELS.some((l) => indicator.decile[l] !== null) && (
            <>
              {' '}
              —{' '}
              {LEVELS.filter((l) => indicator.decile[l] !== null)
                .map(
                  (l) =>
                    `${decileOrdinal(indicator.decile[l] ?? 0)} ${LEVEL_ADJECTIVES[l].replace(/e$/, '')}`,
                )
                .join(', ')}
            </>
          )}
        </p>
      )}
      {!withPeers ? null : anyUsable ? (
        <>
          <RadioButtons
            legend="Comparer à la distribution"
            name={name}
            orientation="horizontal"
            small
            options={LEVELS.map((l) => {
              const reason = unavailableReason(distributionOf(indicator, l));
              return {
                label: LEVEL_LABELS[l],
                ...(reason ? { hintText: reason } : {}),
                nativeInputProps: {
                  value: l,
                  checked: level === l,
                  disabled: reason !== null,
                  onChange: () => setChosen(l),
                },
              };
            })}
          />
          {distribution && isUsable(distribution) && (
            <DecileBand
              label={indicator.label}
              unit={indicator.unit}
              value={indicator.value}
              decile={indicator.decile[level]}
              level={level}
              distribution={distribution}
              medians={medians}
            />
          )}
        </>
      ) : (
        <p className={fr.cx('fr-text--sm')}>
          Aucune distribution diffusable pour cet indicateur :{' '}
          {LEVELS.map(
            (l) => `${LEVEL_LABELS[l].toLowerCase()}, ${unavailableReason(distributionOf(indicator, l))}`,
          ).join(' ; ')}
          .
        </p>
      )}
      <div className="fr-mt-1w">
        <p className={fr.cx('fr-text--sm', 'fr-text--bold', 'fr-mb-1v')}>Évolution sur les campagnes</p>
        <TrendSparkline trend={indicator.trend} unit={indicator.unit} />
      </div>
    </article>
  );
}
