import { useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { formatCount } from '@/lib/format';
import { campaignLabel } from '../utils/labels';

const modal = createModal({ id: 'reprendre-valeurs-precedentes', isOpenedByDefault: false });

/**
 * « Reprendre les valeurs de la campagne 2025 » for the empty fields of one domain: asks first (DSFR
 * modal), then says how many values were taken (the save status says when they are saved).
 */
export function TakePreviousDomain({
  previousYear,
  domainLabel,
  count,
  onConfirm,
}: {
  previousYear: number;
  domainLabel: string;
  /** Empty fields of the domain that have a previous value. */
  count: number;
  /** Takes the values; returns how many were taken. */
  onConfirm: () => number;
}) {
  const [taken, setTaken] = useState<string | null>(null);
  const announceRef = useRef<HTMLParagraphElement>(null);
  const values = formatCount(count, 'valeur', 'valeurs');
  return (
    <>
      {count > 0 && (
        <Button
          priority="secondary"
          size="small"
          iconId="fr-icon-arrow-go-back-line"
          nativeButtonProps={modal.buttonProps}
        >
          Reprendre les valeurs {previousYear} du domaine ({count})
        </Button>
      )}
      <p ref={announceRef} tabIndex={-1} className={fr.cx('fr-text--sm', 'fr-mb-0')} role="status">
        {taken}
      </p>
      <modal.Component
        title={`Reprendre ${values} de la campagne ${previousYear} ?`}
        buttons={[
          { children: 'Annuler' },
          {
            children: `Reprendre ${values}`,
            onClick: () => {
              const n = onConfirm();
              setTaken(
                `${formatCount(n, 'valeur reprise', 'valeurs reprises')} de la campagne ${previousYear} dans le domaine « ${domainLabel} » : vérifiez-les ; elles sont enregistrées automatiquement.`,
              );
              // The button is gone once nothing is left to take: the focus goes to what happened.
              window.setTimeout(() => announceRef.current?.focus(), 0);
            },
          },
        ]}
      >
        <p>
          Les {values} de la {campaignLabel(previousYear).toLowerCase()} seront copiées dans les champs vides
          du domaine « {domainLabel} ». Les champs déjà renseignés ne changent pas. Vous pourrez corriger
          chaque valeur ensuite.
        </p>
      </modal.Component>
    </>
  );
}
