import type { ReactNode } from 'react';

export interface DefinitionItem {
  term: string;
  value: ReactNode;
}

/** Label / value pairs of a record; empty values read "Non renseigné". */
export function DefinitionList({ items }: { items: DefinitionItem[] }) {
  return (
    <dl className="tdb-dl">
      {items.map((item) => (
        <div key={item.term} className="tdb-dl__row">
          <dt>{item.term}</dt>
          <dd>
            {item.value === null || item.value === undefined || item.value === '' ? (
              <span className="tdb-muted">Non renseigné</span>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
