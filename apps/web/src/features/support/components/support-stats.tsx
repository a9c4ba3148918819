import { fr } from '@codegouvfr/react-dsfr';
import { QueryError } from '@/components/ui/query-error';
import { useSupportStats } from '../api/questions';
import { formatHours } from '../utils/labels';

/** Follow-up of the questions per authority of the territory: open, waiting, time to a first answer. */
export function SupportStatsTable({ year }: { year: number }) {
  const stats = useSupportStats(year);
  if (stats.isPending) return <p>Chargement du suivi des questions…</p>;
  if (stats.isError)
    return <QueryError error={stats.error} headingAs="h3" onRetry={() => void stats.refetch()} />;
  if (stats.data.rows.length === 0) return <p>Aucune question reçue pour cette campagne.</p>;
  return (
    <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
      <table>
        <caption>Suivi des questions par autorité</caption>
        <thead>
          <tr>
            <th scope="col">Autorité</th>
            <th scope="col">Questions</th>
            <th scope="col">En attente de réponse</th>
            <th scope="col">Ouvertes</th>
            <th scope="col">Délai médian de 1re réponse</th>
            <th scope="col">Délai moyen de 1re réponse</th>
          </tr>
        </thead>
        <tbody>
          {stats.data.rows.map((r) => (
            <tr key={`${r.authority.kind}:${r.authority.code}`}>
              <th scope="row">{r.authority.name}</th>
              <td>{r.total}</td>
              <td>{r.waiting}</td>
              <td>{r.open}</td>
              <td>{formatHours(r.medianHoursToFirstAnswer)}</td>
              <td>{formatHours(r.meanHoursToFirstAnswer)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
