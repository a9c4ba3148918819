import { fr } from '@codegouvfr/react-dsfr';
import type { ItemValue } from '@tdb/contracts';
import type { Item } from '@tdb/dictionary';
import type { Conflict } from '../utils/conflicts';
import { displayValue } from '../utils/values';

export interface GridCellProps {
  item: Item;
  /** The input's accessible name: « item – structure ». */
  label: string;
  text: string;
  error: string | undefined;
  conflict: Conflict | undefined;
  pending: boolean;
  /** Position in the grid, for moving up and down with the keyboard. */
  position: string;
  onChange: (raw: string) => void;
  onBlur: () => void;
  onResolve: (keep: 'mine' | 'theirs') => void;
  /** Last year's value, shown while the item's help is open. */
  previous?: { year: number; value: ItemValue | undefined } | null;
}

function CellControl({ item, label, text, error, pending, position, onChange, onBlur }: GridCellProps) {
  const state = error ? 'tdb-cell--error' : pending ? 'tdb-cell--changed' : '';
  const common = {
    'aria-label': label,
    'aria-invalid': error ? (true as const) : undefined,
    'data-cell': position,
    value: text,
    onBlur,
  };
  if (item.type === 'boolean' || item.type === 'choice') {
    const options =
      item.type === 'boolean'
        ? [
            { code: 'true', label: 'Oui' },
            { code: 'false', label: 'Non' },
          ]
        : (item.choices ?? []);
    return (
      <select className={`fr-select ${state}`} {...common} onChange={(event) => onChange(event.target.value)}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      className={`fr-input ${state}`}
      {...common}
      type={item.type === 'date' ? 'date' : 'text'}
      autoComplete="off"
      inputMode={
        item.type === 'integer'
          ? 'numeric'
          : item.type === 'text' || item.type === 'date'
            ? undefined
            : 'decimal'
      }
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** One editable cell of the OG grid: its input, its refusal, a conflict to settle, last year's value. */
export function GridCell(props: GridCellProps) {
  const { item, error, conflict, previous } = props;
  return (
    <>
      <CellControl {...props} />
      {error && <p className={fr.cx('fr-error-text', 'fr-text--xs', 'fr-mt-1v')}>{error}</p>}
      {conflict && (
        <div className="tdb-og-grid__conflict" role="group" aria-label={`Conflit : ${props.label}`}>
          <p className={fr.cx('fr-text--xs', 'fr-mb-1v')}>
            Modifiée par ailleurs : <strong>{displayValue(item, conflict.theirs)}</strong> (vous :{' '}
            <strong>{displayValue(item, conflict.mine)}</strong>)
          </p>
          <button
            type="button"
            className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary')}
            onClick={() => props.onResolve('mine')}
          >
            Garder la mienne
          </button>{' '}
          <button
            type="button"
            className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary-no-outline')}
            onClick={() => props.onResolve('theirs')}
          >
            Garder l'autre
          </button>
        </div>
      )}
      {previous && <PreviousValue item={item} previous={previous} />}
    </>
  );
}

/** « Campagne 2025 (données 2024) : 78 places ». */
export function PreviousValue({
  item,
  previous,
}: {
  item: Item;
  previous: { year: number; value: ItemValue | undefined };
}) {
  return (
    <p className={fr.cx('fr-text--xs', 'fr-mb-0', 'fr-mt-1v')}>
      Campagne {previous.year} (données {previous.year - 1}) : {displayValue(item, previous.value ?? null)}
    </p>
  );
}
