import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Account, Grant } from '@tdb/contracts';
import { ROLE_LABELS } from '@tdb/access';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { NotFound } from '@/components/ui/not-found';
import { DefinitionList } from '@/components/ui/definition-list';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { isApiClientError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/auth-provider';
import { parisToday } from '@/lib/auth/permissions';
import { formatDateTime, formatPhone } from '@/lib/format';
import { useReference } from '@/lib/api/get-reference';
import { useAccount } from '@/features/accounts/api/get-account';
import { useRemoveGrant } from '@/features/accounts/api/remove-grant';
import { useSetAccountDisabled } from '@/features/accounts/api/set-account-disabled';
import { useResendInvitation } from '@/features/accounts/api/resend-invitation';
import { AccountIdentityForm } from '@/features/accounts/components/account-identity-form';
import { AccountStatusBadge } from '@/features/accounts/components/account-status-badge';
import { accountName } from '@/features/accounts/components/accounts-table';
import { AddGrantForm } from '@/features/accounts/components/add-grant-form';
import { GrantsTable } from '@/features/accounts/components/grants-table';
import { DUPLICATE_PRINCIPAL_TEXT } from '@/features/accounts/utils/principal-seat';
import { grantTargetOptions } from '@/features/accounts/utils/grant-targets';
import type { AccountNotice } from './user-create';
import { paths } from '@/lib/paths';

/** A message announced where the focus is taken (role=status), closable. */
function Notice({ text, onClose }: { text: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [text]);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
      <Alert severity="success" small role="status" description={text} closable onClose={onClose} />
    </div>
  );
}

function ErrorNotice({ title, message }: { title: string; message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
      <Alert severity="error" role="alert" title={title} description={message} />
    </div>
  );
}

function GrantsSection({ account, canAdd }: { account: Account; canAdd: boolean }) {
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

function StatusActions({ account, isSelf }: { account: Account; isSelf: boolean }) {
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

export function UserPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { account: me } = useAuth();
  const account = useAccount(id);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(
    (location.state as AccountNotice | null)?.notice ?? null,
  );
  const editButton = useRef<HTMLButtonElement>(null);

  if (account.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement du compte…" />
      </div>
    );
  }
  if (account.isError) {
    if (isApiClientError(account.error) && account.error.statusCode === 404) {
      return (
        <NotFound
          title="Compte introuvable"
          lead={account.error.message}
          backTo={{ to: paths.users.href(), label: 'Revenir aux utilisateurs' }}
        />
      );
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Compte</h1>
        <QueryError error={account.error} headingAs="h2" onRetry={() => void account.refetch()} />
      </div>
    );
  }

  const data = account.data;
  const name = accountName(data);
  const isSelf = me?.id === data.id;

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`${name} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={name}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Utilisateurs', linkProps: { to: paths.users.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      {notice && <Notice text={notice} onClose={() => setNotice(null)} />}
      <p className={fr.cx('fr-mb-1w')}>
        <AccountStatusBadge status={data.status} />
      </p>
      <h1 className={fr.cx('fr-mb-1w')}>{name}</h1>
      <p className={fr.cx('fr-text--lg')}>{data.email}</p>
      {isSelf && (
        <p className={fr.cx('fr-text--sm')}>
          C'est votre compte : votre mot de passe et vos sessions se gèrent depuis « Mon compte ».
        </p>
      )}

      <section aria-labelledby="identite-titre" className={fr.cx('fr-mt-4w')}>
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
                setNotice(null);
                setEditing(true);
              }}
            >
              Modifier
            </Button>
          )}
        </div>
        {editing ? (
          <AccountIdentityForm
            account={data}
            onCancel={() => {
              setEditing(false);
              setTimeout(() => editButton.current?.focus(), 0);
            }}
            onDone={() => {
              setEditing(false);
              setNotice("L'identité du compte a été mise à jour.");
            }}
          />
        ) : (
          <div className="tdb-panel">
            <DefinitionList
              items={[
                { term: 'Prénom', value: data.firstName },
                { term: 'Nom', value: data.lastName },
                { term: 'Adresse électronique', value: data.email },
                { term: 'Téléphone', value: formatPhone(data.phone) },
                {
                  term: 'Dernière connexion',
                  value: data.lastLoginAt ? formatDateTime(data.lastLoginAt) : 'Jamais',
                },
                { term: 'Compte créé le', value: formatDateTime(data.createdAt) },
              ]}
            />
          </div>
        )}
      </section>

      <GrantsSection account={data} canAdd />
      <StatusActions account={data} isSelf={isSelf} />
    </div>
  );
}

export default UserPage;
