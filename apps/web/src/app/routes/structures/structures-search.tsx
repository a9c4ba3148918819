import { useCallback, useEffect, useMemo, useRef } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from 'react-router';
import type { StructureSort } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatCount } from '@/lib/format';
import { useReference } from '@/lib/api/get-reference';
import { useStructures } from '@/features/structures/api/get-structures';
import { StructureSearchForm } from '@/features/structures/components/structure-search-form';
import { StructuresTable } from '@/features/structures/components/structures-table';
import { useDebouncedSearchText, useStructureSearch } from '@/features/structures/hooks/use-structure-search';
import {
  PAGE_SIZE,
  hasActiveFilters,
  toSearchParams,
  toStructureQuery,
} from '@/features/structures/utils/search-params';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { paths } from '@/lib/paths';
import { useAuth } from '@/lib/auth/auth-provider';

const FINESS_PATTERN = /^[0-9][0-9AB][0-9]{7}$/;

const SORT_OPTIONS: { value: StructureSort; label: string }[] = [
  { value: 'name', label: 'Nom (A → Z)' },
  { value: '-name', label: 'Nom (Z → A)' },
  { value: 'finess', label: 'Numéro FINESS (croissant)' },
  { value: '-finess', label: 'Numéro FINESS (décroissant)' },
  { value: 'category', label: 'Catégorie (A → Z)' },
  { value: '-category', label: 'Catégorie (Z → A)' },
  { value: 'department', label: 'Département (croissant)' },
  { value: '-department', label: 'Département (décroissant)' },
];

export function StructuresSearchPage() {
  const { state, update } = useStructureSearch();
  const commitText = useCallback((q: string) => update({ q }, { replace: true }), [update]);
  const search = useDebouncedSearchText(state.q, commitText);

  const reference = useReference();
  const auth = useAuth();
  // An ARS or CD checker does not list the structures of the other authority's exclusive
  // competence, yet may correct their category toward its own (ADR 0014): a FINESS number typed in
  // vain leads it to the registry record.
  const checksForAnAuthority =
    auth.state.status === 'authenticated' &&
    auth.state.account.grants.some(
      (g) =>
        (g.role === 'APR' || g.role === 'CONTROLLER') &&
        (g.organisation.kind === 'ARS' || g.organisation.kind === 'CD'),
    );
  const typedFiness = state.q.trim().toUpperCase().replace(/\s+/g, '');
  const query = useMemo(() => toStructureQuery(state), [state]);
  const structures = useStructures(query);

  const categories = useMemo(
    () => new Map((reference.data?.categories ?? []).map((c) => [c.code, c] as const)),
    [reference.data],
  );

  // After a page change, bring the reader back to the top of the results.
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const previousPage = useRef(state.page);
  useEffect(() => {
    if (previousPage.current === state.page) return;
    previousPage.current = state.page;
    resultsHeading.current?.focus();
  }, [state.page]);

  const data = structures.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || PAGE_SIZE))) : 1;
  const filtered = hasActiveFilters(state);
  const resetFilters = () => update({ q: '', category: [], region: '', department: '', competence: [] });

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Rechercher une structure – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Structures"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Rechercher une structure</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>
        Établissements et services médico-sociaux (ESMS) du répertoire FINESS, par nom, numéro, territoire ou
        catégorie.
      </p>

      <StructureSearchForm
        state={state}
        text={search.text}
        onTextChange={search.setText}
        onSubmit={search.flush}
        onChange={(patch) => update(patch)}
        onReset={resetFilters}
        reference={reference.data}
        canReset={filtered}
      />
      {reference.isError && (
        <Alert
          className={fr.cx('fr-mt-2w')}
          severity="warning"
          small
          description={`Les listes de filtres n'ont pas pu être chargées : ${reference.error.message}`}
        />
      )}

      <section aria-labelledby="resultats-titre" className={fr.cx('fr-mt-6w')}>
        <div className="tdb-results-header">
          <h2 id="resultats-titre" ref={resultsHeading} tabIndex={-1} className={fr.cx('fr-h4', 'fr-mb-0')}>
            {data && !structures.isError ? formatCount(data.total, 'structure', 'structures') : 'Résultats'}
          </h2>
          <p role="status" className="fr-sr-only">
            {structures.isFetching
              ? 'Recherche en cours…'
              : data
                ? `${formatCount(data.total, 'structure trouvée', 'structures trouvées')}`
                : ''}
          </p>
          <Select
            label="Trier par"
            className="tdb-sort-select"
            nativeSelectProps={{
              name: 'sort',
              value: state.sort,
              onChange: (event) => update({ sort: event.target.value as StructureSort, page: 1 }),
            }}
          >
            {SORT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>

        {structures.isPending ? (
          <PageLoader label="Recherche des structures en cours…" />
        ) : structures.isError ? (
          <QueryError
            error={structures.error}
            title="La recherche n'a pas abouti"
            onRetry={() => void structures.refetch()}
          />
        ) : data && data.items.length === 0 ? (
          <div className={fr.cx('fr-my-4w')}>
            <Alert
              severity="info"
              title="Aucune structure ne correspond à votre recherche"
              description={
                filtered
                  ? 'Vérifiez l’orthographe du nom ou du numéro FINESS, ou retirez des filtres.'
                  : 'Le répertoire ne contient encore aucune structure.'
              }
            />
            {checksForAnAuthority && FINESS_PATTERN.test(typedFiness) && (
              <p className={fr.cx('fr-mt-2w')}>
                Une structure de votre territoire relevant de la compétence exclusive de l’autre autorité
                n’apparaît pas dans vos listes. Si elle est mal classée, vous pouvez{' '}
                <Link to={paths.structure.href(typedFiness)}>
                  ouvrir la fiche FINESS {typedFiness} pour en corriger la catégorie
                </Link>
                .
              </p>
            )}
            {filtered && (
              <Button className={fr.cx('fr-mt-2w')} priority="secondary" onClick={resetFilters}>
                Réinitialiser la recherche
              </Button>
            )}
          </div>
        ) : data ? (
          <div className={structures.isPlaceholderData ? 'tdb-stale' : undefined}>
            <StructuresTable
              structures={data.items}
              caption={`Structures, page ${data.page} sur ${pageCount}`}
              categories={categories}
              busy={structures.isFetching}
              sorting={{ sort: state.sort, onSort: (sort) => update({ sort, page: 1 }) }}
            />
            {pageCount > 1 && (
              <Pagination
                className={fr.cx('fr-mt-2w')}
                count={pageCount}
                defaultPage={Math.min(state.page, pageCount)}
                showFirstLast
                getPageLinkProps={(page) => ({
                  to: { search: `?${toSearchParams({ ...state, page }).toString()}` },
                  preventScrollReset: true,
                })}
              />
            )}
          </div>
        ) : null}
      </section>
    </div>
  );
}

export default StructuresSearchPage;
