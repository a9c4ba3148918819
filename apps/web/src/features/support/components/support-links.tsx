import { Link, useLocation } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { paths } from '@/lib/paths';
import { useFaqSummary } from '../api/faq';

/**
 * Under an item of the entry form: its FAQ entries (when there are) and « Poser une question » about
 * it, prefilled with the page and the item.
 */
export function ItemSupportLinks({
  year,
  finess,
  itemCode,
  itemLabel,
  canAsk,
}: {
  year: number;
  finess: string;
  itemCode: string;
  itemLabel: string;
  canAsk: boolean;
}) {
  const { pathname } = useLocation();
  const summary = useFaqSummary(year);
  const count = summary.data?.byItem[itemCode] ?? 0;
  if (count === 0 && !canAsk) return null;
  return (
    <p className={fr.cx('fr-text--xs', 'fr-mb-1w')}>
      {count > 0 && (
        <Link to={paths.campaignFaq.href(year, { item: itemCode })}>
          FAQ : {count} question{count > 1 ? 's' : ''}-réponse{count > 1 ? 's' : ''}{' '}
          <span className="fr-sr-only">sur « {itemLabel} »</span>
        </Link>
      )}
      {count > 0 && canAsk && ' · '}
      {canAsk && (
        <Link to={paths.askQuestion.href(year, { page: pathname, item: itemCode, finess })}>
          Poser une question <span className="fr-sr-only">sur « {itemLabel} »</span>
        </Link>
      )}
    </p>
  );
}

/** A link to the FAQ entries about an indicator, when there are some (the indicator guide). */
export function IndicatorFaqLink({ year, indicatorCode }: { year: number; indicatorCode: string }) {
  const summary = useFaqSummary(year);
  const count = summary.data?.byIndicator[indicatorCode] ?? 0;
  if (count === 0) return null;
  return (
    <p>
      <Link to={paths.campaignFaq.href(year, { indicator: indicatorCode })}>
        FAQ de la campagne {year} sur cet indicateur : {count} question{count > 1 ? 's' : ''}-réponse
        {count > 1 ? 's' : ''}
      </Link>
    </p>
  );
}

/** In « Mes étapes »: the campaign's FAQ (with its count) and « Poser une question ». */
export function SupportHelpLinks({ year, canAsk }: { year: number; canAsk: boolean }) {
  const summary = useFaqSummary(year);
  const total = summary.data?.total;
  return (
    <ul className={fr.cx('fr-text--sm')} aria-label="Aide de la campagne">
      <li>
        <Link to={paths.campaignFaq.href(year)}>
          Foire aux questions {year}
          {total !== undefined &&
            ` (${total} question${total > 1 ? 's' : ''}-réponse${total > 1 ? 's' : ''})`}
        </Link>
      </li>
      <li>
        <Link to={paths.campaignQuestions.href(year)}>{canAsk ? 'Mes questions' : 'Questions reçues'}</Link>
      </li>
      {canAsk && (
        <li>
          <Link to={paths.askQuestion.href(year, { page: '/' })}>Poser une question à mes référents</Link>
        </li>
      )}
    </ul>
  );
}
