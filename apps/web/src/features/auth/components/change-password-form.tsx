import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useChangePassword } from '../api/change-password';
import { checkNewPassword, hasErrors, type NewPasswordErrors } from '../utils/password-rules';
import { NewPasswordFields } from './new-password-fields';

/** Current password, new one and its confirmation; the other sessions are closed by the API. */
export function ChangePasswordForm() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<NewPasswordErrors & { current?: string }>({});
  const change = useChangePassword();
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (change.isSuccess || change.isError) resultRef.current?.focus();
  }, [change.isSuccess, change.isError]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      ...checkNewPassword(password, confirmation),
      ...(current === '' ? { current: 'Saisissez votre mot de passe actuel.' } : {}),
    };
    if (!found.password && password !== '' && password === current) {
      found.password = "Le nouveau mot de passe doit être différent de l'actuel.";
    }
    setErrors(found);
    if (hasErrors(found)) {
      const first = found.current ? 'currentPassword' : found.password ? 'password' : 'confirmation';
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    change.mutate(
      { currentPassword: current, newPassword: password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
          setConfirmation('');
        },
      },
    );
  };

  const apiError = change.error;
  const apiField = (field: string) => apiError?.errors?.find((e) => e.field === field)?.message;
  const currentError = errors.current ?? apiField('currentPassword');
  const passwordError =
    errors.password ??
    apiField('newPassword') ??
    apiField('password') ??
    (apiError?.code === 'WEAK_PASSWORD' ? apiError.message : undefined);

  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby="mot-de-passe-titre">
      {change.isSuccess && (
        <div ref={resultRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="success"
            small
            role="status"
            description="Votre mot de passe a été changé. Vos autres sessions ont été fermées."
          />
        </div>
      )}
      {apiError && (
        <div ref={resultRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title="Le mot de passe n'a pas été changé"
            description={apiError.message}
          />
        </div>
      )}
      <PasswordInput
        label="Mot de passe actuel"
        messagesHint=""
        disabled={change.isPending}
        messages={currentError ? [{ severity: 'error', message: currentError }] : []}
        nativeInputProps={{
          name: 'currentPassword',
          value: current,
          autoComplete: 'current-password',
          onChange: (event) => setCurrent(event.target.value),
        }}
      />
      <NewPasswordFields
        password={password}
        confirmation={confirmation}
        onPasswordChange={setPassword}
        onConfirmationChange={setConfirmation}
        errors={{ ...errors, ...(passwordError ? { password: passwordError } : {}) }}
        disabled={change.isPending}
      />
      <Button
        type="submit"
        className={fr.cx('fr-mt-2w')}
        iconId="fr-icon-lock-line"
        disabled={change.isPending}
      >
        {change.isPending ? 'Enregistrement…' : 'Changer le mot de passe'}
      </Button>
    </form>
  );
}
