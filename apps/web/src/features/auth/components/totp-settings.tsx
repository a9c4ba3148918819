import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import type { TotpSetup } from '@tdb/contracts';
import { CopyButton } from '@/components/ui/copy-button';
import { useSetupTotp } from '../api/setup-totp';
import { useEnableTotp } from '../api/enable-totp';
import { useDisableTotp } from '../api/disable-totp';
import { groupSecret, normaliseTotpCode, TOTP_CODE } from '../utils/totp';

export const TOTP_INSTRUCTIONS =
  "Ajoutez ce compte dans votre application d'authentification (FreeOTP, Google Authenticator, Microsoft Authenticator…) puis saisissez le code à 6 chiffres";

/** A message that takes the focus when it appears, so that it is read at once. */
function FocusedAlert({
  severity,
  title,
  description,
}: {
  severity: 'success' | 'error';
  title?: string;
  description: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [description]);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
      {title ? (
        <Alert
          severity={severity}
          role={severity === 'error' ? 'alert' : 'status'}
          title={title}
          description={description}
        />
      ) : (
        <Alert
          severity={severity}
          small
          role={severity === 'error' ? 'alert' : 'status'}
          description={description}
        />
      )}
    </div>
  );
}

/** Step 2 of the set-up: the secret to add to the app, then the first code that turns it on. */
function EnrolForm({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: TotpSetup;
  onEnabled: () => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const enable = useEnableTotp();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (enable.error) codeRef.current?.focus();
  }, [enable.error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = normaliseTotpCode(code);
    if (!TOTP_CODE.test(typed)) {
      setError('Saisissez les 6 chiffres affichés par votre application.');
      codeRef.current?.focus();
      return;
    }
    setError(null);
    enable.mutate({ code: typed }, { onSuccess: onEnabled });
  };

  const apiError = enable.error;
  const fieldError =
    error ?? (apiError ? (apiError.errors?.find((e) => e.field === 'code')?.message ?? null) : null);

  return (
    <form onSubmit={handleSubmit} noValidate className="tdb-panel" aria-labelledby="totp-activation-titre">
      <h3 id="totp-activation-titre" ref={headingRef} tabIndex={-1} className={fr.cx('fr-h6')}>
        Activer la double authentification
      </h3>
      {apiError && (
        <div className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            small
            description={`La double authentification n'a pas été activée : ${apiError.message}`}
          />
        </div>
      )}
      <p>{TOTP_INSTRUCTIONS}.</p>
      <ol className={fr.cx('fr-mb-3w')}>
        <li>
          Sur votre téléphone, ouvrez l'application et ajoutez un compte, en saisissant la clé ci-dessous :
          <div className="tdb-secret fr-my-1w">
            <span className="fr-sr-only">Clé secrète : </span>
            <code className="tdb-secret__value">{groupSecret(setup.secret)}</code>
            <CopyButton text={setup.secret} title="Copier la clé secrète" />
          </div>
          <span className={fr.cx('fr-hint-text')}>
            Type de clé : basée sur le temps (TOTP), 6 chiffres, toutes les 30 secondes.
          </span>
        </li>
        <li className={fr.cx('fr-mt-1w')}>
          Sur l'appareil où l'application est installée, vous pouvez aussi{' '}
          <a href={setup.otpauthUri} className={fr.cx('fr-link')}>
            ouvrir ce compte directement dans l'application d'authentification
          </a>
          .
        </li>
        <li className={fr.cx('fr-mt-1w')}>Saisissez ci-dessous le code affiché par l'application.</li>
      </ol>
      <Input
        label="Code à 6 chiffres"
        hintText="Le code change toutes les 30 secondes, par exemple 123456"
        state={fieldError ? 'error' : 'default'}
        stateRelatedMessage={fieldError ?? undefined}
        nativeInputProps={{
          name: 'totpCode',
          value: code,
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          maxLength: 7,
          spellCheck: false,
          ref: codeRef,
          onChange: (event) => setCode(event.target.value),
        }}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <li>
          <Button type="submit" iconId="fr-icon-shield-line" disabled={enable.isPending}>
            {enable.isPending ? 'Activation…' : 'Activer la double authentification'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel} disabled={enable.isPending}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

/** The password that confirms turning the second factor off; the API says when it is mandatory. */
function DisableForm({ onDisabled, onCancel }: { onDisabled: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const disable = useDisableTotp();
  const passwordRef = useRef<HTMLInputElement>(null);
  const refusalRef = useRef<HTMLDivElement>(null);

  useEffect(() => passwordRef.current?.focus(), []);
  const refused = disable.error?.statusCode === 403 ? disable.error : null;
  useEffect(() => {
    if (refused) refusalRef.current?.focus();
    else if (disable.error) passwordRef.current?.focus();
  }, [refused, disable.error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '') {
      setError('Saisissez votre mot de passe.');
      passwordRef.current?.focus();
      return;
    }
    setError(null);
    disable.mutate({ password }, { onSuccess: onDisabled });
  };

  const passwordError =
    error ??
    (disable.error && !refused
      ? (disable.error.errors?.find((e) => e.field === 'password')?.message ?? disable.error.message)
      : null);

  return (
    <form onSubmit={handleSubmit} noValidate className="tdb-panel" aria-labelledby="totp-desactivation-titre">
      <h3 id="totp-desactivation-titre" className={fr.cx('fr-h6')}>
        Désactiver la double authentification
      </h3>
      {refused && (
        <div ref={refusalRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title="La double authentification ne peut pas être désactivée"
            description={refused.message}
          />
        </div>
      )}
      <p>Votre compte ne sera plus protégé que par votre mot de passe. Confirmez avec votre mot de passe.</p>
      <PasswordInput
        label="Mot de passe"
        messagesHint=""
        disabled={disable.isPending}
        messages={passwordError ? [{ severity: 'error', message: passwordError }] : []}
        nativeInputProps={{
          name: 'password',
          value: password,
          autoComplete: 'current-password',
          ref: passwordRef,
          onChange: (event) => setPassword(event.target.value),
        }}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-2w')}>
        <li>
          <Button type="submit" disabled={disable.isPending}>
            {disable.isPending ? 'Désactivation…' : 'Confirmer la désactivation'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel} disabled={disable.isPending}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

/**
 * The second factor of my account: its state; the set-up (a secret from the API, added to an
 * authenticator app, confirmed by a first code); turning it off with my password.
 */
export function TotpSettings({ enabled }: { enabled: boolean }) {
  const setup = useSetupTotp();
  const [justChanged, setJustChanged] = useState<'enabled' | 'disabled' | null>(null);
  const [disabling, setDisabling] = useState(false);
  const startButton = useRef<HTMLButtonElement>(null);
  const disableButton = useRef<HTMLButtonElement>(null);

  // Until "Mon compte" is read again, trust what was just done here.
  const active = justChanged === 'enabled' ? true : justChanged === 'disabled' ? false : enabled;

  return (
    <>
      {justChanged === 'enabled' && (
        <FocusedAlert
          severity="success"
          description="La double authentification est activée : le code de votre application vous sera demandé à chaque connexion."
        />
      )}
      {justChanged === 'disabled' && (
        <FocusedAlert severity="success" description="La double authentification est désactivée." />
      )}
      <p>
        État :{' '}
        {active ? (
          <Badge as="span" severity="success" small>
            Activée
          </Badge>
        ) : (
          <Badge as="span" severity="warning" small>
            Non activée
          </Badge>
        )}
      </p>

      {active ? (
        disabling ? (
          <DisableForm
            onCancel={() => {
              setDisabling(false);
              setTimeout(() => disableButton.current?.focus(), 0);
            }}
            onDisabled={() => {
              setDisabling(false);
              setup.reset();
              setJustChanged('disabled');
            }}
          />
        ) : (
          <>
            <p>
              À chaque connexion, après votre mot de passe, saisissez le code à 6 chiffres affiché par votre
              application d'authentification.
            </p>
            <Button
              ref={disableButton}
              priority="secondary"
              iconId="fr-icon-close-circle-line"
              onClick={() => {
                setJustChanged(null);
                setDisabling(true);
              }}
            >
              Désactiver la double authentification
            </Button>
          </>
        )
      ) : setup.data ? (
        <EnrolForm
          key={setup.data.secret}
          setup={setup.data}
          onCancel={() => {
            setup.reset();
            setTimeout(() => startButton.current?.focus(), 0);
          }}
          onEnabled={() => {
            setup.reset();
            setJustChanged('enabled');
          }}
        />
      ) : (
        <>
          <p>
            En plus de votre mot de passe, un code à 6 chiffres, renouvelé toutes les 30 secondes par une
            application d'authentification installée sur votre téléphone, vous sera demandé à chaque connexion
            : un mot de passe dérobé ne suffira plus pour accéder à votre compte.
          </p>
          {setup.error && (
            <FocusedAlert
              severity="error"
              description={`La configuration n'a pas pu commencer : ${setup.error.message}`}
            />
          )}
          <Button
            ref={startButton}
            iconId="fr-icon-shield-line"
            disabled={setup.isPending}
            onClick={() => {
              setJustChanged(null);
              setup.mutate();
            }}
          >
            {setup.isPending ? 'Préparation…' : 'Configurer la double authentification'}
          </Button>
        </>
      )}
    </>
  );
}
