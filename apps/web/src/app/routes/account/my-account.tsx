import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { DefinitionList } from '@/components/ui/definition-list';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useAuth } from '@/lib/auth/auth-provider';
import { parisToday } from '@/lib/auth/permissions';
import { TOTP_SECTION_ID } from '@/lib/auth/totp-enrollment';
import { formatDateTime, formatPhone } from '@/lib/format';
import { useMe } from '@/features/auth/api/get-me';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { SessionsList } from '@/features/auth/components/sessions-list';
import { TotpSettings } from '@/features/auth/components/totp-settings';
import { AccountIdentityForm } from '@/features/accounts/components/account-identity-form';
import { GrantsTable } from '@/features/accounts/components/grants-table';
import { paths } from '@/lib/paths';

export function MyAccountPage() {
  const me = useMe();
  const { state, account } = useAuth();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const totpSection = useRef<HTMLElement>(null);

  const enrollmentRequired = state.status === 'authenticated' && state.totpEnrollmentRequired;
  // Sent here to set up the second factor (or opened at #double-authentification): start there.
  useEffect(() => {
    if (location.hash === `#${TOTP_SECTION_ID}`) totpSection.current?.focus();
  }, [location.hash, location.key]);

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Mon compte – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Mon compte"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Mon compte</h1>

      {me.isPending ? (
        <PageLoader label="Chargement de votre compte…" />
      ) : me.isError ? (
        <QueryError error={me.error} headingAs="h2" onRetry={() => void me.refetch()} />
      ) : (
        <>
          <section aria-labelledby="identite-titre">
            <div className="tdb-results-header">
              <h2 id="identite-titre" className={fr.cx('fr-h4', 'fr-mb-0')}>
                Identité
              </h2>
              {!editing && (
                <Button
                  ref={editButton}
                  priority="secondary"
                  iconId="fr-icon-edit-line"
                  onClick={() => {
                    setSaved(false);
                    setEditing(true);
                  }}
                >
                  Modifier
                </Button>
              )}
            </div>
            {saved && (
              <Alert
                className={fr.cx('fr-mb-2w')}
                severity="success"
                small
                role="status"
                description="Votre identité a été mise à jour."
              />
            )}
            {editing ? (
              <AccountIdentityForm
                account={me.data}
                onCancel={() => {
                  setEditing(false);
                  setTimeout(() => editButton.current?.focus(), 0);
                }}
                onDone={() => {
                  setEditing(false);
                  setSaved(true);
                }}
              />
            ) : (
              <div className="tdb-panel">
                <DefinitionList
                  items={[
                    { term: 'Prénom', value: me.data.firstName },
                    { term: 'Nom', value: me.data.lastName },
                    { term: 'Adresse électronique', value: me.data.email },
                    { term: 'Téléphone', value: formatPhone(me.data.phone) },
                    {
                      term: 'Dernière connexion',
                      value: me.data.lastLoginAt ? formatDateTime(me.data.lastLoginAt) : null,
                    },
                  ]}
                />
              </div>
            )}
          </section>

          <section aria-labelledby="habilitations-titre" className={fr.cx('fr-mt-6w')}>
            <h2 id="habilitations-titre" className={fr.cx('fr-h4')}>
              Mes habilitations
            </h2>
            {me.data.grants.length === 0 ? (
              <Alert
                severity="info"
                small
                description="Vous n'avez aucune habilitation : demandez-en une à l'administrateur de votre organisation."
              />
            ) : (
              <GrantsTable
                grants={me.data.grants}
                caption="Mes habilitations"
                hideCaption
                today={parisToday()}
              />
            )}
          </section>
        </>
      )}

      <section
        id={TOTP_SECTION_ID}
        ref={totpSection}
        tabIndex={-1}
        aria-labelledby="double-authentification-titre"
        className={fr.cx('fr-mt-6w')}
      >
        <h2 id="double-authentification-titre" className={fr.cx('fr-h4')}>
          Double authentification
        </h2>
        {enrollmentRequired && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="warning"
            title="La double authentification est obligatoire pour votre rôle"
            description="Les comptes d'administration (administrateur national, administrateur principal d'une ARS ou d'un Département) doivent être protégés par un second facteur. Activez-la ci-dessous : les autres pages du service vous seront ouvertes ensuite."
          />
        )}
        <div className={fr.cx('fr-grid-row')}>
          <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
            <TotpSettings enabled={me.data?.totpEnabled ?? account?.totpEnabled ?? false} />
          </div>
        </div>
      </section>

      <section aria-labelledby="mot-de-passe-titre" className={fr.cx('fr-mt-6w')}>
        <h2 id="mot-de-passe-titre" className={fr.cx('fr-h4')}>
          Changer mon mot de passe
        </h2>
        <div className={fr.cx('fr-grid-row')}>
          <div className={`${fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')} tdb-panel`}>
            <ChangePasswordForm />
          </div>
        </div>
      </section>

      <section aria-labelledby="sessions-titre" className={fr.cx('fr-mt-6w')}>
        <h2 id="sessions-titre" className={fr.cx('fr-h4')}>
          Mes sessions
        </h2>
        <p>
          Les appareils et navigateurs où vous êtes connecté. Fermez une session que vous ne reconnaissez pas.
        </p>
        <SessionsList />
      </section>
    </div>
  );
}

export default MyAccountPage;
