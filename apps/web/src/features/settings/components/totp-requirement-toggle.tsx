import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import type { SecuritySettings } from '@tdb/contracts';
import { TOTP_ENROLLMENT_URL } from '@/lib/auth/totp-enrollment';
import { useUpdateSecuritySettings } from '../api/update-security-settings';

export const TOTP_REQUIREMENT_LABEL =
  "Double authentification obligatoire pour l'administrateur national et les APR";

/** Turns the mandatory second factor for the administration roles on or off, at once. */
export function TotpRequirementToggle({ settings }: { settings: SecuritySettings }) {
  const update = useUpdateSecuritySettings();
  const [notice, setNotice] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (update.error) errorRef.current?.focus();
  }, [update.error]);

  // While the change is under way, show the position asked for.
  const checked = update.isPending
    ? (update.variables?.totpRequiredForAdmins ?? settings.totpRequiredForAdmins)
    : settings.totpRequiredForAdmins;

  return (
    <>
      {update.error && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title="Le réglage n'a pas été modifié"
            description={
              <>
                <span>{update.error.message}</span>
                {update.error.statusCode === 409 && (
                  <span style={{ display: 'block' }} className={fr.cx('fr-mt-1w')}>
                    <Link to={TOTP_ENROLLMENT_URL} className={fr.cx('fr-link')}>
                      Activer ma double authentification dans « Mon compte »
                    </Link>
                  </span>
                )}
              </>
            }
          />
        </div>
      )}
      <ToggleSwitch
        label={TOTP_REQUIREMENT_LABEL}
        helperText="Activé, l'administrateur national et les administrateurs principaux (APR) des ARS et des Départements qui n'ont pas de second facteur doivent le configurer dans « Mon compte » avant d'accéder au reste du service, et ne peuvent plus le désactiver."
        labelPosition="left"
        checked={checked}
        disabled={update.isPending}
        name="totpRequiredForAdmins"
        onChange={(value) => {
          setNotice(null);
          update.mutate(
            { totpRequiredForAdmins: value },
            {
              onSuccess: (saved) =>
                setNotice(
                  saved.totpRequiredForAdmins
                    ? "La double authentification est désormais obligatoire pour l'administrateur national et les APR."
                    : "La double authentification n'est plus obligatoire pour l'administrateur national et les APR.",
                ),
            },
          );
        }}
      />
      <p role="status" className={notice ? fr.cx('fr-valid-text', 'fr-mt-2w') : 'fr-sr-only'}>
        {update.isPending ? 'Enregistrement…' : (notice ?? '')}
      </p>
    </>
  );
}
