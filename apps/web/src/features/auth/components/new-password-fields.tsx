import type { Ref } from 'react';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { PASSWORD_MIN_LENGTH, type NewPasswordErrors } from '../utils/password-rules';

interface NewPasswordFieldsProps {
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  /** Client-side errors, or the API's message about the password (too weak). */
  errors: NewPasswordErrors;
  disabled?: boolean;
  passwordRef?: Ref<HTMLInputElement>;
  label?: string;
}

/** A new password and its confirmation, with the rule shown before typing and checked while typing. */
export function NewPasswordFields({
  password,
  confirmation,
  onPasswordChange,
  onConfirmationChange,
  errors,
  disabled,
  passwordRef,
  label = 'Nouveau mot de passe',
}: NewPasswordFieldsProps) {
  const longEnough = [...password].length >= PASSWORD_MIN_LENGTH;
  return (
    <>
      <PasswordInput
        label={label}
        disabled={disabled}
        messagesHint="Votre mot de passe doit contenir :"
        messages={[
          {
            severity: password === '' ? 'info' : longEnough ? 'valid' : 'error',
            message: `${PASSWORD_MIN_LENGTH} caractères minimum`,
          },
          {
            severity: 'info',
            message:
              'Évitez les mots du dictionnaire, les suites et les informations personnelles : une phrase de plusieurs mots est plus sûre.',
          },
          ...(errors.password ? [{ severity: 'error' as const, message: errors.password }] : []),
        ]}
        nativeInputProps={{
          name: 'password',
          value: password,
          autoComplete: 'new-password',
          required: true,
          ref: passwordRef,
          'aria-invalid': errors.password ? true : undefined,
          onChange: (event) => onPasswordChange(event.target.value),
        }}
      />
      <PasswordInput
        label="Confirmation du mot de passe"
        disabled={disabled}
        messagesHint=""
        messages={errors.confirmation ? [{ severity: 'error', message: errors.confirmation }] : []}
        nativeInputProps={{
          name: 'confirmation',
          value: confirmation,
          autoComplete: 'new-password',
          required: true,
          'aria-invalid': errors.confirmation ? true : undefined,
          onChange: (event) => onConfirmationChange(event.target.value),
        }}
      />
    </>
  );
}
