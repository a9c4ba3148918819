import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { CampaignMailing, CampaignMailingKind } from '@tdb/contracts';
import { DataTable } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatDateTime, formatInteger } from '@/lib/format';
import { useMailings } from '../api/mailings';

export const MAILING_KIND_LABELS: Record<CampaignMailingKind, string> = {
  LAUNCH: 'Lancement',
  REMINDER: 'Relance',
};

/** The emails already sent for the campaign (by one's authority; national: all). */
export function MailingsHistory({ year, kind }: { year: number; kind?: CampaignMailingKind }) {
  const mailings = useMailings(year, kind);
  return (
    <section aria-labelledby="historique-envois" className={fr.cx('fr-mb-4w')}>
      <h2 id="historique-envois" className={fr.cx('fr-h5')}>
        Historique des envois
      </h2>
      {mailings.isPending ? (
        <PageLoader label="Chargement des envois…" />
      ) : mailings.isError ? (
        <QueryError error={mailings.error} onRetry={() => void mailings.refetch()} />
      ) : mailings.data.length === 0 ? (
        <Alert
          severity="info"
          small
          description="Aucun courriel n'a encore été envoyé pour cette campagne."
        />
      ) : (
        <DataTable<CampaignMailing>
          caption="Historique des envois"
          hideCaption
          rows={mailings.data}
          rowKey={(row) => row.id}
          columns={[
            { key: 'sentAt', header: 'Date', rowHeader: true, cell: (row) => formatDateTime(row.sentAt) },
            { key: 'kind', header: 'Type', cell: (row) => MAILING_KIND_LABELS[row.kind] },
            { key: 'organisation', header: 'Au nom de', cell: (row) => row.organisationName },
            {
              key: 'subject',
              header: 'Objet',
              cell: (row) => (
                <details>
                  <summary>{row.subject}</summary>
                  <pre className="tdb-email-text fr-text--sm">{row.body}</pre>
                </details>
              ),
            },
            { key: 'structures', header: 'Structures', cell: (row) => formatInteger(row.structures) },
            { key: 'recipients', header: 'Destinataires', cell: (row) => formatInteger(row.recipients) },
            { key: 'sentBy', header: 'Envoyé par', cell: (row) => row.sentBy ?? '—' },
          ]}
        />
      )}
    </section>
  );
}
