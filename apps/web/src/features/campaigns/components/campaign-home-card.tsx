import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { CampaignSummary, SubmissionSummary } from '@tdb/contracts';
import { DOMAIN_LABELS } from '@tdb/dictionary';
import { formatDateFr } from '@tdb/submission-workflow';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useAuth } from '@/lib/auth/auth-provider';
import { activeGrantsOf, parisToday } from '@/lib/auth/permissions';
import { useCampaigns } from '../api/get-campaigns';
import { useSubmission } from '../api/get-submission';
import { useSubmissions } from '../api/get-submissions';
import { percent } from '../utils/values';
import { SubmissionStatusBadge } from './submission-status-badge';
import { useFollowUp } from '@/features/follow-up/api/get-follow-up';
import { FollowUpTotals } from '@/features/follow-up/components/follow-up-totals';
import { useAuthorityAccess } from '@/features/follow-up/utils/use-authority-access';

/** The most recent open campaign, if any. */
function currentCampaign(campaigns: CampaignSummary[]): CampaignSummary | undefined {
  return campaigns.filter((c) => c.state === 'OPEN').sort((a, b) => b.year - a.year)[0];
}

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
        <Link to={`/campagnes/${campaign.year}/structures/${summary.finess}`}>{summary.name}</Link>
      </h3>
      <p className={fr.cx('fr-mb-1w')}>
        <SubmissionStatusBadge status={summary.status} /> — complétude {percent(summary.completeness)} (seuil{' '}
        {percent(campaign.threshold)}) — à valider avant le {formatDateFr(campaign.dates.collectionEnd)}
      </p>
      {blocking !== null && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          {blocking === 0
            ? 'Aucun point bloquant : la saisie peut être validée.'
            : `Reste à faire : ${blocking} donnée${blocking > 1 ? 's' : ''} à compléter ou corriger avant la validation.`}
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
        <Button priority="secondary" linkProps={{ to: `/campagnes/${campaign.year}/saisies` }}>
          Voir les {submissions.data.total} saisies
        </Button>
      )}
    </>
  );
}

function AuthorityView({ campaign }: { campaign: CampaignSummary }) {
  const followUp = useFollowUp(campaign.year);
  const access = useAuthorityAccess();
  const year = campaign.year;
  if (followUp.isPending) return <PageLoader label="Chargement du suivi…" />;
  if (followUp.isError) return <QueryError error={followUp.error} onRetry={() => void followUp.refetch()} />;
  const late = followUp.data.late.length;
  return (
    <>
      <h3 id="suivi-perimetre" className={fr.cx('fr-h6')}>
        Suivi de votre périmètre
      </h3>
      <FollowUpTotals totals={followUp.data.totals} total={followUp.data.total} headingId="suivi-perimetre" />
      {late > 0 && (
        <p>
          <strong>{late}</strong> structure{late > 1 ? 's' : ''} en retard.
        </p>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <li>
          <Button iconId="fr-icon-line-chart-line" linkProps={{ to: `/campagnes/${year}/suivi` }}>
            Suivi de la campagne
          </Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: `/campagnes/${year}/saisies` }}>
            Suivre les saisies
          </Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: `/campagnes/${year}/perimetre` }}>
            Périmètre
          </Button>
        </li>
        {access.canCommunicate && (
          <li>
            <Button priority="secondary" linkProps={{ to: `/campagnes/${year}/communication` }}>
              Communication
            </Button>
          </li>
        )}
      </ul>
    </>
  );
}

/** "Campagne <year>" on the home page: one's own submissions, or the follow-up of one's scope. */
export function CampaignHomeCard() {
  const { state } = useAuth();
  const campaigns = useCampaigns({ enabled: state.status === 'authenticated' });
  if (state.status !== 'authenticated') return null;
  if (campaigns.isPending) return <PageLoader label="Chargement de la campagne…" />;
  if (campaigns.isError) return null;
  const campaign = currentCampaign(campaigns.data);
  if (!campaign) return null;
  const grants = activeGrantsOf(state.account, parisToday());
  const authority = grants.some((g) => ['NATIONAL', 'ARS', 'CD'].includes(g.organisation.kind));
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="campagne-en-cours">
      <h2 id="campagne-en-cours">Campagne {campaign.year}</h2>
      <p>
        Phase : <strong>{campaign.phaseLabel}</strong> — collecte du{' '}
        {formatDateFr(campaign.dates.collectionStart)} au {formatDateFr(campaign.dates.collectionEnd)}{' '}
        (données {campaign.dataYear}).
      </p>
      {authority ? <AuthorityView campaign={campaign} /> : <StructureView campaign={campaign} />}
    </section>
  );
}
