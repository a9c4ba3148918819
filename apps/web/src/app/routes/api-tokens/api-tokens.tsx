import { useEffect, useMemo, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ApiTokenInfo, CreatedApiToken } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useAuth } from '@/lib/auth/auth-provider';
import { parisToday } from '@/lib/auth/permissions';
import { formatCount } from '@/lib/format';
import { useReference } from '@/lib/api/get-reference';
import { useApiTokens } from '@/features/api-tokens/api/get-api-tokens';
import { useRevokeApiToken } from '@/features/api-tokens/api/revoke-api-token';
import { ApiTokensTable } from '@/features/api-tokens/components/api-tokens-table';
import { ApiTokenUsage } from '@/features/api-tokens/components/api-token-usage';
import { CreateApiTokenForm } from '@/features/api-tokens/components/create-api-token-form';
import { CreatedTokenAlert } from '@/features/api-tokens/components/created-token-alert';
import { apiTokenStatus, tokenOrganisationChoices } from '@/features/api-tokens/utils/token-status';
import { paths } from '@/lib/paths';

/** A message announced where the focus is taken. */
function FocusedNotice({ severity, text }: { severity: 'success' | 'error'; text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [text]);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
      <Alert severity={severity} small role={severity === 'error' ? 'alert' : 'status'} description={text} />
    </div>
  );
}

export function ApiTokensPage() {
  const { account } = useAuth();
  const today = parisToday();
  const choices = useMemo(
    () => (account ? tokenOrganisationChoices(account, today) : { any: false, own: [] }),
    [account, today],
  );
  const reference = useReference();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [confirming, setConfirming] = useState<ApiTokenInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const now = new Date();

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Jetons d'API – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Jetons d'API"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Jetons d'API</h1>
      <p className={fr.cx('fr-text--lead')}>
        Des jetons pour que les applications de votre ARS ou de votre Département lisent les données du
        tableau de bord par l'API, sans compte personnel.
      </p>

      {created && <CreatedTokenAlert token={created} onDone={() => setCreated(null)} />}

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-7')}>
          {reference.isError && choices.any && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="warning"
              small
              description={`Les listes des régions et départements n'ont pas pu être chargées : ${reference.error.message}`}
            />
          )}
          <CreateApiTokenForm
            choices={choices}
            regions={reference.data?.regions ?? []}
            departments={reference.data?.departments ?? []}
            today={today}
            onCreated={(token) => {
              setNotice(null);
              revoke.reset();
              setCreated(token);
            }}
          />
        </div>
        <section aria-labelledby="utilisation-titre" className={fr.cx('fr-col-12', 'fr-col-lg-5')}>
          <h2 id="utilisation-titre" className={fr.cx('fr-h5')}>
            Utiliser un jeton
          </h2>
          <ApiTokenUsage />
        </section>
      </div>

      <section aria-labelledby="jetons-titre" className={fr.cx('fr-mt-6w')}>
        <h2 id="jetons-titre" className={fr.cx('fr-h4')}>
          {tokens.data ? formatCount(tokens.data.length, 'jeton', 'jetons') : 'Jetons'}
        </h2>
        {notice && <FocusedNotice severity="success" text={notice} />}
        {revoke.error && (
          <FocusedNotice severity="error" text={`Le jeton n'a pas été révoqué : ${revoke.error.message}`} />
        )}
        {confirming && (
          <div ref={confirmRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
            <Alert
              severity="warning"
              title={`Révoquer le jeton « ${confirming.name} » ?`}
              description={
                <>
                  <span>
                    Les applications qui l'utilisent seront refusées immédiatement. Cette action est
                    définitive : pour rétablir l'accès, il faudra créer un nouveau jeton.
                  </span>
                  <span style={{ display: 'block' }} className={fr.cx('fr-mt-2w')}>
                    <Button
                      size="small"
                      iconId="fr-icon-delete-bin-line"
                      disabled={revoke.isPending}
                      onClick={() =>
                        revoke.mutate(confirming.id, {
                          onSuccess: (revoked) => {
                            setNotice(`Le jeton « ${revoked.name} » est révoqué.`);
                            setConfirming(null);
                          },
                          onError: () => setConfirming(null),
                        })
                      }
                    >
                      {revoke.isPending ? 'Révocation…' : 'Confirmer la révocation'}
                    </Button>{' '}
                    <Button
                      size="small"
                      priority="secondary"
                      disabled={revoke.isPending}
                      onClick={() => setConfirming(null)}
                    >
                      Annuler
                    </Button>
                  </span>
                </>
              }
            />
          </div>
        )}
        {tokens.isPending ? (
          <PageLoader label="Chargement des jetons…" />
        ) : tokens.isError ? (
          <QueryError
            error={tokens.error}
            title="La liste des jetons n'a pas pu être chargée"
            onRetry={() => void tokens.refetch()}
          />
        ) : tokens.data.length === 0 ? (
          <Alert
            severity="info"
            small
            description="Aucun jeton n'a encore été créé : créez-en un pour chaque application qui doit lire les données."
          />
        ) : (
          <ApiTokensTable
            tokens={tokens.data}
            now={now}
            busy={tokens.isFetching}
            actions={(token) =>
              apiTokenStatus(token, now) === 'ACTIVE' ? (
                <Button
                  size="small"
                  priority="tertiary"
                  iconId="fr-icon-delete-bin-line"
                  title={`Révoquer le jeton ${token.name}`}
                  onClick={() => {
                    revoke.reset();
                    setNotice(null);
                    setConfirming(token);
                  }}
                >
                  Révoquer
                </Button>
              ) : null
            }
          />
        )}
      </section>
    </div>
  );
}

export default ApiTokensPage;
