import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import type { IndicatorSheet } from '@tdb/contracts';
import { IndicatorSheetDetails } from './indicator-sheet-details';
import { ProvisionalBadge } from '@/components/ui/provisional-badge';
import { paths } from '@/lib/paths';

/** The sheets of the guide, each one expandable, with a link to its own page. */
export function IndicatorGuideList({ sheets }: { sheets: IndicatorSheet[] }) {
  return (
    <div className={fr.cx('fr-accordions-group')}>
      {sheets.map((sheet) => (
        <Accordion
          key={sheet.code}
          titleAs="h3"
          label={
            <span className="tdb-accordion-label">
              <span className="tdb-code">{sheet.code}</span> – {sheet.label}
              {sheet.status === 'provisional' && (
                <>
                  {' '}
                  <ProvisionalBadge />
                </>
              )}
            </span>
          }
        >
          <IndicatorSheetDetails sheet={sheet} />
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            <Link to={paths.indicator.href(sheet.code)}>
              Fiche {sheet.code} sur une page<span className="fr-sr-only"> : {sheet.label}</span>
            </Link>
          </p>
        </Accordion>
      ))}
    </div>
  );
}
