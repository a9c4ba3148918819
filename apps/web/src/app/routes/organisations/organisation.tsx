import { useMemo } from 'react';
import { useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { NotFound } from '@/components/ui/not-found';
import { DefinitionList } from '@/components/ui/definition-list';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { isApiClientError } from '@/lib/api-client';
import { formatCount } from '@/lib/format';
import { useOrganisation } from '@/features/organisations/api/get-organisation';
import { useReference } from '@/lib/api/get-reference';
import { StructuresTable } from '@/features/structures/components/structures-table';
import { paths } from '@/lib/paths';

export function OrganisationPage() {
  const { finess = '' } = useParams();
  const organisation = useOrganisation(finess);
  const reference = useReference();
  const categories = useMemo(
    () => new Map((reference.data?.categories ?? []).map((c) => [c.code, c] as const)),
    [reference.data],
  );
  const departmentName = (code: string | null) =>
    code ? reference.data?.departments.find((d) => d.code === code)?.name : undefined;

  if (organisation.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement de l'organisme gestionnaire…" />
      </div>
    );
  }

  if (organisation.isError) {
    if (isApiClientError(organisation.error) && organisation.error.statusCode === 404) {
      return (
        <NotFound
          title="Organisme gestionnaire introuvable"
          lead={organisation.error.message}
          backTo={{ to: paths.structures.href(), label: 'Rechercher une structure' }}
        />
      );
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Organisme gestionnaire {finess}</h1>
        <QueryError error={organisation.error} headingAs="h2" onRetry={() => void organisation.refetch()} />
      </div>
    );
  }

  const og = organisation.data;
  const name = og.name ?? `Organisme gestionnaire ${og.finess}`;
  const count = og.structures.length > og.structureCount ? og.structures.length : og.structureCount;
  const department = departmentName(og.departmentCode);

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`${name} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={name}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Structures', linkProps: { to: paths.structures.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <p className={fr.cx('fr-mb-1w', 'fr-text--sm', 'fr-text--bold')}>Organisme gestionnaire</p>
      <h1>{name}</h1>

      <div className="tdb-panel">
        <DefinitionList
          items={[
            { term: 'FINESS juridique', value: <span className="tdb-code">{og.finess}</span> },
            { term: 'Statut juridique', value: og.legalStatus },
            {
              term: 'Département du siège',
              value: og.departmentCode ? `${og.departmentCode}${department ? ` – ${department}` : ''}` : null,
            },
            { term: 'Établissements et services médico-sociaux', value: formatCount(count, 'ESMS', 'ESMS') },
          ]}
        />
      </div>

      <section aria-labelledby="esms-titre" className={fr.cx('fr-mt-6w')}>
        <h2 id="esms-titre" className={fr.cx('fr-h4')}>
          Établissements et services gérés
        </h2>
        {og.structures.length === 0 ? (
          <p>Cet organisme ne gère aucun établissement ou service du champ du tableau de bord.</p>
        ) : (
          <StructuresTable
            structures={og.structures}
            caption={`Établissements et services gérés par ${name} (${formatCount(og.structures.length, 'structure', 'structures')})`}
            categories={categories}
            hideOrganisation
          />
        )}
      </section>
    </div>
  );
}

export default OrganisationPage;
