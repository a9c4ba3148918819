import { fr } from '@codegouvfr/react-dsfr';
import type { CompetenceCode, StructureHistoryEntry } from '@tdb/contracts';
import { DataTable } from '@/components/ui/data-table';
import { formatDateTime } from '@/lib/format';
import { COMPETENCE_LABELS, HISTORY_KIND_LABELS, fieldLabel } from '../utils/labels';

function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'vide';
  if (field === 'competence' && typeof value === 'string' && value in COMPETENCE_LABELS) {
    return COMPETENCE_LABELS[value as CompetenceCode];
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function Changes({ changes }: { changes: StructureHistoryEntry['changes'] }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return <span className="tdb-muted">Aucune</span>;
  return (
    <ul className="tdb-changes">
      {entries.map(([field, change]) => (
        <li key={field}>
          <strong>{fieldLabel(field)}</strong> : {formatValue(field, change.from)}{' '}
          <span aria-hidden="true">→</span>
          <span className="fr-sr-only">devient</span> {formatValue(field, change.to)}
        </li>
      ))}
    </ul>
  );
}

export function StructureHistory({ history }: { history: StructureHistoryEntry[] }) {
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="historique-titre" className={fr.cx('fr-mt-6w')}>
      <h2 id="historique-titre" className={fr.cx('fr-h4')}>
        Historique
      </h2>
      {entries.length === 0 ? (
        <p>Aucune modification enregistrée.</p>
      ) : (
        <DataTable
          caption="Historique des modifications de la structure, de la plus récente à la plus ancienne"
          hideCaption
          bordered
          rows={entries}
          rowKey={(e) => `${e.at}-${e.kind}-${e.by}`}
          columns={[
            { key: 'at', header: 'Date', cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time> },
            { key: 'by', header: 'Auteur', cell: (e) => e.by },
            { key: 'kind', header: 'Nature', cell: (e) => HISTORY_KIND_LABELS[e.kind] ?? e.kind },
            {
              key: 'reason',
              header: 'Motif',
              cell: (e) => e.reason ?? <span className="tdb-muted">Non renseigné</span>,
            },
            {
              key: 'changes',
              header: 'Modifications',
              cell: (e) => (
                <>
                  <Changes changes={e.changes} />
                  {e.consequences.length > 0 && (
                    <ul className={fr.cx('fr-text--sm', 'fr-mt-1w', 'fr-mb-0')}>
                      {e.consequences.map((sentence) => (
                        <li key={sentence}>{sentence}</li>
                      ))}
                    </ul>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
