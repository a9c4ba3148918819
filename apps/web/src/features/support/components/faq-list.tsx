import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FaqEntryDto } from '@tdb/contracts';
import { formatDate } from '@/lib/format';
import { usePublishNationally, useWithdrawFaqEntry } from '../api/faq';

function FaqEntry({
  year,
  entry,
  canPublishNationally,
}: {
  year: number;
  entry: FaqEntryDto;
  canPublishNationally: boolean;
}) {
  const publish = usePublishNationally(year);
  const withdraw = useWithdrawFaqEntry(year);
  const [confirming, setConfirming] = useState(false);
  return (
    <Accordion label={entry.question} titleAs="h3">
      <p style={{ whiteSpace: 'pre-wrap' }}>{entry.answer}</p>
      <div className={fr.cx('fr-text--xs', 'fr-mb-2w')}>
        {entry.level === 'NATIONAL' ? (
          <Badge as="span" small noIcon severity="info">
            FAQ nationale
          </Badge>
        ) : (
          <Badge as="span" small noIcon>
            {`FAQ ${entry.regionName ?? entry.regionCode ?? ''}`}
          </Badge>
        )}{' '}
        {entry.proposedNational && (
          <Badge as="span" small noIcon severity="new">
            Proposée à la FAQ nationale
          </Badge>
        )}{' '}
        {entry.authorityName} · {formatDate(entry.publishedAt)}
        {entry.itemCode && ` · donnée ${entry.itemCode}`}
        {entry.indicatorCode && ` · indicateur ${entry.indicatorCode}`}
      </div>
      {canPublishNationally && entry.level === 'REGION' && (
        <>
          <Button
            size="small"
            priority="secondary"
            disabled={publish.isPending}
            onClick={() => publish.mutate(entry.id)}
          >
            Publier dans la FAQ nationale
          </Button>
          {publish.error && <Alert severity="error" small role="alert" description={publish.error.message} />}
        </>
      )}
      {entry.canWithdraw &&
        (confirming ? (
          <div className={fr.cx('fr-mt-2w')}>
            <p className={fr.cx('fr-text--sm')}>
              Retirer cette question-réponse de la FAQ ? La question reste dans la file.
            </p>
            <Button
              size="small"
              disabled={withdraw.isPending}
              onClick={() => withdraw.mutate({ id: entry.id, version: entry.version })}
            >
              Confirmer le retrait
            </Button>{' '}
            <Button size="small" priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </div>
        ) : (
          <Button
            size="small"
            priority="tertiary"
            className={fr.cx('fr-mt-2w')}
            onClick={() => setConfirming(true)}
          >
            Retirer de la FAQ
          </Button>
        ))}
      {withdraw.error && <Alert severity="error" small role="alert" description={withdraw.error.message} />}
    </Accordion>
  );
}

/** The FAQ entries, as DSFR accordions: the question as title, the answer inside. */
export function FaqList({
  year,
  entries,
  canPublishNationally = false,
}: {
  year: number;
  entries: readonly FaqEntryDto[];
  canPublishNationally?: boolean;
}) {
  return (
    <div className={fr.cx('fr-accordions-group')}>
      {entries.map((entry) => (
        <FaqEntry key={entry.id} year={year} entry={entry} canPublishNationally={canPublishNationally} />
      ))}
    </div>
  );
}
