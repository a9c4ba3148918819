import { useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import type { AuditEntry } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { DataTable } from '@/components/ui/data-table';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { formatCount, formatDateTime } from '@/lib/format';
import { useAudit } from '@/features/audit/api/get-audit';
import { auditActionLabel, auditDetailText } from '@/features/audit/utils/action-labels';
import { paths } from '@/lib/paths';

export const AUDIT_PAGE_SIZE = 50;

function targetText(entry: AuditEntry): string {
  if (entry.targetLabel) return entry.targetLabel;
  if (entry.targetType || entry.targetId) return [entry.targetType, entry.targetId].filter(Boolean).join(' ');
  return '—';
}

export function AuditPage() {
  const [searchParams] = useSearchParams();
  const requested = Number.parseInt(searchParams.get('page') ?? '1', 10);
  const page = Number.isFinite(requested) && requested >= 1 ? requested : 1;
  const audit = useAudit(useMemo(() => ({ page, pageSize: AUDIT_PAGE_SIZE }), [page]));

  const heading = useRef<HTMLHeadingElement>(null);
  const previousPage = useRef(page);
  useEffect(() => {
    if (previousPage.current === page) return;
    previousPage.current = page;
    heading.current?.focus();
  }, [page]);

  const data = audit.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || AUDIT_PAGE_SIZE))) : 1;

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Journal – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Journal"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Journal des actions</h1>
      <p className={fr.cx('fr-text--lead')}>
        Connexions, créations et modifications de comptes et d'habilitations dans votre périmètre, les plus
        récentes d'abord.
      </p>
      <section aria-labelledby="journal-titre" className={fr.cx('fr-mt-4w')}>
        <h2 id="journal-titre" ref={heading} tabIndex={-1} className={fr.cx('fr-h4')}>
          {data && !audit.isError ? formatCount(data.total, 'action', 'actions') : 'Actions'}
        </h2>
        {audit.isPending ? (
          <PageLoader label="Chargement du journal…" />
        ) : audit.isError ? (
          <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : audit.data.items.length === 0 ? (
          <Alert
            severity="info"
            small
            description="Aucune action n'est encore enregistrée dans votre périmètre."
          />
        ) : (
          <div className={audit.isPlaceholderData ? 'tdb-stale' : undefined}>
            <DataTable<AuditEntry>
              caption={`Journal, page ${audit.data.page} sur ${pageCount}`}
              rows={audit.data.items}
              rowKey={(e) => e.id}
              busy={audit.isFetching}
              columns={[
                { key: 'at', header: 'Date', cell: (e) => formatDateTime(e.at) },
                {
                  key: 'actor',
                  header: 'Auteur',
                  cell: (e) =>
                    e.actorEmail ?? (
                      // A sign-in attempt on an address without an account has nobody behind it.
                      <span className="tdb-muted">
                        {e.action.startsWith('auth.') ? 'Non connecté' : 'Système'}
                      </span>
                    ),
                },
                {
                  key: 'action',
                  header: 'Action',
                  rowHeader: true,
                  cell: (e) => <span title={e.action}>{auditActionLabel(e.action)}</span>,
                },
                {
                  key: 'target',
                  header: 'Cible',
                  cell: (e) => {
                    const detail = auditDetailText(e.action, e.details);
                    return detail ? (
                      <>
                        {targetText(e)}
                        <br />
                        <span className="tdb-muted">{detail}</span>
                      </>
                    ) : (
                      targetText(e)
                    );
                  },
                },
                { key: 'ip', header: 'Adresse IP', cell: (e) => e.ipAddress ?? '—' },
              ]}
            />
            {pageCount > 1 && (
              <Pagination
                className={fr.cx('fr-mt-2w')}
                count={pageCount}
                defaultPage={Math.min(page, pageCount)}
                showFirstLast
                getPageLinkProps={(p) => ({
                  to: { search: p > 1 ? `?page=${p}` : '' },
                  preventScrollReset: true,
                })}
              />
            )}
          </div>
        )}
      </section>
    </div>
  );
}

export default AuditPage;
