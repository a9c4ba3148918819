import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { formatCount } from '@/lib/format';
import { useAccounts } from '@/features/accounts/api/get-accounts';
import { AccountsSearchForm } from '@/features/accounts/components/accounts-search-form';
import { AccountsTable } from '@/features/accounts/components/accounts-table';
import {
  ACCOUNTS_PAGE_SIZE,
  parseAccountSearch,
  toAccountQuery,
  toAccountSearchParams,
  type AccountSearchState,
} from '@/features/accounts/utils/search-params';
import { paths } from '@/lib/paths';

export function UsersPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseAccountSearch(searchParams), [searchParams]);
  const update = useCallback(
    (patch: Partial<AccountSearchState>) =>
      setSearchParams(
        (previous) => toAccountSearchParams({ ...parseAccountSearch(previous), page: 1, ...patch }),
        {
          preventScrollReset: true,
        },
      ),
    [setSearchParams],
  );
  const accounts = useAccounts(useMemo(() => toAccountQuery(state), [state]));

  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const previousPage = useRef(state.page);
  useEffect(() => {
    if (previousPage.current === state.page) return;
    previousPage.current = state.page;
    resultsHeading.current?.focus();
  }, [state.page]);

  const data = accounts.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || ACCOUNTS_PAGE_SIZE))) : 1;
  const filtered = state.q !== '' || state.role !== '' || state.status !== '';

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Utilisateurs – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Utilisateurs"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <div className="tdb-page-header fr-mb-4w">
        <div>
          <h1 className={fr.cx('fr-mb-1w')}>Utilisateurs</h1>
          <p className={fr.cx('fr-text--lead', 'fr-mb-0')}>
            Les comptes dont vous administrez au moins une habilitation.
          </p>
        </div>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          <li>
            <Button
              priority="secondary"
              iconId="fr-icon-upload-line"
              linkProps={{ to: paths.usersImport.href() }}
            >
              Importer des APE
            </Button>
          </li>
          <li>
            <Button iconId="fr-icon-user-add-line" linkProps={{ to: paths.userCreate.href() }}>
              Créer un compte
            </Button>
          </li>
        </ul>
      </div>

      <AccountsSearchForm state={state} onChange={update} />

      <section aria-labelledby="comptes-titre" className={fr.cx('fr-mt-6w')}>
        <h2 id="comptes-titre" ref={resultsHeading} tabIndex={-1} className={fr.cx('fr-h4')}>
          {data && !accounts.isError ? formatCount(data.total, 'compte', 'comptes') : 'Comptes'}
        </h2>
        <p role="status" className="fr-sr-only">
          {accounts.isFetching
            ? 'Recherche en cours…'
            : data
              ? formatCount(data.total, 'compte trouvé', 'comptes trouvés')
              : ''}
        </p>
        {accounts.isPending ? (
          <PageLoader label="Chargement des comptes…" />
        ) : accounts.isError ? (
          <QueryError
            error={accounts.error}
            title="La liste des comptes n'a pas pu être chargée"
            onRetry={() => void accounts.refetch()}
          />
        ) : accounts.data.items.length === 0 ? (
          <div className={fr.cx('fr-my-4w')}>
            <Alert
              severity="info"
              title="Aucun compte ne correspond"
              description={
                filtered
                  ? 'Vérifiez l’orthographe ou retirez des filtres.'
                  : 'Vous n’administrez encore aucun compte : créez-en un pour inviter une personne.'
              }
            />
            {filtered && (
              <Button
                className={fr.cx('fr-mt-2w')}
                priority="secondary"
                onClick={() => update({ q: '', role: '', status: '' })}
              >
                Réinitialiser la recherche
              </Button>
            )}
          </div>
        ) : (
          <div className={accounts.isPlaceholderData ? 'tdb-stale' : undefined}>
            <AccountsTable
              accounts={accounts.data.items}
              caption={`Comptes, page ${accounts.data.page} sur ${pageCount}`}
              busy={accounts.isFetching}
            />
            {pageCount > 1 && (
              <Pagination
                className={fr.cx('fr-mt-2w')}
                count={pageCount}
                defaultPage={Math.min(state.page, pageCount)}
                showFirstLast
                getPageLinkProps={(page) => ({
                  to: { search: `?${toAccountSearchParams({ ...state, page }).toString()}` },
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

export default UsersPage;
