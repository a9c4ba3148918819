import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { CampaignJobDto } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatDateTime, formatInteger } from '@/lib/format';
import { isActiveJob, useCampaignJobs, useRecomputeIndicators } from '../api/campaign-jobs';

const STATUS_LABELS: Record<CampaignJobDto['status'], string> = {
  QUEUED: 'En attente',
  RUNNING: 'En cours',
  DONE: 'Terminé',
  FAILED: 'Échec',
};
const STATUS_SEVERITIES: Record<CampaignJobDto['status'], 'info' | 'success' | 'error' | 'new'> = {
  QUEUED: 'new',
  RUNNING: 'info',
  DONE: 'success',
  FAILED: 'error',
};

export function jobProgress(job: Pick<CampaignJobDto, 'done' | 'total' | 'status'>): number {
  if (job.total <= 0) return job.status === 'DONE' ? 100 : 0;
  return Math.min(100, Math.floor((job.done / job.total) * 100));
}

function JobItem({ job }: { job: CampaignJobDto }) {
  const progress = jobProgress(job);
  const counts = `${formatInteger(job.done)} / ${formatInteger(job.total)} structures (${progress}\u00a0%)`;
  return (
    <li className="tdb-job">
      <p className={fr.cx('fr-mb-1v')}>
        <Badge as="span" small noIcon severity={STATUS_SEVERITIES[job.status]}>
          {STATUS_LABELS[job.status]}
        </Badge>{' '}
        Recalcul lancé le {formatDateTime(job.createdAt)}
        {job.finishedAt && ` · terminé le ${formatDateTime(job.finishedAt)}`}
      </p>
      <progress
        className={job.status === 'DONE' ? 'tdb-progress tdb-progress--ok' : 'tdb-progress'}
        max={100}
        value={progress}
        aria-label={`Avancement du recalcul : ${counts}`}
      />
      <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>{counts}</p>
      {job.status === 'FAILED' && (
        <p className={`${fr.cx('fr-text--sm', 'fr-mb-0')} tdb-error-text`}>
          Erreur : {job.error ?? 'le recalcul a échoué.'} Relancez le recalcul : il reprend où il s'est
          arrêté.
        </p>
      )}
    </li>
  );
}

/**
 * "Recalculer les indicateurs" of a campaign (national administrator) and its background jobs,
 * read again every 2 seconds while one is waiting or running.
 */
export function IndicatorJobs({ year }: { year: number }) {
  const jobs = useCampaignJobs(year);
  const recompute = useRecomputeIndicators(year);
  const active = jobs.data?.find(isActiveJob);
  const headingId = `recalcul-${year}`;

  return (
    <div className={fr.cx('fr-mt-3w')} role="group" aria-labelledby={headingId}>
      <h4 id={headingId} className={fr.cx('fr-text--md', 'fr-mb-1w')}>
        Indicateurs de la campagne {year}
      </h4>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        Les indicateurs d'une structure sont calculés à chaque enregistrement de sa saisie. Recalculez-les
        tous après un changement de définition ou un incident.
      </p>
      <Button
        size="small"
        priority="secondary"
        iconId="fr-icon-refresh-line"
        disabled={recompute.isPending || active !== undefined}
        onClick={() => recompute.mutate()}
      >
        Recalculer les indicateurs
      </Button>
      {active && (
        <p className={`${fr.cx('fr-text--sm', 'fr-mt-1w', 'fr-mb-0')} tdb-muted`}>
          Un recalcul est en cours : attendez qu'il se termine pour en lancer un autre.
        </p>
      )}
      {recompute.error && (
        <Alert
          className={fr.cx('fr-mt-2w')}
          severity={recompute.error.statusCode === 409 ? 'warning' : 'error'}
          small
          role="alert"
          description={
            recompute.error.statusCode === 409
              ? `${recompute.error.message} Son avancement s'affiche ci-dessous.`
              : recompute.error.message
          }
        />
      )}
      <div className={fr.cx('fr-mt-2w')}>
        {jobs.isPending ? (
          <PageLoader label="Chargement des recalculs…" />
        ) : jobs.isError ? (
          <QueryError
            error={jobs.error}
            title="Les recalculs n'ont pas pu être chargés"
            onRetry={() => void jobs.refetch()}
          />
        ) : jobs.data.length === 0 ? (
          <p className={`${fr.cx('fr-text--sm', 'fr-mb-0')} tdb-muted`}>
            Aucun recalcul n'a encore été lancé pour cette campagne.
          </p>
        ) : (
          <ul className="tdb-plain-list" aria-label={`Recalculs des indicateurs de la campagne ${year}`}>
            {jobs.data.slice(0, 5).map((job) => (
              <JobItem key={job.id} job={job} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
