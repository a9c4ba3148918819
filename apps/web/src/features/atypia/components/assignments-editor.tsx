import { useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import type { AuthorityRef, FiabilisationAssignmentDto, SubmissionSummary } from '@tdb/contracts';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatCount } from '@/lib/format';
import { useSubmissions } from '@/lib/api/get-submissions';
import {
  useFiabilisationAssignments,
  useFiabilisationControllers,
  useSaveAssignments,
  type AssignmentRequestItem,
} from '../api/fiabilisation';
import { PRIORITY_LABELS } from '../utils/labels';
import { paths } from '@/lib/paths';

const PAGE_SIZE = 50;

interface Draft {
  controllerId: string | null;
  priority: number;
  note: string;
}

/** Who reviews which structure of the scope, and how urgently: saved page by page, all or nothing. */
export function AssignmentsEditor({ year, authority }: { year: number; authority: AuthorityRef | null }) {
  const [page, setPage] = useState(1);
  const submissions = useSubmissions(year, { page, pageSize: PAGE_SIZE });
  const controllers = useFiabilisationControllers(year, authority);
  const recorded = useFiabilisationAssignments(year);
  const save = useSaveAssignments(year);
  // The assignments saved from this page (newer than the list read at load).
  const [saved, setSaved] = useState<Map<string, FiabilisationAssignmentDto>>(new Map());
  const [drafts, setDrafts] = useState<Map<string, Draft>>(new Map());
  const [done, setDone] = useState<string | null>(null);

  const assignmentOf = (finess: string): FiabilisationAssignmentDto | undefined =>
    saved.get(finess) ?? recorded.data?.find((a) => a.finess === finess);
  const valueOf = (finess: string): Draft => {
    const draft = drafts.get(finess);
    if (draft) return draft;
    const current = assignmentOf(finess);
    return {
      controllerId: current?.controllerId ?? null,
      priority: current?.priority ?? 0,
      note: current?.note ?? '',
    };
  };
  const edit = (finess: string, change: Partial<Draft>) => {
    setDone(null);
    setDrafts((current) => new Map(current).set(finess, { ...valueOf(finess), ...change }));
  };
  /** The version read: the recorded one, 0 when the list says there is none, unknown otherwise. */
  const versionOf = (finess: string): number | undefined => {
    const current = assignmentOf(finess);
    if (current) return current.version;
    return recorded.data ? 0 : undefined;
  };

  const onSave = () => {
    setDone(null);
    const items: AssignmentRequestItem[] = [...drafts].map(([finess, draft]) => {
      const item: AssignmentRequestItem = {
        finess,
        controllerId: draft.controllerId,
        priority: draft.priority,
      };
      if (draft.note.trim() !== '') item.note = draft.note.trim();
      const version = versionOf(finess);
      if (version !== undefined) item.version = version;
      return item;
    });
    if (items.length === 0) return;
    save.mutate(items, {
      onSuccess: (answer) => {
        setSaved((current) => {
          const next = new Map(current);
          for (const a of answer) next.set(a.finess, a);
          return next;
        });
        setDrafts(new Map());
        setDone(`${formatCount(answer.length, 'attribution enregistrée', 'attributions enregistrées')}.`);
      },
    });
  };

  if (submissions.isPending) return <PageLoader label="Chargement des structures…" />;
  if (submissions.isError) {
    return <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />;
  }
  const controllerList = controllers.data ?? [];
  const columns: DataTableColumn<SubmissionSummary>[] = [
    {
      key: 'structure',
      header: 'Structure',
      rowHeader: true,
      cell: (row) => (
        <>
          <Link to={paths.submission.href(year, row.finess)}>{row.name}</Link>
          <br />
          <span className={fr.cx('fr-text--xs')}>
            {row.categoryLabel} · {row.departmentCode} · {row.statusLabel}
          </span>
        </>
      ),
    },
    {
      key: 'controller',
      header: 'Contrôleur',
      cell: (row) => (
        <select
          className={fr.cx('fr-select')}
          aria-label={`Contrôleur de ${row.name}`}
          value={valueOf(row.finess).controllerId ?? ''}
          onChange={(e) => edit(row.finess, { controllerId: e.target.value || null })}
        >
          <option value="">Non attribué</option>
          {controllerList.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.role === 'APR' ? 'APR' : 'contrôleur'})
            </option>
          ))}
          {(() => {
            const current = assignmentOf(row.finess);
            return current?.controllerId && !controllerList.some((c) => c.id === current.controllerId) ? (
              <option value={current.controllerId}>{current.controllerName ?? current.controllerId}</option>
            ) : null;
          })()}
        </select>
      ),
    },
    {
      key: 'priority',
      header: 'Priorité',
      cell: (row) => (
        <select
          className={fr.cx('fr-select')}
          aria-label={`Priorité de ${row.name}`}
          value={valueOf(row.finess).priority}
          onChange={(e) => edit(row.finess, { priority: Number(e.target.value) })}
        >
          {[0, 1, 2, 3].map((p) => (
            <option key={p} value={p}>
              {p} – {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      ),
    },
    {
      key: 'note',
      header: 'Note',
      cell: (row) => (
        <input
          className={fr.cx('fr-input')}
          type="text"
          maxLength={1000}
          aria-label={`Note sur ${row.name}`}
          value={valueOf(row.finess).note}
          onChange={(e) => edit(row.finess, { note: e.target.value })}
        />
      ),
    },
  ];
  const pageCount = Math.max(1, Math.ceil(submissions.data.total / submissions.data.pageSize));
  const error = save.error;

  return (
    <>
      {controllers.isError && (
        <Alert
          severity="error"
          small
          className={fr.cx('fr-mb-2w')}
          description={`Liste des contrôleurs indisponible : ${controllers.error.message}`}
        />
      )}
      <DataTable
        caption="Attribution des structures"
        hideCaption
        columns={columns}
        rows={submissions.data.items}
        rowKey={(row) => row.finess}
        busy={submissions.isFetching}
      />
      {pageCount > 1 && (
        <Pagination
          className={fr.cx('fr-mt-2w')}
          count={pageCount}
          defaultPage={page}
          showFirstLast
          getPageLinkProps={(target) => ({
            to: '#',
            onClick: (event: { preventDefault: () => void }) => {
              event.preventDefault();
              setPage(target);
            },
          })}
        />
      )}
      <div className={fr.cx('fr-mt-2w')}>
        <Button onClick={onSave} disabled={drafts.size === 0 || save.isPending}>
          Enregistrer les attributions
          {drafts.size > 0 ? ` (${drafts.size})` : ''}
        </Button>
      </div>
      <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
        {done && <Alert severity="success" small description={done} />}
        {error && (
          <Alert
            severity="error"
            small
            role="alert"
            description={
              <>
                {error.message}
                {error.errors && error.errors.length > 0 && (
                  <ul>
                    {error.errors.map((e, index) => (
                      <li key={`${e.field}-${index}`}>
                        {e.field ? `${e.field} : ` : ''}
                        {e.message}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            }
          />
        )}
      </div>
    </>
  );
}
