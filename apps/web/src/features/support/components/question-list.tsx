import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { SupportQuestionStatus } from '@tdb/contracts';
import { CategorySelect } from '@/components/ui/reference-selects';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatDateTime } from '@/lib/format';
import { paths } from '@/lib/paths';
import { useQuestions, type QuestionFilters } from '../api/questions';
import { STATUS_LABELS } from '../utils/labels';
import { QuestionStatusBadge } from './question-status-badge';

export interface QuestionListProps {
  year: number;
  /** The referents' queue (filters by authority, category, item, « attribuées à moi »). */
  queue: boolean;
  filters: QuestionFilters;
  onFilters: (filters: QuestionFilters) => void;
  /** The query string of a page of the list (`?page=2&statut=NEW`). */
  searchFor: (page: number) => string;
}

/** « Mes questions » of a structure, or the « Questions reçues » of an ARS / Département. */
export function QuestionList({ year, queue, filters, onFilters, searchFor }: QuestionListProps) {
  const questions = useQuestions(year, { ...filters, pageSize: 20 });
  const set = (change: Partial<QuestionFilters>) => onFilters({ ...filters, ...change, page: 1 });
  return (
    <>
      <form
        className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}
        aria-label="Filtrer les questions"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
          <Select
            label="Statut"
            nativeSelectProps={{
              value: filters.status ?? '',
              onChange: (e) =>
                set({ status: (e.target.value || undefined) as SupportQuestionStatus | undefined }),
            }}
          >
            <option value="">Tous</option>
            {(Object.keys(STATUS_LABELS) as SupportQuestionStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        {queue && (
          <>
            <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
              <Select
                label="Adressées à"
                nativeSelectProps={{
                  value: filters.authority ?? '',
                  onChange: (e) =>
                    set({ authority: (e.target.value || undefined) as 'ARS' | 'CD' | undefined }),
                }}
              >
                <option value="">ARS et Département</option>
                <option value="ARS">ARS</option>
                <option value="CD">Département</option>
              </Select>
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
              <CategorySelect
                value={filters.category ?? ''}
                onChange={(category) => set({ category: category || undefined })}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
              <Input
                label="Code de la donnée"
                nativeInputProps={{
                  value: filters.item ?? '',
                  onChange: (e) => set({ item: e.target.value.trim() || undefined }),
                }}
              />
            </div>
            <div className={fr.cx('fr-col-12')}>
              <Checkbox
                small
                options={[
                  {
                    label: 'Seulement les questions qui me sont attribuées',
                    nativeInputProps: {
                      checked: !!filters.mine,
                      onChange: (e) => set({ mine: e.target.checked || undefined }),
                    },
                  },
                ]}
              />
            </div>
          </>
        )}
      </form>
      {questions.isPending ? (
        <PageLoader label="Chargement des questions…" />
      ) : questions.isError ? (
        <QueryError error={questions.error} headingAs="h2" onRetry={() => void questions.refetch()} />
      ) : questions.data.items.length === 0 ? (
        <p>
          {queue
            ? 'Aucune question ne correspond à ces filtres.'
            : 'Vous n’avez posé aucune question pour cette campagne.'}
        </p>
      ) : (
        <>
          <p className={fr.cx('fr-text--sm')} aria-live="polite">
            {questions.data.total} question{questions.data.total > 1 ? 's' : ''}
          </p>
          <div className={fr.cx('fr-table')}>
            <table>
              <caption className="fr-sr-only">Questions</caption>
              <thead>
                <tr>
                  <th scope="col">Objet</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Adressée à</th>
                  {queue && <th scope="col">Attribuée à</th>}
                  <th scope="col">Posée le</th>
                </tr>
              </thead>
              <tbody>
                {questions.data.items.map((q) => (
                  <tr key={q.id}>
                    <td>
                      <Link to={paths.question.href(year, q.id)}>{q.subject}</Link>
                      {q.itemCode && (
                        <div className={fr.cx('fr-text--xs', 'fr-mb-0')}>Donnée {q.itemCode}</div>
                      )}
                    </td>
                    <td>
                      {q.structureName}
                      <div className={fr.cx('fr-text--xs', 'fr-mb-0')}>
                        {q.finess} · {q.categoryCode}
                      </div>
                    </td>
                    <td>
                      <QuestionStatusBadge status={q.status} />
                    </td>
                    <td>{q.authorities.map((a) => a.name).join(', ')}</td>
                    {queue && <td>{q.assignedToName ?? '—'}</td>}
                    <td>{formatDateTime(q.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {questions.data.total > questions.data.pageSize && (
            <Pagination
              count={Math.ceil(questions.data.total / questions.data.pageSize)}
              defaultPage={filters.page ?? 1}
              showFirstLast
              getPageLinkProps={(page) => ({ to: { search: searchFor(page) }, preventScrollReset: true })}
            />
          )}
        </>
      )}
    </>
  );
}
