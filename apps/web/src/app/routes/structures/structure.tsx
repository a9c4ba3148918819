import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { NotFound } from '@/components/ui/not-found';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { isApiClientError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/auth-provider';
import { allows, parisToday, structureFactsOf } from '@/lib/auth/permissions';
import { useReference } from '@/lib/api/get-reference';
import { useStructure, type StructureDetailResponse } from '@/features/structures/api/get-structure';
import { StructureDetails } from '@/features/structures/components/structure-details';
import { StructureHistory } from '@/features/structures/components/structure-history';
import { CategoryCorrectionForm } from '@/features/structures/components/category-correction-form';
import { StructureCampaignLinks } from '@/features/structures/components/structure-campaign-links';
import { COMPETENCE_LABELS } from '@/features/structures/utils/labels';
import { paths } from '@/lib/paths';

const FORM_ID = 'correction-categorie';

/** "la compétence …" of a structure, as the refusals of the API word it. */
const COMPETENCE_OF: Record<StructureDetailResponse['competence'], string> = {
  ARS: "exclusive de l'ARS",
  CD: 'exclusive du Département',
  SHARED: "partagée de l'ARS et du Département",
};

export function StructurePage() {
  const { finess = '' } = useParams();
  const structure = useStructure(finess);
  const reference = useReference();
  const { state } = useAuth();
  const [editing, setEditing] = useState(false);
  const [success, setSuccess] = useState<{ text: string; consequences: string[] } | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const successRef = useRef<HTMLDivElement>(null);

  // Announce a saved correction where the form was (the form, and the focus with it, are gone).
  useEffect(() => {
    if (success) successRef.current?.focus();
  }, [success]);

  if (structure.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement de la structure…" />
      </div>
    );
  }

  if (structure.isError) {
    if (isApiClientError(structure.error) && structure.error.statusCode === 404) {
      return (
        <NotFound
          title="Structure introuvable"
          lead={structure.error.message}
          backTo={{ to: paths.structures.href(), label: 'Rechercher une structure' }}
        />
      );
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Structure {finess}</h1>
        <QueryError error={structure.error} headingAs="h2" onRetry={() => void structure.refetch()} />
      </div>
    );
  }

  const data: StructureDetailResponse = structure.data;
  // Asked of the access policy for this very structure (national administrator, APR or controller
  // of an authority competent for it); the API checks again.
  const canCorrect =
    state.status === 'authenticated' &&
    allows(
      state.account,
      { type: 'structure.correctCategory', structure: structureFactsOf(data) },
      parisToday(),
    );
  // Its submissions and restitutions: for whom the policy lets read them (never a reader of its
  // registry record only, ADR 0014).
  const canReadSubmissions =
    state.status === 'authenticated' &&
    allows(state.account, { type: 'submission.read', structure: structureFactsOf(data) }, parisToday());
  const category = reference.data?.categories.find((c) => c.code === data.categoryCode);
  // The categories this caller may choose: all of them when competent for the current one, only
  // those of its competence otherwise (ADR 0014).
  const choosable =
    state.status === 'authenticated' && reference.data
      ? reference.data.categories.filter(
          (c) =>
            c.code === data.categoryCode ||
            allows(
              state.account,
              {
                type: 'structure.correctCategory',
                structure: structureFactsOf(data),
                newCategoryCode: c.code,
              },
              parisToday(),
            ),
        )
      : [];
  const restriction =
    reference.data && choosable.length < reference.data.categories.length
      ? `Seules les catégories de votre compétence sont proposées : la catégorie actuelle relève de la compétence ${COMPETENCE_OF[data.competence]}.`
      : null;

  const openForm = () => {
    setSuccess(null);
    setEditing(true);
  };
  const closeForm = () => {
    setEditing(false);
    // Give the focus back to the button that opened the form.
    setTimeout(() => toggleRef.current?.focus(), 0);
  };
  const onCorrected = (updated: StructureDetailResponse, previousLabel: string) => {
    setEditing(false);
    setSuccess({
      text: `La catégorie a été corrigée : « ${previousLabel} » devient « ${updated.categoryLabel} ».`,
      consequences: updated.history.find((e) => e.kind === 'CATEGORY_CORRECTED')?.consequences ?? [],
    });
  };

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`${data.name} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={data.name}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Structures', linkProps: { to: paths.structures.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />

      <div className="tdb-page-header">
        <div>
          <ul className={fr.cx('fr-badges-group', 'fr-mb-1w')}>
            <li>
              <Badge severity="info" noIcon small>
                <span className="fr-sr-only">Catégorie : </span>
                {category?.shortLabel ?? data.categoryCode}
              </Badge>
            </li>
            <li>
              <Badge noIcon small>
                <span className="fr-sr-only">Compétence : </span>
                {COMPETENCE_LABELS[data.competence]}
              </Badge>
            </li>
            {data.categoryCorrected && (
              <li>
                <Badge severity="warning" noIcon small>
                  Catégorie corrigée
                </Badge>
              </li>
            )}
          </ul>
          <h1 className={fr.cx('fr-mb-1w')}>{data.name}</h1>
          <p className={fr.cx('fr-text--lg', 'fr-mb-0')}>
            FINESS géographique <span className="tdb-code">{data.finess}</span>
            {data.address.city ? ` · ${data.address.city}` : ''} · {data.departmentName}
          </p>
        </div>
        {canCorrect && (
          <div>
            <Button
              ref={toggleRef}
              priority={editing ? 'secondary' : 'primary'}
              iconId="fr-icon-edit-line"
              onClick={editing ? closeForm : openForm}
              nativeButtonProps={{ 'aria-expanded': editing, 'aria-controls': FORM_ID }}
              disabled={!reference.data}
            >
              Corriger la catégorie
            </Button>
          </div>
        )}
      </div>

      {success && (
        <div ref={successRef} tabIndex={-1} className={fr.cx('fr-mt-4w')}>
          <Alert
            severity="success"
            as="h2"
            role="status"
            title="Correction enregistrée"
            description={
              <>
                {success.text}
                {success.consequences.length > 0 && (
                  <ul className={fr.cx('fr-mb-0')}>
                    {success.consequences.map((sentence) => (
                      <li key={sentence}>{sentence}</li>
                    ))}
                  </ul>
                )}
              </>
            }
            closable
            onClose={() => setSuccess(null)}
          />
        </div>
      )}

      {canCorrect && editing && reference.data && (
        <div className={fr.cx('fr-mt-4w')}>
          <CategoryCorrectionForm
            id={FORM_ID}
            structure={data}
            categories={choosable}
            restriction={restriction}
            onCancel={closeForm}
            onCorrected={onCorrected}
          />
        </div>
      )}

      {data.registryOnly && (
        <div className={fr.cx('fr-mt-4w')}>
          <Alert
            severity="info"
            small
            description={`Cette structure relève de la compétence ${COMPETENCE_OF[data.competence]} : vous voyez sa fiche FINESS pour en corriger la catégorie vers une catégorie de votre compétence. Ses saisies et ses comptes ne vous sont pas accessibles.`}
          />
        </div>
      )}

      <div className={fr.cx('fr-mt-6w')}>
        <StructureDetails structure={data} category={category} />
      </div>

      {canReadSubmissions && !data.registryOnly && <StructureCampaignLinks finess={data.finess} />}

      <StructureHistory history={data.history} />
    </div>
  );
}

export default StructurePage;
