import { useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { NotFound } from '@/components/ui/not-found';
import { DefinitionList } from '@/components/ui/definition-list';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { isApiClientError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/auth-provider';
import { formatDateTime, formatPhone } from '@/lib/format';
import { useAccount } from '@/features/accounts/api/get-account';
import { AccountIdentityForm } from '@/features/accounts/components/account-identity-form';
import { AccountStatusBadge } from '@/features/accounts/components/account-status-badge';
import { accountName } from '@/features/accounts/components/accounts-table';
import { Notice } from '@/features/accounts/components/action-notices';
import { StatusActions } from '@/features/accounts/components/account-status-actions';
import { GrantsSection } from '@/features/accounts/components/grants-section';
import type { AccountNotice } from './user-create';
import { paths } from '@/lib/paths';

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
