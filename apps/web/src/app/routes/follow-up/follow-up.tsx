import { useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatCount } from '@/lib/format';
import { useFollowUp, type FollowUpQuery } from '@/features/follow-up/api/get-follow-up';
import { AuthorityGate } from '@/features/follow-up/components/authority-gate';
import { FollowUpNav } from '@/features/follow-up/components/follow-up-nav';
import { FollowUpTable } from '@/features/follow-up/components/follow-up-table';
import { FollowUpTotals } from '@/features/follow-up/components/follow-up-totals';
import { LateStructures } from '@/features/follow-up/components/late-structures';
import { MailingComposer } from '@/features/follow-up/components/mailing-composer';
import type { AuthorityAccess } from '@/lib/auth/authorities';
import { CategorySelect, DepartmentSelect } from '@/components/ui/reference-selects';
import { paths } from '@/lib/paths';

function readQuery(params: URLSearchParams): FollowUpQuery {
  const query: FollowUpQuery = {};
  const department = params.get('department');
  const category = params.get('category');
  if (department) query.department = department;
  if (category) query.category = category;
  return query;
}

function FollowUpContent({ year, access }: { year: number; access: AuthorityAccess }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = readQuery(searchParams);
  const followUp = useFollowUp(year, query);
  const filtered = Boolean(query.department || query.category);

  const update = (changes: FollowUpQuery) => {
    const next = { ...query, ...changes };
    const params = new URLSearchParams();
    if (next.department) params.set('department', next.department);
    if (next.category) params.set('category', next.category);
    setSearchParams(params, { preventScrollReset: true });
  };

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Suivi de la campagne ${year} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={`Suivi ${year}`}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Campagnes', linkProps: { to: paths.campaigns.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Suivi de la campagne {year}</h1>
      <FollowUpNav year={year} current="suivi" access={access} />

      <form role="search" aria-label="Filtrer le suivi" onSubmit={(e) => e.preventDefault()}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <DepartmentSelect value={query.department} onChange={(department) => update({ department })} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <CategorySelect value={query.category} onChange={(category) => update({ category })} />
          </div>
        </div>
      </form>

      {followUp.isPending ? (
        <PageLoader label="Chargement du suivi…" />
      ) : followUp.isError ? (
        <QueryError error={followUp.error} headingAs="h2" onRetry={() => void followUp.refetch()} />
      ) : (
        <div className={followUp.isPlaceholderData ? 'tdb-stale' : undefined}>
          <section aria-labelledby="totaux" className={fr.cx('fr-mb-4w')}>
            <h2 id="totaux" className={fr.cx('fr-h5')}>
              Saisies par statut{filtered ? ' (filtrées)' : ''}
            </h2>
            <FollowUpTotals totals={followUp.data.totals} total={followUp.data.total} headingId="totaux" />
          </section>

          <section aria-labelledby="repartition" className={fr.cx('fr-mb-4w')}>
            <h2 id="repartition" className={fr.cx('fr-h5')}>
              Par département et catégorie
            </h2>
            {followUp.data.rows.length === 0 ? (
              <Alert
                severity="info"
                small
                description={
                  filtered
                    ? 'Aucune structure ne correspond à ces filtres.'
                    : 'Aucune structure de votre périmètre ne participe à cette campagne.'
                }
              />
            ) : (
              <FollowUpTable rows={followUp.data.rows} busy={followUp.isFetching} />
            )}
          </section>

          <section aria-labelledby="en-retard" className={fr.cx('fr-mb-4w')}>
            <h2 id="en-retard" className={fr.cx('fr-h5')}>
              Structures en retard ({formatCount(followUp.data.late.length, 'structure', 'structures')})
            </h2>
            <p className={fr.cx('fr-text--sm')}>
              Les structures de votre périmètre dont la saisie n'est pas encore validée, pendant la collecte
              (jours restants) et après sa clôture (en retard).
            </p>
            <LateStructures year={year} late={followUp.data.late} />
          </section>
        </div>
      )}

      {access.canCommunicate && <MailingComposer year={year} kind="REMINDER" access={access} />}
    </div>
  );
}

/** "Suivi de la campagne": counts by status, department × category, late structures and reminders. */
export function FollowUpPage() {
  const year = Number(useParams()['year']);
  return <AuthorityGate>{(access) => <FollowUpContent year={year} access={access} />}</AuthorityGate>;
}
