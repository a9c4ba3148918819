import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { FORM_DOMAIN_LABELS, RIGHT_LABELS, ROLE_LABELS } from '@tdb/access';
import type { GrantInvitationInfo } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { isApiClientError } from '@/lib/api-client';
import { formatDate, formatDateTime } from '@/lib/format';
import { DefinitionList, type DefinitionItem } from '@/components/ui/definition-list';
import { useAnswerGrantInvitation, useGrantInvitation } from '@/features/accounts/api/grant-invitation';
import { useAuth } from '@/lib/auth/auth-provider';
import { parisToday } from '@/lib/auth/permissions';
import { getMeQueryOptions } from '@/features/auth/api/get-me';
import { paths } from '@/lib/paths';

const TITLE = 'Habilitation proposée';

function Offer({ info }: { info: GrantInvitationInfo }) {
  const rights =
    info.role === 'USER'
      ? `${info.rights.map((r) => RIGHT_LABELS[r]).join(', ')}${
          info.entryDomains?.length
            ? ` (saisie : ${info.entryDomains.map((d) => FORM_DOMAIN_LABELS[d]).join(', ')})`
            : ''
        }`
      : null;
  const items: DefinitionItem[] = [
    { term: 'Rôle', value: ROLE_LABELS[info.role] },
    { term: 'Organisation', value: info.organisationLabel },
    ...(rights ? [{ term: 'Droits', value: rights }] : []),
    {
      term: 'Validité',
      value: `${info.validFrom ? `du ${formatDate(info.validFrom)} ` : ''}${
        info.validUntil ? `jusqu'au ${formatDate(info.validUntil)}` : 'sans date de fin'
      }`,
    },
    { term: 'Proposée par', value: info.invitedBy ?? 'un administrateur' },
    { term: 'Pour le compte', value: info.email },
  ];
  return <DefinitionList items={items} />;
}

const DONE: Record<
  Exclude<GrantInvitationInfo['status'], 'PENDING'>,
  { severity: 'success' | 'info' | 'error'; title: string; text: string }
> = {
  ACCEPTED: {
    severity: 'success',
    title: 'Habilitation acceptée',
    text: 'Elle est active sur votre compte : connectez-vous pour l’utiliser.',
  },
  DECLINED: {
    severity: 'info',
    title: 'Habilitation refusée',
    text: 'Rien n’a changé sur votre compte. La personne qui vous l’a proposée en est informée.',
  },
  EXPIRED: {
    severity: 'error',
    title: 'Cette proposition n’est plus valable',
    text: 'Elle a expiré ou a été remplacée par une plus récente. Demandez à la personne qui vous l’a faite de la renouveler.',
  },
};

/** The page of the emailed link: what is offered, by whom, and the two answers. */
export function GrantInvitationPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton')?.trim() ?? '';
  const info = useGrantInvitation(token);
  const answer = useAnswerGrantInvitation(token);
  const { account, signOut } = useAuth();
  const navigate = useNavigate();
  // Signed in with the account the offer was for: the grant is already active (the API reads
  // grants at every request), so the page says so and leads on instead of asking for a sign-in.
  const ownOffer =
    account !== null &&
    info.data !== undefined &&
    account.email.toLowerCase() === info.data.email.toLowerCase();
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answer.isSuccess || answer.isError) resultRef.current?.focus();
  }, [answer.isSuccess, answer.isError]);
  const queryClient = useQueryClient();
  const accepted = answer.data?.status === 'ACCEPTED';
  useEffect(() => {
    // The menus and rights of the session follow the new grant at once (getMe updates its copy).
    if (accepted && ownOffer)
      void queryClient.fetchQuery({ ...getMeQueryOptions(), staleTime: 0 }).catch(() => undefined);
  }, [accepted, ownOffer, queryClient]);

  let content;
  if (token === '') {
    content = (
      <Alert
        severity="error"
        as="h2"
        title="Lien incomplet"
        description="Il manque le jeton : ouvrez le lien reçu par courriel en entier, ou copiez-le dans la barre d'adresse."
      />
    );
  } else if (info.isPending) {
    content = <PageLoader label="Vérification du lien…" />;
  } else if (info.isError) {
    content =
      isApiClientError(info.error) && info.error.statusCode === 404 ? (
        <Alert severity="error" as="h2" title="Lien inconnu" description={info.error.message} />
      ) : (
        <QueryError error={info.error} headingAs="h2" onRetry={() => void info.refetch()} />
      );
  } else if (info.data.status !== 'PENDING') {
    const { validFrom } = info.data;
    const startsLater = validFrom !== null && validFrom > parisToday();
    const done =
      info.data.status !== 'ACCEPTED'
        ? DONE[info.data.status]
        : startsLater
          ? { ...DONE.ACCEPTED, text: `Elle prendra effet sur votre compte le ${formatDate(validFrom)}.` }
          : ownOffer
            ? { ...DONE.ACCEPTED, text: 'Elle est active sur votre compte dès maintenant.' }
            : DONE.ACCEPTED;
    content = (
      <div ref={resultRef} tabIndex={-1}>
        <Alert
          className={fr.cx('fr-mb-3w')}
          severity={done.severity}
          as="h2"
          role="status"
          title={done.title}
          description={done.text}
        />
        <Offer info={info.data} />
        <p className={fr.cx('fr-mt-3w')}>
          {ownOffer ? (
            <Link to={paths.home.href()} className={fr.cx('fr-link')}>
              Aller à l’accueil
            </Link>
          ) : account ? (
            // Signed in as someone else: the sign-in page would send them home, so sign out first.
            <Button
              priority="secondary"
              onClick={() => void signOut().then(() => navigate(paths.login.href()))}
            >
              {`Se déconnecter pour se connecter avec le compte ${info.data.email}`}
            </Button>
          ) : (
            <Link to={paths.login.href()} className={fr.cx('fr-link')}>
              Se connecter
            </Link>
          )}
        </p>
      </div>
    );
  } else {
    content = (
      <>
        <p className={fr.cx('fr-text--lead')}>
          On vous propose une habilitation sur TDB. Elle ne prendra effet que si vous l’acceptez.
        </p>
        {info.data.principalTransfer && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="info"
            small
            description="Vous deviendrez l’administrateur principal de cette organisation, à la place de la personne qui l’est aujourd’hui : une organisation n’en a qu’un. Elle en sera informée par courriel."
          />
        )}
        <Offer info={info.data} />
        <p className={fr.cx('fr-text--sm')}>
          Proposition valable jusqu'au {formatDateTime(info.data.expiresAt)}.
        </p>
        {answer.isError && (
          <div ref={resultRef} tabIndex={-1}>
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="error"
              role="alert"
              small
              description={answer.error.message}
            />
          </div>
        )}
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          <li>
            <Button disabled={answer.isPending} onClick={() => answer.mutate('accept')}>
              Accepter l’habilitation
            </Button>
          </li>
          <li>
            <Button priority="secondary" disabled={answer.isPending} onClick={() => answer.mutate('decline')}>
              Refuser
            </Button>
          </li>
        </ul>
        <p className={fr.cx('fr-text--sm')}>
          Vous ne connaissez pas la personne qui vous la propose ? Refusez, ou ignorez simplement ce lien.
        </p>
      </>
    );
  }

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <title>{`${TITLE} – ${SERVICE_TITLE}`}</title>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
          <h1>{TITLE}</h1>
          {content}
        </div>
      </div>
    </div>
  );
}

export default GrantInvitationPage;
