import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { GrantOfferResult } from '@tdb/contracts';
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
  // An invitation sent: said here (the account, if any, is not the caller's to open yet).
  const [sent, setSent] = useState<GrantOfferResult | null>(null);
  const [formKey, setFormKey] = useState(0);
  const sentRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

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
            La personne reçoit un courriel : pour un nouveau compte, un lien pour choisir son mot de passe ;
            si elle a déjà un compte que vous ne gérez pas, l'habilitation lui est proposée et ne prend effet
            qu'une fois acceptée.
          </p>
          {reference.isError && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="warning"
              small
              description={`Les listes des régions et départements n'ont pas pu être chargées : ${reference.error.message}`}
            />
          )}
          {sent ? (
            <div ref={sentRef} tabIndex={-1}>
              <Alert
                severity="success"
                as="h2"
                role="status"
                title="Invitation envoyée"
                description={sent.message}
              />
              <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-3w')}>
                <li>
                  <Button
                    onClick={() => {
                      setSent(null);
                      setFormKey((k) => k + 1);
                    }}
                  >
                    Donner une autre habilitation
                  </Button>
                </li>
                <li>
                  <Button priority="secondary" linkProps={{ to: paths.users.href() }}>
                    Retour aux utilisateurs
                  </Button>
                </li>
              </ul>
            </div>
          ) : options.length === 0 ? (
            <Alert
              severity="info"
              title="Aucune habilitation à donner"
              description="Vos habilitations actuelles ne vous permettent pas de créer de compte."
            />
          ) : (
            <CreateAccountForm
              key={formKey}
              options={options}
              regions={reference.data?.regions ?? []}
              departments={reference.data?.departments ?? []}
              onCancel={() => navigate(paths.users.href())}
              onCreated={(result) => {
                if (!result.account) return setSent(result);
                navigate(paths.user.href(result.account.id), {
                  state: { notice: result.message } satisfies AccountNotice,
                });
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}

export default UserCreatePage;
