import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { TokenInfo } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { isApiClientError, type ApiClientError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useTokenInfo } from '@/features/auth/api/get-token-info';
import { useAcceptInvitation } from '@/features/auth/api/accept-invitation';
import { useResetPassword } from '@/features/auth/api/reset-password';
import { ProviderSignIn } from '@/features/auth/components/provider-sign-in';
import { SetPasswordForm } from '@/features/auth/components/set-password-form';
import { paths } from '@/lib/paths';

type Purpose = TokenInfo['purpose'];

const TEXTS: Record<Purpose, { title: string; submit: string; success: string }> = {
  INVITATION: {
    title: 'Activer votre compte',
    submit: 'Activer mon compte',
    success:
      'Votre compte est activé. Vous pouvez maintenant vous connecter avec votre adresse électronique et ce mot de passe.',
  },
  PASSWORD_RESET: {
    title: 'Choisir un nouveau mot de passe',
    submit: 'Enregistrer le mot de passe',
    success:
      'Votre nouveau mot de passe est enregistré et toutes vos sessions ouvertes ont été fermées. Vous pouvez maintenant vous connecter.',
  },
};

/** A link that was used already or has expired (410), or an incomplete link: what to do now. */
function InvalidLink({ purpose, message }: { purpose: Purpose; message: string }) {
  return (
    <>
      <Alert severity="error" as="h2" role="alert" title="Ce lien n'est plus valide" description={message} />
      <p className={fr.cx('fr-mt-3w')}>
        {purpose === 'INVITATION'
          ? "Les liens d'invitation ne servent qu'une fois et pour une durée limitée. Demandez à l'administrateur qui a créé votre compte de vous renvoyer une invitation ; si votre compte est déjà activé, demandez un lien pour choisir un nouveau mot de passe."
          : 'Les liens de réinitialisation ne servent qu’une fois et pour une durée limitée. Demandez-en un nouveau.'}
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button linkProps={{ to: paths.forgotPassword.href() }}>Demander un nouveau lien</Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: paths.login.href() }}>
            Se connecter
          </Button>
        </li>
      </ul>
    </>
  );
}

function isGone(error: unknown): error is ApiClientError {
  return isApiClientError(error) && (error.statusCode === 410 || error.code === 'TOKEN_INVALID');
}

function SetPasswordPage({ purpose }: { purpose: Purpose }) {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton')?.trim() ?? '';
  const info = useTokenInfo(token);
  const accept = useAcceptInvitation();
  const reset = useResetPassword();
  const mutation = purpose === 'INVITATION' ? accept : reset;
  const texts = TEXTS[purpose];
  const successRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (mutation.isSuccess) successRef.current?.focus();
  }, [mutation.isSuccess]);

  let content;
  if (token === '') {
    content = (
      <InvalidLink
        purpose={purpose}
        message="Le lien est incomplet : il manque le jeton. Ouvrez le lien reçu par courriel en entier, ou copiez-le dans la barre d'adresse."
      />
    );
  } else if (info.isPending) {
    content = <PageLoader label="Vérification du lien…" />;
  } else if (info.isError) {
    content = isGone(info.error) ? (
      <InvalidLink purpose={purpose} message={info.error.message} />
    ) : (
      <QueryError error={info.error} headingAs="h2" onRetry={() => void info.refetch()} />
    );
  } else if (mutation.isSuccess) {
    content = (
      <div ref={successRef} tabIndex={-1}>
        <Alert
          severity="success"
          as="h2"
          role="status"
          title="Mot de passe enregistré"
          description={texts.success}
        />
        <p className={fr.cx('fr-mt-3w')}>
          <Link to={paths.login.href()} className={fr.cx('fr-link')}>
            Se connecter
          </Link>
        </p>
      </div>
    );
  } else if (isGone(mutation.error)) {
    content = <InvalidLink purpose={purpose} message={mutation.error.message} />;
  } else {
    const data = info.data;
    content = (
      <>
        <p className={fr.cx('fr-text--lead')}>
          Bonjour {data.firstName}, choisissez votre mot de passe pour {data.email}
        </p>
        <p className={fr.cx('fr-text--sm')}>Ce lien est valable jusqu'au {formatDateTime(data.expiresAt)}.</p>
        {purpose === 'INVITATION' && (
          <ProviderSignIn
            invitation={token}
            intro="Activez votre compte en vous identifiant : vous vous connecterez ensuite de la même façon, sans mot de passe TDB."
          />
        )}
        <div className="tdb-panel">
          <SetPasswordForm
            info={data}
            submitLabel={texts.submit}
            pending={mutation.isPending}
            error={mutation.error}
            onSubmit={(password) => mutation.mutate({ token, password })}
          />
        </div>
      </>
    );
  }

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <title>{`${texts.title} – ${SERVICE_TITLE}`}</title>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
          <h1>{texts.title}</h1>
          {content}
        </div>
      </div>
    </div>
  );
}

export function InvitationPage() {
  return <SetPasswordPage purpose="INVITATION" />;
}

export function ResetPasswordPage() {
  return <SetPasswordPage purpose="PASSWORD_RESET" />;
}
