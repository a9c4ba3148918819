import { fr } from '@codegouvfr/react-dsfr';
import type { OgSubmissionDetail } from '@tdb/contracts';
import type { Item } from '@tdb/dictionary';
import type { ItemIndicatorUse } from '@tdb/contracts';
import type { useOgGridEntry } from '../hooks/use-og-grid-entry';
import { OG_TARGET } from '../utils/og-grid';
import { displayValue } from '../utils/values';
import { GridCell, PreviousValue } from './grid-cell';
import { ItemHelp } from './item-help';

/** The organisme gestionnaire's own items, entered once for all its structures (autosaved). */
export function OgItemsPanel({
  detail,
  items,
  entry,
  indicatorsByItem,
}: {
  detail: OgSubmissionDetail;
  items: readonly Item[];
  entry: ReturnType<typeof useOgGridEntry>;
  indicatorsByItem: Readonly<Record<string, readonly ItemIndicatorUse[]>> | undefined;
}) {
  const year = detail.campaign.year;
  const categories = [...new Set(detail.structures.map((s) => s.categoryCode))];
  return (
    <section className="tdb-panel fr-mb-4w" aria-labelledby="donnees-og">
      <h2 id="donnees-og" className={fr.cx('fr-h5')}>
        Données de l'organisme gestionnaire
      </h2>
      {!detail.canEditOgItems && (
        <p className={fr.cx('fr-text--sm')}>Vous consultez ces données : vous ne pouvez pas les modifier.</p>
      )}
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        {items.map((item) => {
          const previous = { year: year - 1, value: detail.previousValues[item.code] };
          const help = (
            <ItemHelp
              item={item}
              uses={indicatorsByItem?.[item.code]}
              categories={categories}
              year={year}
              extra={<PreviousValue item={item} previous={previous} />}
            />
          );
          return (
            <div key={item.code} className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              {detail.canEditOgItems ? (
                <div
                  className={fr.cx('fr-input-group', {
                    'fr-input-group--error': !!entry.errorOf(OG_TARGET, item.code),
                  })}
                >
                  <p className={fr.cx('fr-label')} aria-hidden="true">
                    {item.label}
                    {item.unit ? ` (${item.unit})` : ''}
                  </p>
                  <GridCell
                    item={item}
                    label={item.label}
                    text={entry.textOf(OG_TARGET, item.code)}
                    error={entry.errorOf(OG_TARGET, item.code)}
                    conflict={entry.conflictOf(OG_TARGET, item.code)}
                    pending={entry.isPending(OG_TARGET, item.code)}
                    position={`og:${item.code}`}
                    onChange={(raw) => entry.change(OG_TARGET, item, raw)}
                    onBlur={entry.commit}
                    onResolve={(keep) => entry.resolveConflict(OG_TARGET, item, keep)}
                  />
                  {help}
                </div>
              ) : (
                <>
                  <p className={fr.cx('fr-mb-0')}>
                    {item.label} : <strong>{displayValue(item, detail.values[item.code])}</strong>
                  </p>
                  {help}
                </>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
