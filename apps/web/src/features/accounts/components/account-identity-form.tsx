import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useQueryClient } from '@tanstack/react-query';
import type { Account } from '@tdb/contracts';
import { useUpdateAccount } from '../api/update-account';

type Field = 'firstName' | 'lastName' | 'phone';
type Errors = Partial<Record<Field, string>>;

const PHONE = /^[+0-9 .()-]{6,25}$/;

/** Names and phone of an account; sends the version read (409 when someone changed it meanwhile). */
export function AccountIdentityForm({
  account,
  onDone,
  onCancel,
}: {
  account: Account;
  onDone: (account: Account) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>({
    firstName: account.firstName,
    lastName: account.lastName,
    phone: account.phone ?? '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const update = useUpdateAccount(account.id);
  const queryClient = useQueryClient();
  const firstRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    firstRef.current?.focus();
  }, []);
  useEffect(() => {
    if (update.error) errorRef.current?.focus();
  }, [update.error]);

  const stale = update.error?.code === 'STALE_VERSION' || update.error?.statusCode === 409;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Errors = {};
    if (values.firstName.trim() === '') found.firstName = 'Saisissez le prénom.';
    if (values.lastName.trim() === '') found.lastName = 'Saisissez le nom.';
    if (values.phone.trim() !== '' && !PHONE.test(values.phone.trim()))
      found.phone = 'Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89.';
    setErrors(found);
    const first = (['firstName', 'lastName', 'phone'] as const).find((f) => found[f]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    update.mutate(
      {
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        phone: values.phone.trim() === '' ? null : values.phone.trim(),
        version: account.version,
      },
      { onSuccess: onDone },
    );
  };

  const field = (name: Field, label: string, extra: { type?: string; autoComplete?: string } = {}) => {
    const error = errors[name] ?? update.error?.errors?.find((e) => e.field === name)?.message;
    return (
      <Input
        label={label}
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          name,
          type: extra.type ?? 'text',
          value: values[name],
          autoComplete: extra.autoComplete ?? 'off',
          ref: name === 'firstName' ? firstRef : undefined,
          onChange: (event) => setValues((current) => ({ ...current, [name]: event.target.value })),
        }}
      />
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate className="tdb-panel" aria-label="Modifier l'identité">
      {update.error && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title={
              stale ? 'Le compte a été modifié entre-temps' : "Les modifications n'ont pas été enregistrées"
            }
            description={
              <>
                <span>{update.error.message}</span>
                {stale && (
                  <span style={{ display: 'block' }} className={fr.cx('fr-mt-2w')}>
                    <Button
                      type="button"
                      size="small"
                      priority="secondary"
                      iconId="fr-icon-refresh-line"
                      onClick={() => {
                        update.reset();
                        void queryClient.invalidateQueries({ queryKey: ['accounts'] });
                        onCancel();
                      }}
                    >
                      Recharger le compte
                    </Button>
                  </span>
                )}
              </>
            }
          />
        </div>
      )}
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          {field('firstName', 'Prénom', { autoComplete: 'given-name' })}
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          {field('lastName', 'Nom', { autoComplete: 'family-name' })}
        </div>
      </div>
      {field('phone', 'Téléphone (facultatif)', { type: 'tel', autoComplete: 'tel' })}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? 'Enregistrement…' : 'Enregistrer'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel} disabled={update.isPending}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
