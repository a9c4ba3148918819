import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { CampaignSummary, SubmissionSummary } from '@tdb/contracts';
import { DOMAIN_LABELS } from '@tdb/dictionary';
import { formatDateFr } from '@tdb/submission-workflow';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useAuth } from '@/lib/auth/auth-provider';
import { useCampaigns } from '@/lib/api/get-campaigns';
import { useSubmission } from '../api/get-submission';
import { completenessRuleText } from '../utils/completeness';
import { useSubmissions } from '@/lib/api/get-submissions';
import { percent } from '@/lib/format';
import { SubmissionStatusBadge } from '@/components/ui/submission-status-badge';
import { currentCampaign } from '@/lib/api/use-current-campaign';
import { useAuthorityAccess } from '@/lib/auth/use-authority-access';
import { paths } from '@/lib/paths';

/** One structure's submission: status, completeness, what remains and whom to ask. */
function StructureSubmission({
  campaign,
  summary,
}: {
  campaign: CampaignSummary;
  summary: SubmissionSummary;
}) {
  const detail = useSubmission(campaign.year, summary.finess);
  const blocking = detail.data?.issues.filter((i) => i.blocking).length ?? null;
  return (
    <li className="tdb-panel fr-mb-2w">
      <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>
        <Link to={paths.submission.href(campaign.year, summary.finess)}>{summary.name}</Link>
      </h3>
      <p className={fr.cx('fr-mb-1w')}>
        <SubmissionStatusBadge status={summary.status} /> — complétude {percent(summary.completeness)} (seuil{' '}
        {percent(campaign.threshold)}) — à valider avant le{' '}
        {formatDateFr(summary.extension?.current ? summary.extension.until : campaign.dates.collectionEnd)}
      </p>
      {summary.extension && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          <strong>{summary.extension.label}</strong> Motif : {summary.extension.reason}
        </p>
      )}
      {detail.data && blocking !== null && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          {blocking === 0
            ? 'Aucun point bloquant.'
            : `Reste à faire : ${blocking} donnée${blocking > 1 ? 's' : ''} à compléter ou corriger avant la validation.`}{' '}
          {completenessRuleText(
            detail.data.completenessDetail.filled,
            detail.data.completenessDetail.expected,
            campaign.threshold,
          )}
        </p>
      )}
      {detail.data && detail.data.role === 'STRUCTURE_VALIDATION' && detail.data.assignments.length > 1 && (
        <div className={fr.cx('fr-mb-1w')}>
          <p className={fr.cx('fr-text--sm', 'fr-text--bold', 'fr-mb-0')}>Qui saisit quoi</p>
          <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
            {detail.data.assignments.map((a) => (
              <li key={a.accountId}>
                {a.name} —{' '}
                {a.domains === null
                  ? 'tous les domaines'
                  : a.domains.map((d) => DOMAIN_LABELS[d as keyof typeof DOMAIN_LABELS] ?? d).join(', ')}{' '}
                : {percent(a.completeness.ratio)} renseigné ({a.completeness.filled}/{a.completeness.expected}
                )
              </li>
            ))}
          </ul>
        </div>
      )}
      {detail.data && detail.data.referents.length > 0 && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
          Vos référents :{' '}
          {detail.data.referents.map((r, index) => (
            <span key={r.id}>
              {index > 0 ? ' ; ' : ''}
              {r.name} ({r.organisationName}) <a href={`mailto:${r.email}`}>{r.email}</a>
              {r.phone ? `, ${r.phone}` : ''}
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

function StructureView({ campaign }: { campaign: CampaignSummary }) {
  const submissions = useSubmissions(campaign.year, { pageSize: 10 });
  if (submissions.isPending) return <PageLoader label="Chargement de vos saisies…" />;
  if (submissions.isError)
    return <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />;
  if (submissions.data.items.length === 0) {
    return <p>Aucune de vos structures ne participe à cette campagne.</p>;
  }
  return (
    <>
      <ul className="fr-raw-list">
        {submissions.data.items.map((s) => (
          <StructureSubmission key={s.finess} campaign={campaign} summary={s} />
        ))}
      </ul>
      {submissions.data.total > submissions.data.items.length && (
        <Button priority="secondary" linkProps={{ to: paths.campaignSubmissions.href(campaign.year) }}>
          Voir les {submissions.data.total} saisies
        </Button>
      )}
    </>
  );
}

/**
 * "Campagne <year>" on the home page: one's own submissions, or, for the national administrator and
 * the authorities, the follow-up of one's scope (drawn by `followUp`, from the follow-up feature).
 */
export function CampaignHomeCard({ followUp }: { followUp: (campaign: CampaignSummary) => ReactNode }) {
  const { state } = useAuth();
  const access = useAuthorityAccess();
  const campaigns = useCampaigns({ enabled: state.status === 'authenticated' });
  if (state.status !== 'authenticated') return null;
  if (campaigns.isPending) return <PageLoader label="Chargement de la campagne…" />;
  if (campaigns.isError) return null;
  const campaign = currentCampaign(campaigns.data);
  if (!campaign) return null;
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="campagne-en-cours">
      <h2 id="campagne-en-cours">Campagne {campaign.year}</h2>
      <p>
        Phase : <strong>{campaign.phaseLabel}</strong> — collecte du{' '}
        {formatDateFr(campaign.dates.collectionStart)} au {formatDateFr(campaign.dates.collectionEnd)}{' '}
        (données {campaign.dataYear}).
      </p>
      {access.canFollow ? followUp(campaign) : <StructureView campaign={campaign} />}
    </section>
  );
}
