import { fr } from '@codegouvfr/react-dsfr';
import type { Item } from '@tdb/dictionary';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatDateTime } from '@/lib/format';
import { useValueHistory } from '../api/get-value-history';
import { displayValue } from '../utils/values';

const SOURCE_LABELS: Record<string, string> = {
  FORM: 'formulaire',
  EXCEL: 'grille Excel',
  BULK: 'saisie groupée',
  PREVIOUS_YEAR: 'reprise N-1',
  SEED: 'initialisation',
  REGISTER: 'reprise FINESS',
};

/** Who changed an item's value, when, and from what to what (newest first, as the API sends it). */
export function ValueHistory({ year, finess, item }: { year: number; finess: string; item: Item }) {
  const history = useValueHistory(year, finess, item.code);
  if (history.isPending) return <PageLoader label="Chargement de l'historique…" />;
  if (history.isError) {
    return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  }
  if (history.data.length === 0) {
    return (
      <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>Aucune modification enregistrée pour cette donnée.</p>
    );
  }
  return (
    <ol className="tdb-history-list">
      {history.data.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className={fr.cx('fr-text--sm')}>
          <strong>{formatDateTime(entry.at)}</strong> — {entry.actorName} (
          {SOURCE_LABELS[entry.source] ?? entry.source}) : {displayValue(item, entry.oldValue)} →{' '}
          {displayValue(item, entry.newValue)}
        </li>
      ))}
    </ol>
  );
}
