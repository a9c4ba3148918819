import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import type { AuthoritySignInRule, AuthoritySignInSettings } from '@tdb/contracts';
import { useUpdateAuthoritySignIn } from '../api/update-authority-sign-in';

const keyOf = (rule: AuthoritySignInRule) => `${rule.organisation.kind}:${rule.organisation.code}`;

/**
 * Per authority (ARS, département): its staff sign in through the identity provider only. Choose
 * the authority, then turn the requirement on or off; the authorities that require it are listed.
 */
export function ProviderSignInRules({ settings }: { settings: AuthoritySignInSettings }) {
  const update = useUpdateAuthoritySignIn();
  const [selected, setSelected] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const provider = settings.providerName ?? 'le fournisseur d’identité';
  const rule = settings.authorities.find((r) => keyOf(r) === selected);
  const required = settings.authorities.filter((r) => r.providerRequired);

  useEffect(() => {
    if (update.error) errorRef.current?.focus();
  }, [update.error]);

  const change = (target: AuthoritySignInRule, providerRequired: boolean) => {
    setNotice(null);
    update.mutate(
      { ...target.organisation, providerRequired },
      {
        onSuccess: () =>
          setNotice(
            providerRequired
              ? `Les agents de ${target.name} se connectent désormais uniquement avec ${provider}.`
              : `Les agents de ${target.name} peuvent de nouveau se connecter avec leur mot de passe.`,
          ),
      },
    );
  };

  return (
    <>
      {!settings.providerEnabled && (
        <Alert
          className={fr.cx('fr-mb-3w')}
          severity="info"
          small
          description="Aucun fournisseur d’identité n’est configuré sur cette plateforme (OIDC_ISSUER) : les règles enregistrées ici s’appliqueront dès qu’il le sera."
        />
      )}
      {update.error && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title="Le réglage n'a pas été modifié"
            description={update.error.message}
          />
        </div>
      )}
      <Select
        label="Autorité"
        hint="Une ARS ou un département"
        nativeSelectProps={{
          name: 'authority',
          value: selected,
          onChange: (event) => {
            setSelected(event.target.value);
            setNotice(null);
          },
        }}
      >
        <option value="" disabled>
          Choisir une autorité
        </option>
        {settings.authorities.map((r) => (
          <option key={keyOf(r)} value={keyOf(r)}>
            {r.name}
          </option>
        ))}
      </Select>
      {rule && (
        <ToggleSwitch
          label={`Connexion avec ${provider} obligatoire pour les agents de ${rule.name}`}
          helperText={`Activé, la connexion par mot de passe est refusée aux comptes habilités dans cette autorité, avec un message qui les renvoie vers le bouton « S’identifier avec ${provider} ». Leurs droits restent ceux de leurs habilitations.`}
          labelPosition="left"
          checked={
            update.isPending
              ? (update.variables?.providerRequired ?? rule.providerRequired)
              : rule.providerRequired
          }
          disabled={update.isPending}
          name="providerRequired"
          onChange={(value) => change(rule, value)}
        />
      )}
      <p role="status" className={notice ? fr.cx('fr-valid-text', 'fr-mt-2w') : 'fr-sr-only'}>
        {update.isPending ? 'Enregistrement…' : (notice ?? '')}
      </p>
      <h3 className={fr.cx('fr-h6', 'fr-mt-4w')}>Autorités qui l’exigent</h3>
      {required.length === 0 ? (
        <p>Aucune : tous les agents peuvent se connecter avec leur mot de passe.</p>
      ) : (
        <ul>
          {required.map((r) => (
            <li key={keyOf(r)} className={fr.cx('fr-mb-1w')}>
              {r.name}{' '}
              <Button
                priority="tertiary"
                size="small"
                disabled={update.isPending}
                onClick={() => change(r, false)}
                title={`Ne plus exiger ${provider} pour ${r.name}`}
              >
                Ne plus exiger
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
