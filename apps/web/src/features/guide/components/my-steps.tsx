import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { GuideStepDto, GuideStepState, MyStepsDto } from '@tdb/contracts';
import { formatDateFr } from '@tdb/submission-workflow';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useMySteps } from '../api/get-my-steps';
import { stepHref } from '../utils/step-link';

const STATE_BADGES: Record<GuideStepState, { label: string; severity?: 'success' | 'info' | 'error' }> = {
  DONE: { label: 'Fait', severity: 'success' },
  TODO: { label: 'À faire', severity: 'info' },
  LATE: { label: 'En retard', severity: 'error' },
  ONGOING: { label: 'À suivre' },
};

function Step({ step, year, context }: { step: GuideStepDto; year: number; context: MyStepsDto }) {
  const badge = STATE_BADGES[step.state];
  return (
    <li className={fr.cx('fr-mb-2w')}>
      <p className={fr.cx('fr-mb-1v')}>
        <strong>{step.title}</strong>{' '}
        <Badge as="span" small noIcon severity={badge.severity}>
          {badge.label}
        </Badge>
        {step.deadline && (
          <span className={fr.cx('fr-text--sm')}>
            {' '}
            — {step.state === 'DONE' ? 'échéance' : 'avant le'} {formatDateFr(step.deadline)}
          </span>
        )}
      </p>
      {step.progress && <p className={fr.cx('fr-mb-1v')}>{step.progress}</p>}
      <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>{step.text}</p>
      {step.link && (
        <Link className={fr.cx('fr-link', 'fr-text--sm')} to={stepHref(step.link, year, context)}>
          {step.link.label}
        </Link>
      )}
    </li>
  );
}

/**
 * « Mes étapes » on the home page: what the person has to do in the current phase of the campaign,
 * per profile, from the guide's data (GET /campaigns/{year}/my-steps), each step linked to its page.
 */
export function MySteps({ year }: { year: number }) {
  const steps = useMySteps(year);
  if (steps.isPending) return <PageLoader label="Chargement de vos étapes…" />;
  if (steps.isError) return <QueryError error={steps.error} onRetry={() => void steps.refetch()} />;
  const { blocks, phaseLabel } = steps.data;
  const several = blocks.length > 1;
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="mes-etapes">
      <h2 id="mes-etapes">Mes étapes</h2>
      <p>
        Campagne {year} — phase : <strong>{phaseLabel}</strong>.
      </p>
      {blocks.every((b) => b.steps.length === 0) && (
        <p>Rien à faire pour vous dans cette phase de la campagne.</p>
      )}
      {blocks
        .filter((b) => b.steps.length > 0)
        .map((block) => (
          <div key={`${block.role}:${block.label}`} className="tdb-panel fr-mb-2w">
            <h3 className={fr.cx('fr-h6', 'fr-mb-2w')}>
              {several ? block.label : `En tant que ${block.label}`}
            </h3>
            <ol className={fr.cx('fr-mb-0')}>
              {block.steps.map((step) => (
                <Step key={step.id} step={step} year={year} context={steps.data} />
              ))}
            </ol>
          </div>
        ))}
    </section>
  );
}
