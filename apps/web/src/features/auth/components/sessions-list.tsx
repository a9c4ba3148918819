import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { SessionInfo } from '@tdb/contracts';
import { DataTable } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatDateTime } from '@/lib/format';
import { useSessions } from '../api/get-sessions';
import { useDeleteSession } from '../api/delete-session';

/** "Firefox sur Windows" from a user agent string; the raw string when it cannot be read. */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent) return 'Appareil inconnu';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} sur ${system}`;
  return browser ?? system ?? userAgent;
}

/** My open sessions (devices and browsers), with "Fermer" on the others. */
export function SessionsList() {
  const sessions = useSessions();
  const close = useDeleteSession();
  const [closed, setClosed] = useState<string | null>(null);

  if (sessions.isPending) return <PageLoader label="Chargement de vos sessions…" />;
  if (sessions.isError) {
    return (
      <QueryError
        error={sessions.error}
        title="Vos sessions n'ont pas pu être chargées"
        onRetry={() => void sessions.refetch()}
      />
    );
  }
  if (sessions.data.length === 0) {
    return <p>Aucune session ouverte.</p>;
  }

  return (
    <>
      {closed && (
        <Alert className={fr.cx('fr-mb-2w')} severity="success" small role="status" description={closed} />
      )}
      {close.error && (
        <Alert
          className={fr.cx('fr-mb-2w')}
          severity="error"
          small
          role="alert"
          description={`La session n'a pas été fermée : ${close.error.message}`}
        />
      )}
      <DataTable<SessionInfo>
        caption="Mes sessions ouvertes"
        hideCaption
        rows={sessions.data}
        rowKey={(s) => s.id}
        columns={[
          {
            key: 'device',
            header: 'Appareil',
            rowHeader: true,
            cell: (s) => (
              <>
                <span title={s.userAgent ?? undefined}>{deviceLabel(s.userAgent)}</span>
                {s.current && (
                  <>
                    {' '}
                    <Badge as="span" severity="info" small noIcon>
                      Cette session
                    </Badge>
                  </>
                )}
              </>
            ),
          },
          { key: 'ip', header: 'Adresse IP', cell: (s) => s.ipAddress ?? '—' },
          { key: 'created', header: 'Ouverte le', cell: (s) => formatDateTime(s.createdAt) },
          { key: 'used', header: 'Dernière activité', cell: (s) => formatDateTime(s.lastUsedAt) },
          {
            key: 'actions',
            header: <span className="fr-sr-only">Actions</span>,
            cell: (s) =>
              s.current ? null : (
                <Button
                  size="small"
                  priority="secondary"
                  disabled={close.isPending && close.variables === s.id}
                  title={`Fermer la session ${deviceLabel(s.userAgent)} ouverte le ${formatDateTime(s.createdAt)}`}
                  onClick={() =>
                    close.mutate(s.id, {
                      onSuccess: () => setClosed(`La session ${deviceLabel(s.userAgent)} a été fermée.`),
                    })
                  }
                >
                  Fermer
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}
