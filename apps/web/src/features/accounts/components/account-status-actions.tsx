import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Account } from '@tdb/contracts';
import { useResendInvitation } from '../api/resend-invitation';
import { useSetAccountDisabled } from '../api/set-account-disabled';
import { ErrorNotice, Notice } from './action-notices';
import { AccountStatusBadge } from './account-status-badge';

/** Access to the service: resend the invitation, disable (after a confirmation) or reactivate. */
export function StatusActions({ account, isSelf }: { account: Account; isSelf: boolean }) {
  const setDisabled = useSetAccountDisabled(account.id);
  const resend = useResendInvitation(account.id);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const error = setDisabled.error ?? resend.error;

  return (
    <section aria-labelledby="statut-titre" className={fr.cx('fr-mt-6w')}>
      <h2 id="statut-titre" className={fr.cx('fr-h4')}>
        Accès au service
      </h2>
      {notice && <Notice text={notice} onClose={() => setNotice(null)} />}
      {error && <ErrorNotice title="L'opération n'a pas abouti" message={error.message} />}
      <p>
        Statut du compte : <AccountStatusBadge status={account.status} />
      </p>
      {confirmDisable ? (
        <Alert
          severity="warning"
          title="Désactiver ce compte ?"
          description={
            <>
              <span>
                {account.firstName} {account.lastName} ne pourra plus se connecter et ses sessions ouvertes
                seront fermées. Vous pourrez réactiver le compte.
              </span>
              <span style={{ display: 'block' }} className={fr.cx('fr-mt-2w')}>
                <Button
                  size="small"
                  disabled={setDisabled.isPending}
                  onClick={() =>
                    setDisabled.mutate(true, {
                      onSuccess: () => {
                        setConfirmDisable(false);
                        setNotice('Le compte est désactivé.');
                      },
                      onError: () => setConfirmDisable(false),
                    })
                  }
                >
                  {setDisabled.isPending ? 'Désactivation…' : 'Confirmer la désactivation'}
                </Button>{' '}
                <Button size="small" priority="secondary" onClick={() => setConfirmDisable(false)}>
                  Annuler
                </Button>
              </span>
            </>
          }
        />
      ) : (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          {account.status === 'INVITED' && (
            <li>
              <Button
                priority="secondary"
                iconId="fr-icon-mail-line"
                disabled={resend.isPending}
                onClick={() => {
                  setDisabled.reset();
                  resend.mutate(undefined, {
                    onSuccess: () => setNotice(`Une nouvelle invitation a été envoyée à ${account.email}.`),
                  });
                }}
              >
                {resend.isPending ? 'Envoi…' : "Renvoyer l'invitation"}
              </Button>
            </li>
          )}
          {account.status === 'DISABLED' ? (
            <li>
              <Button
                priority="secondary"
                disabled={setDisabled.isPending}
                onClick={() => {
                  resend.reset();
                  setDisabled.mutate(false, { onSuccess: () => setNotice('Le compte est réactivé.') });
                }}
              >
                {setDisabled.isPending ? 'Réactivation…' : 'Réactiver le compte'}
              </Button>
            </li>
          ) : (
            !isSelf && (
              <li>
                <Button
                  priority="tertiary"
                  iconId="fr-icon-close-circle-line"
                  onClick={() => {
                    resend.reset();
                    setDisabled.reset();
                    setNotice(null);
                    setConfirmDisable(true);
                  }}
                >
                  Désactiver le compte
                </Button>
              </li>
            )
          )}
        </ul>
      )}
    </section>
  );
}
