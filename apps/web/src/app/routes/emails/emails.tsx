import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { SentEmail } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { DataTable } from '@/components/ui/data-table';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { formatCount, formatDateTime } from '@/lib/format';
import { useEmails } from '@/features/emails/api/get-emails';
import { EmailReader } from '@/features/emails/components/email-reader';
import { EmailStatusBadge } from '@/features/emails/components/email-status-badge';
import { paths } from '@/lib/paths';

export function EmailsPage() {
  const emails = useEmails();
  const [searchParams, setSearchParams] = useSearchParams();
  const openId = searchParams.get('courriel');
  const readerHeading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<string | null>(null);

  const open = emails.data?.find((e) => e.id === openId) ?? null;

  // Reading an e-mail: the focus goes to its title; closing it gives the focus back to its link.
  useEffect(() => {
    if (open) readerHeading.current?.focus();
  }, [open]);

  const show = (email: SentEmail) => {
    opener.current = email.id;
    setSearchParams({ courriel: email.id }, { preventScrollReset: true });
  };
  const close = () => {
    setSearchParams({}, { preventScrollReset: true });
    const id = opener.current;
    setTimeout(() => {
      if (id) document.querySelector<HTMLElement>(`[data-email-id="${id}"]`)?.focus();
    }, 0);
  };

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Courriels envoyés – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Courriels envoyés"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <div className="tdb-page-header fr-mb-4w">
        <div>
          <h1 className={fr.cx('fr-mb-1w')}>Courriels envoyés</h1>
          <p className={fr.cx('fr-text--lead', 'fr-mb-0')}>
            Les invitations et liens de réinitialisation envoyés par la plateforme, les plus récents d'abord.
            Sans serveur de messagerie configuré, ils sont seulement enregistrés ici.
          </p>
        </div>
        <Button
          priority="secondary"
          iconId="fr-icon-refresh-line"
          disabled={emails.isFetching}
          onClick={() => void emails.refetch()}
        >
          Actualiser
        </Button>
      </div>

      {emails.isPending ? (
        <PageLoader label="Chargement des courriels…" />
      ) : emails.isError ? (
        <QueryError error={emails.error} headingAs="h2" onRetry={() => void emails.refetch()} />
      ) : emails.data.length === 0 ? (
        <Alert
          severity="info"
          title="Aucun courriel"
          as="h2"
          description="La plateforme n'a encore envoyé aucun courriel."
        />
      ) : (
        <>
          {openId && !open && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="warning"
              small
              description="Ce courriel n'est plus dans la liste."
            />
          )}
          {open && (
            <div className={fr.cx('fr-mb-4w')}>
              <EmailReader ref={readerHeading} email={open} onClose={close} />
            </div>
          )}
          <DataTable<SentEmail>
            caption={`Courriels envoyés (${formatCount(emails.data.length, 'courriel', 'courriels')})`}
            rows={emails.data}
            rowKey={(e) => e.id}
            busy={emails.isFetching}
            columns={[
              { key: 'date', header: 'Date', cell: (e) => formatDateTime(e.createdAt) },
              { key: 'to', header: 'Destinataire', cell: (e) => e.to },
              {
                key: 'subject',
                header: 'Objet',
                rowHeader: true,
                cell: (e) => (
                  <a
                    href={`?courriel=${encodeURIComponent(e.id)}`}
                    data-email-id={e.id}
                    aria-current={e.id === openId ? 'true' : undefined}
                    onClick={(event) => {
                      event.preventDefault();
                      show(e);
                    }}
                  >
                    {e.subject}
                  </a>
                ),
              },
              { key: 'status', header: 'Statut', cell: (e) => <EmailStatusBadge status={e.status} /> },
            ]}
          />
        </>
      )}
    </div>
  );
}

export default EmailsPage;
