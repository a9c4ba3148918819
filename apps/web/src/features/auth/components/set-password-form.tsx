import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { TokenInfo } from '@tdb/contracts';
import type { ApiClientError } from '@/lib/api-client';
import { checkNewPassword, hasErrors, type NewPasswordErrors } from '../utils/password-rules';
import { NewPasswordFields } from './new-password-fields';

interface SetPasswordFormProps {
  info: TokenInfo;
  onSubmit: (password: string) => void;
  pending: boolean;
  /** The API's refusal (weak password, link expired meanwhile…). */
  error: ApiClientError | null;
  submitLabel: string;
}

/** Choose a password from an invitation or reset link: the rule is checked here, strength by the API. */
export function SetPasswordForm({ info, onSubmit, pending, error, submitLabel }: SetPasswordFormProps) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkNewPassword(password, confirmation);
    setErrors(found);
    if (hasErrors(found)) {
      event.currentTarget
        .querySelector<HTMLElement>(`[name="${found.password ? 'password' : 'confirmation'}"]`)
        ?.focus();
      return;
    }
    onSubmit(password);
  };

  const apiPasswordError = error?.errors?.find((e) => e.field === 'password')?.message;
  const shown: NewPasswordErrors = {
    ...errors,
    password:
      errors.password ?? (error?.code === 'WEAK_PASSWORD' ? (apiPasswordError ?? error.message) : undefined),
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      {error && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title={
              error.code === 'WEAK_PASSWORD'
                ? 'Mot de passe trop faible'
                : "Le mot de passe n'a pas été enregistré"
            }
            description={error.message}
          />
        </div>
      )}
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={info.email} readOnly hidden />
      <NewPasswordFields
        password={password}
        confirmation={confirmation}
        onPasswordChange={setPassword}
        onConfirmationChange={setConfirmation}
        errors={shown}
        disabled={pending}
        passwordRef={passwordRef}
      />
      <Button type="submit" disabled={pending} className={fr.cx('fr-mt-2w')}>
        {pending ? 'Enregistrement…' : submitLabel}
      </Button>
    </form>
  );
}
