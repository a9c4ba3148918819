import { useId, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { DomainCode } from '@tdb/contracts';
import { DOMAIN_LABELS, type Item } from '@tdb/dictionary';
import type { ItemIndicatorUse } from '@tdb/contracts';
import { ACTION_LABELS } from '@tdb/submission-workflow';
import { SubmissionStatusBadge } from '@/components/ui/submission-status-badge';
import { percent } from '@/lib/format';
import { paths } from '@/lib/paths';
import type { useOgGridEntry } from '../hooks/use-og-grid-entry';
import { appliesTo, type OgRow } from '../utils/og-grid';
import { displayValue } from '../utils/values';
import { GridCell, PreviousValue } from './grid-cell';
import { ItemHelp } from './item-help';

type Entry = ReturnType<typeof useOgGridEntry>;

/** Moves the focus up or down a column (Enter or arrows in a text cell), skipping read-only cells. */
function moveInColumn(event: KeyboardEvent<HTMLTableElement>) {
  const target = event.target as HTMLElement;
  const position = target.dataset['cell'];
  if (!position || target.tagName !== 'INPUT') return;
  const down = event.key === 'ArrowDown' || (event.key === 'Enter' && !event.shiftKey);
  const up = event.key === 'ArrowUp' || (event.key === 'Enter' && event.shiftKey);
  if (!down && !up) return;
  const [row, col] = position.split(':').map(Number) as [number, number];
  const cells = [...event.currentTarget.querySelectorAll<HTMLElement>(`[data-cell$=":${col}"]`)];
  const next = (up ? cells.reverse() : cells).find((cell) => {
    const r = Number(cell.dataset['cell']?.split(':')[0]);
    return up ? r < row : r > row;
  });
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

/**
 * The structures' values of one domain: one column per structure, one row per item, the items'
 * labels frozen on the left and the structures' names on top; only the grid scrolls sideways.
 */
export function OgGridTable({
  year,
  domain,
  items,
  structures,
  entry,
  indicatorsByItem,
  validating,
  onValidate,
}: {
  year: number;
  domain: DomainCode;
  items: readonly Item[];
  structures: readonly OgRow[];
  entry: Entry;
  indicatorsByItem: Readonly<Record<string, readonly ItemIndicatorUse[]>> | undefined;
  validating: boolean;
  onValidate: (row: OgRow) => void;
}) {
  const captionId = useId();
  const [helpOpen, setHelpOpen] = useState<ReadonlySet<string>>(new Set());
  const toggleHelp = (code: string, open: boolean) =>
    setHelpOpen((all) => {
      const next = new Set(all);
      if (open) next.add(code);
      else next.delete(code);
      return next;
    });
  const categories = [...new Set(structures.map((s) => s.categoryCode))];
  return (
    <div className="tdb-og-grid" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="tdb-og-grid__table" onKeyDown={moveInColumn}>
        <caption id={captionId} className="fr-sr-only">
          {DOMAIN_LABELS[domain]} : une colonne par structure ({structures.length}), une ligne par donnée
        </caption>
        <thead>
          <tr>
            <th scope="col" className="tdb-og-grid__corner">
              Donnée
            </th>
            {structures.map((row) => (
              <th key={row.finess} scope="col" className="tdb-og-grid__structure">
                <Link to={`${paths.submission.href(year, row.finess)}?domaine=${domain}`}>{row.name}</Link>
                <span className="tdb-code fr-text--xs"> {row.finess}</span>
              </th>
            ))}
          </tr>
          <tr className="tdb-og-grid__meta">
            <th scope="row">Statut et complétude</th>
            {structures.map((row) => (
              <td key={row.finess}>
                <SubmissionStatusBadge status={row.status} />
                <span className="fr-text--xs"> {percent(row.completeness)}</span>
                {row.availableActions.includes('VALIDATE') && (
                  <Button
                    size="small"
                    priority="secondary"
                    className={fr.cx('fr-mt-1v')}
                    disabled={validating || entry.hasProblemFor(row.finess)}
                    onClick={() => onValidate(row)}
                    nativeButtonProps={{ 'aria-label': `${ACTION_LABELS.VALIDATE} de ${row.name}` }}
                  >
                    Valider
                  </Button>
                )}
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item, rowIndex) => {
            const open = helpOpen.has(item.code);
            return (
              <tr key={item.code}>
                <th scope="row" className="tdb-og-grid__item">
                  <span>
                    {item.label}
                    {item.unit ? ` (${item.unit})` : ''}
                  </span>
                  <ItemHelp
                    item={item}
                    uses={indicatorsByItem?.[item.code]}
                    categories={categories}
                    year={year}
                    open={open}
                    onToggle={(next) => toggleHelp(item.code, next)}
                    extra={`Valeur de la campagne ${year - 1} : sous chaque cellule.`}
                  />
                </th>
                {structures.map((row, colIndex) => {
                  if (!appliesTo(item, row.categoryCode)) {
                    return (
                      <td key={row.finess} className="tdb-og-grid__na">
                        <span aria-hidden="true">—</span>
                        <span className="fr-sr-only">Sans objet</span>
                      </td>
                    );
                  }
                  const previous = open ? { year: year - 1, value: row.previousValues[item.code] } : null;
                  if (!row.editableDomains.includes(item.domain)) {
                    return (
                      <td key={row.finess}>
                        {displayValue(item, row.values[item.code])}
                        {previous && <PreviousValue item={item} previous={previous} />}
                      </td>
                    );
                  }
                  return (
                    <td key={row.finess}>
                      <GridCell
                        item={item}
                        label={`${item.label} – ${row.name}`}
                        text={entry.textOf(row.finess, item.code)}
                        error={entry.errorOf(row.finess, item.code)}
                        conflict={entry.conflictOf(row.finess, item.code)}
                        pending={entry.isPending(row.finess, item.code)}
                        position={`${rowIndex}:${colIndex}`}
                        previous={previous}
                        onChange={(raw) => entry.change(row.finess, item, raw)}
                        onBlur={entry.commit}
                        onResolve={(keep) => entry.resolveConflict(row.finess, item, keep)}
                      />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
