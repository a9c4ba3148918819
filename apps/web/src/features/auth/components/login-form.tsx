import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { LoginRequest } from '@tdb/contracts';
import { useLogin } from '../api/login';
import { paths } from '@/lib/paths';

interface FieldErrors {
  email?: string;
  password?: string;
  totpCode?: string;
}

function errorTitle(code: string, statusCode: number): string {
  if (code === 'LOGIN_THROTTLED') return 'Connexion temporairement ralentie';
  if (code === 'PROVIDER_SIGN_IN_REQUIRED') return 'Connexion par mot de passe non autorisée';
  if (statusCode === 429) return 'Trop de tentatives';
  if (code === 'INVALID_CREDENTIALS') return 'Connexion impossible';
  return 'La connexion a échoué';
}

/** E-mail and password (and the second factor when the account has one). */
export function LoginForm({ defaultEmail = '' }: { defaultEmail?: string }) {
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [totpRequired, setTotpRequired] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const login = useLogin();
  const errorRef = useRef<HTMLDivElement>(null);
  const totpRef = useRef<HTMLInputElement>(null);

  const error = login.error;
  const asksSecondFactor = error?.code === 'TOTP_REQUIRED';

  useEffect(() => {
    if (!error) return;
    if (error.code === 'TOTP_REQUIRED') {
      setTotpRequired(true);
      setTimeout(() => totpRef.current?.focus(), 0);
    } else {
      errorRef.current?.focus();
    }
  }, [error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (email.trim() === '') errors.email = 'Saisissez votre adresse électronique.';
    if (password === '') errors.password = 'Saisissez votre mot de passe.';
    if (totpRequired && !/^\d{6}$/.test(totpCode.trim()))
      errors.totpCode = 'Saisissez les 6 chiffres affichés par votre application.';
    setFieldErrors(errors);
    const first = (['email', 'password', 'totpCode'] as const).find((field) => errors[field]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const request: LoginRequest = { email: email.trim(), password };
    if (totpRequired) request.totpCode = totpCode.trim();
    login.mutate(request);
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Se connecter">
      {error && !asksSecondFactor && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title={errorTitle(error.code, error.statusCode)}
            description={error.message}
          />
        </div>
      )}
      <fieldset className={fr.cx('fr-fieldset')} aria-labelledby="identifiants-legende">
        <legend className={fr.cx('fr-fieldset__legend')} id="identifiants-legende">
          Se connecter avec son compte
          <span className={fr.cx('fr-hint-text')}>Tous les champs sont obligatoires.</span>
        </legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input
            label="Adresse électronique"
            hintText="Format attendu : nom@domaine.fr"
            state={fieldErrors.email ? 'error' : 'default'}
            stateRelatedMessage={fieldErrors.email}
            nativeInputProps={{
              name: 'email',
              type: 'email',
              value: email,
              autoComplete: 'username',
              spellCheck: false,
              required: true,
              onChange: (event) => setEmail(event.target.value),
            }}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <PasswordInput
            label="Mot de passe"
            messagesHint=""
            messages={fieldErrors.password ? [{ severity: 'error', message: fieldErrors.password }] : []}
            nativeInputProps={{
              name: 'password',
              value: password,
              autoComplete: 'current-password',
              required: true,
              onChange: (event) => setPassword(event.target.value),
            }}
          />
          <p className={fr.cx('fr-mt-1w', 'fr-mb-0')}>
            <Link to={paths.forgotPassword.href()} className={fr.cx('fr-link')}>
              Mot de passe oublié ?
            </Link>
          </p>
        </div>
        {totpRequired && (
          <div className={fr.cx('fr-fieldset__element')}>
            {error && asksSecondFactor && (
              <Alert severity="info" small className={fr.cx('fr-mb-2w')} description={error.message} />
            )}
            <Input
              label="Code de vérification"
              hintText="Les 6 chiffres affichés par votre application d'authentification"
              state={fieldErrors.totpCode ? 'error' : 'default'}
              stateRelatedMessage={fieldErrors.totpCode}
              nativeInputProps={{
                name: 'totpCode',
                value: totpCode,
                inputMode: 'numeric',
                autoComplete: 'one-time-code',
                maxLength: 6,
                ref: totpRef,
                onChange: (event) => setTotpCode(event.target.value),
              }}
            />
          </div>
        )}
      </fieldset>
      <Button type="submit" disabled={login.isPending}>
        {login.isPending ? 'Connexion…' : 'Se connecter'}
      </Button>
    </form>
  );
}
