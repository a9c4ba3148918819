import { fr } from '@codegouvfr/react-dsfr';
import type { IndicatorAxisCode, StructureRestitution } from '@tdb/contracts';
import { AXIS_ORDER, DEFAULT_AXIS_LABELS } from '@/lib/indicator-format';
import { RestitutionIndicatorCard } from './restitution-indicator-card';

/** A structure's restitution, by axis (its own values only when the peers are not there yet). */
export function StructureRestitutionView({
  restitution,
  axisLabels = DEFAULT_AXIS_LABELS,
}: {
  restitution: StructureRestitution;
  axisLabels?: Readonly<Record<IndicatorAxisCode, string>>;
}) {
  const axes = AXIS_ORDER.filter((axis) => restitution.indicators.some((i) => i.axis === axis));
  return (
    <>
      {axes.map((axis) => (
        <section key={axis} className={fr.cx('fr-mb-5w')} aria-labelledby={`axe-${axis}`}>
          <h2 id={`axe-${axis}`} className={fr.cx('fr-h4')}>
            {axisLabels[axis]}
          </h2>
          {restitution.indicators
            .filter((i) => i.axis === axis)
            .map((indicator) => (
              <RestitutionIndicatorCard
                key={indicator.code}
                indicator={indicator}
                withPeers={restitution.stage.peers.available}
                provisionalValue={restitution.stage.provisional}
              />
            ))}
        </section>
      ))}
    </>
  );
}
