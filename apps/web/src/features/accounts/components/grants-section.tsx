import { useEffect, useMemo, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Account, Grant } from '@tdb/contracts';
import { ROLE_LABELS } from '@tdb/access';
import { useAuth } from '@/lib/auth/auth-provider';
import { parisToday } from '@/lib/auth/permissions';
import { useReference } from '@/lib/api/get-reference';
import { useRemoveGrant } from '../api/remove-grant';
import { DUPLICATE_PRINCIPAL_TEXT } from '../utils/principal-seat';
import { grantTargetOptions } from '../utils/grant-targets';
import { AddGrantForm } from './add-grant-form';
import { ErrorNotice, Notice } from './action-notices';
import { GrantsTable } from './grants-table';

/** An account's grants: listed, removed after a confirmation, added through the form. */
export function GrantsSection({ account, canAdd }: { account: Account; canAdd: boolean }) {
  const { account: me } = useAuth();
  const reference = useReference();
  const options = useMemo(() => (me ? grantTargetOptions(me, parisToday()) : []), [me]);
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<Grant | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useRemoveGrant(account.id);
  const addButton = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const label = (g: Grant) => `${ROLE_LABELS[g.role]} – ${g.organisationLabel}`;

  return (
    <section aria-labelledby="habilitations-titre" className={fr.cx('fr-mt-6w')}>
      <div className="tdb-results-header">
        <h2 id="habilitations-titre" className={fr.cx('fr-h4', 'fr-mb-0')}>
          Habilitations
        </h2>
        {canAdd && options.length > 0 && !adding && (
          <Button
            ref={addButton}
            priority="secondary"
            iconId="fr-icon-add-line"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Ajouter une habilitation
          </Button>
        )}
      </div>

      {notice && <Notice text={notice} onClose={() => setNotice(null)} />}
      {remove.error && (
        <ErrorNotice
          title={
            remove.error.statusCode === 409
              ? 'Cette habilitation ne peut pas être retirée'
              : "L'habilitation n'a pas été retirée"
          }
          message={remove.error.message}
        />
      )}

      {confirming && (
        <div ref={confirmRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="warning"
            title="Retirer cette habilitation ?"
            description={
              <>
                <span>
                  « {label(confirming)} » sera retirée du compte de {account.firstName} {account.lastName}.
                </span>
                <span style={{ display: 'block' }} className={fr.cx('fr-mt-2w')}>
                  <Button
                    size="small"
                    iconId="fr-icon-delete-bin-line"
                    disabled={remove.isPending}
                    onClick={() =>
                      remove.mutate(confirming.id, {
                        onSuccess: () => {
                          setNotice(`L'habilitation « ${label(confirming)} » a été retirée.`);
                          setConfirming(null);
                        },
                        onError: () => setConfirming(null),
                      })
                    }
                  >
                    {remove.isPending ? 'Retrait…' : 'Confirmer le retrait'}
                  </Button>{' '}
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={() => setConfirming(null)}
                    disabled={remove.isPending}
                  >
                    Annuler
                  </Button>
                </span>
              </>
            }
          />
        </div>
      )}

      {account.grants.length === 0 ? (
        <Alert
          severity="info"
          small
          description="Ce compte n'a aucune habilitation : il ne donne accès à rien."
        />
      ) : (
        <>
          {account.grants.some((g) => g.duplicatePrincipal) && (
            <Alert
              className={fr.cx('fr-mb-2w')}
              severity="warning"
              small
              description={DUPLICATE_PRINCIPAL_TEXT}
            />
          )}
          <GrantsTable
            grants={account.grants}
            caption={`Habilitations de ${account.firstName} ${account.lastName}`}
            hideCaption
            today={parisToday()}
            actions={
              canAdd
                ? (g) => (
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-delete-bin-line"
                      title={`Retirer l'habilitation ${label(g)}`}
                      onClick={() => {
                        remove.reset();
                        setNotice(null);
                        setConfirming(g);
                      }}
                    >
                      Retirer
                    </Button>
                  )
                : undefined
            }
          />
        </>
      )}

      {adding && (
        <div className={fr.cx('fr-mt-4w')}>
          <AddGrantForm
            accountId={account.id}
            options={options}
            regions={reference.data?.regions ?? []}
            departments={reference.data?.departments ?? []}
            onCancel={() => {
              setAdding(false);
              setTimeout(() => addButton.current?.focus(), 0);
            }}
            onAdded={() => {
              setAdding(false);
              setNotice("L'habilitation a été ajoutée.");
            }}
          />
        </div>
      )}
    </section>
  );
}
