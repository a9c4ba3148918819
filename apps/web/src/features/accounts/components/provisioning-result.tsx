import { useEffect, useRef } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ProvisioningLineResult, ProvisioningReport } from '@tdb/contracts';
import { DataTable } from '@/components/ui/data-table';
import type { ApiClientError } from '@/lib/api-client';
import { formatCount } from '@/lib/format';
import { OUTCOME_LABELS, OUTCOME_SEVERITIES, TRANSFER_OUTCOMES } from '../utils/provisioning';

interface LineError {
  line: number;
  message: string;
}

/** The file was rejected (422): the lines to correct, and the statement that nothing was created. */
export function ProvisioningErrors({ error }: { error: ApiClientError }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [error]);
  const lines: LineError[] = (error.errors ?? []).flatMap((e) =>
    typeof e.line === 'number' ? [{ line: e.line, message: e.message }] : [],
  );
  const rejected = error.code === 'IMPORT_REJECTED';

  return (
    <div ref={ref} tabIndex={-1}>
      <Alert
        className={fr.cx('fr-mb-3w')}
        severity="error"
        role="alert"
        as="h2"
        title={
          rejected
            ? 'Le fichier a été rejeté : aucun compte n’a été créé'
            : error.statusCode === 403
              ? "Vous ne pouvez pas importer d'APE"
              : "Le fichier n'a pas pu être importé"
        }
        description={
          rejected
            ? `${error.message} Corrigez ${lines.length > 1 ? 'les lignes ci-dessous' : 'la ligne ci-dessous'} dans votre fichier, puis importez-le de nouveau.`
            : error.message
        }
      />
      {lines.length > 0 && (
        <DataTable<LineError>
          caption={`Lignes à corriger (${formatCount(lines.length, 'ligne', 'lignes')})`}
          bordered
          columns={[
            { key: 'line', header: 'Ligne', rowHeader: true, cell: (e) => e.line },
            { key: 'message', header: 'Erreur', cell: (e) => e.message },
          ]}
          rows={lines}
          rowKey={(e) => `${e.line}-${e.message}`}
        />
      )}
    </div>
  );
}

/** The file was applied: the counts, and what each line did. */
export function ProvisioningReportView({ report }: { report: ProvisioningReport }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [report]);

  return (
    <div ref={ref} tabIndex={-1}>
      <Alert
        className={fr.cx('fr-mb-3w')}
        severity="success"
        role="status"
        as="h2"
        title="Le fichier a été importé"
        description={
          <ul className={fr.cx('fr-mb-0')}>
            <li>
              {formatCount(report.invited, 'invitation envoyée', 'invitations envoyées')} (nouveaux comptes,
              ou habilitation proposée à une personne dont vous ne gérez pas le compte : elle prend effet
              quand la personne l'accepte)
            </li>
            <li>
              {formatCount(
                report.grantsAdded,
                'habilitation APE ajoutée à un compte existant',
                'habilitations APE ajoutées à des comptes existants',
              )}
            </li>
            <li>{formatCount(report.unchanged, 'ligne sans changement', 'lignes sans changement')}</li>
          </ul>
        }
      />
      {report.lines.length > 0 && (
        <DataTable<ProvisioningLineResult>
          caption={`Résultat par ligne (${formatCount(report.lines.length, 'ligne', 'lignes')})`}
          bordered
          columns={[
            { key: 'line', header: 'Ligne', rowHeader: true, cell: (l) => l.line },
            { key: 'finess', header: 'FINESS', cell: (l) => <span className="tdb-code">{l.finess}</span> },
            { key: 'email', header: 'Courriel', cell: (l) => l.email },
            {
              key: 'outcome',
              header: 'Résultat',
              cell: (l) => (
                <>
                  <Badge as="span" severity={OUTCOME_SEVERITIES[l.outcome]} small noIcon>
                    {OUTCOME_LABELS[l.outcome]}
                  </Badge>
                  {l.transfer && (
                    <span className="fr-text--sm"> — transfert : {TRANSFER_OUTCOMES[l.transfer]}</span>
                  )}
                </>
              ),
            },
          ]}
          rows={report.lines}
          rowKey={(l) => String(l.line)}
        />
      )}
    </div>
  );
}
