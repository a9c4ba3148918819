import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import type { Item } from '@tdb/dictionary';
import type { ItemIndicatorUse } from '@tdb/contracts';
import { paths } from '@/lib/paths';
import { itemHelpFacts } from '../utils/item-help';

export interface ItemHelpProps {
  item: Item;
  /** The indicators reading the item (the campaign dictionary's `indicatorsByItem`). */
  uses: readonly ItemIndicatorUse[] | undefined;
  /** Categories of the structures concerned: only the indicators computed for them are listed. */
  categories?: readonly string[];
  /** The campaign year, for the sheets of its guide. */
  year: number;
  /** Shown last, e.g. last year's value. */
  extra?: ReactNode;
  /** Controlled opening (the grid shows last year's values of its cells while the help is open). */
  open?: boolean;
  onToggle?: (open: boolean) => void;
}

/**
 * The help of one item, behind an "Aide" button: unit, form, bounds, how it is counted, and the
 * indicators that use it with links to their sheets, all from the dictionary and the definitions.
 */
export function ItemHelp({ item, uses, categories, year, extra, ...control }: ItemHelpProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = control.open ?? ownOpen;
  const panelId = useId();
  const facts = itemHelpFacts(item, uses, categories);
  const toggle = () => {
    setOwnOpen(!open);
    control.onToggle?.(!open);
  };
  return (
    <div className="tdb-item-help">
      <button
        type="button"
        className={fr.cx(
          'fr-btn',
          'fr-btn--tertiary-no-outline',
          'fr-btn--sm',
          'fr-btn--icon-left',
          'fr-icon-question-line',
        )}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        Aide <span className="fr-sr-only">sur « {item.label} »</span>
      </button>
      <div id={panelId} className="tdb-item-help__panel" hidden={!open}>
        {open && (
          <ul className="tdb-item-help__facts">
            {facts.unit && <li>Unité : {facts.unit}</li>}
            <li>Saisie : {facts.format}</li>
            {facts.bounds && <li>Valeurs admises : {facts.bounds}</li>}
            {facts.counting && <li>Comptage : {facts.counting}</li>}
            <li>
              {facts.indicators.length === 0 ? (
                'Aucun indicateur du guide ne lit cette donnée.'
              ) : (
                <>
                  {facts.indicators.length === 1
                    ? 'Indicateur qui utilise cette donnée :'
                    : 'Indicateurs qui utilisent cette donnée :'}
                  <ul>
                    {facts.indicators.map((use) => (
                      <li key={use.code}>
                        <Link
                          to={`${paths.indicator.href(use.code)}?annee=${year}`}
                          target="_blank"
                          rel="noopener"
                          title={`${use.code} — ${use.label} (fiche, nouvelle fenêtre)`}
                        >
                          {use.code} — {use.label}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
            {extra && <li>{extra}</li>}
          </ul>
        )}
      </div>
    </div>
  );
}
