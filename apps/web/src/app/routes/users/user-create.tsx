import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useAuth } from '@/lib/auth/auth-provider';
import { parisToday } from '@/lib/auth/permissions';
import { useReference } from '@/lib/api/get-reference';
import { CreateAccountForm } from '@/features/accounts/components/create-account-form';
import { grantTargetOptions } from '@/features/accounts/utils/grant-targets';
import { paths } from '@/lib/paths';

/** What the account page says after a creation (passed in the navigation state). */
export interface AccountNotice {
  notice: string;
}

export function UserCreatePage() {
  const { account } = useAuth();
  const navigate = useNavigate();
  const reference = useReference();
  const options = useMemo(() => (account ? grantTargetOptions(account, parisToday()) : []), [account]);

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Créer un compte – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Créer un compte"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Utilisateurs', linkProps: { to: paths.users.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-9')}>
          <h1 id="creation-titre">Créer un compte</h1>
          <p className={fr.cx('fr-text--lead')}>
            La personne reçoit par courriel un lien pour choisir son mot de passe et activer son compte.
          </p>
          {reference.isError && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="warning"
              small
              description={`Les listes des régions et départements n'ont pas pu être chargées : ${reference.error.message}`}
            />
          )}
          {options.length === 0 ? (
            <Alert
              severity="info"
              title="Aucune habilitation à donner"
              description="Vos habilitations actuelles ne vous permettent pas de créer de compte."
            />
          ) : (
            <CreateAccountForm
              options={options}
              regions={reference.data?.regions ?? []}
              departments={reference.data?.departments ?? []}
              onCancel={() => navigate(paths.users.href())}
              onCreated={(created) =>
                navigate(paths.user.href(created.id), {
                  state: {
                    notice:
                      created.status === 'INVITED'
                        ? `Le compte de ${created.email} est créé : une invitation lui a été envoyée par courriel.`
                        : `L'habilitation a été ajoutée au compte existant de ${created.email}.`,
                  } satisfies AccountNotice,
                })
              }
            />
          )}
        </div>
      </div>
    </div>
  );
}

export default UserCreatePage;
