import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { GrantOfferResult, ReferenceDepartment, ReferenceRegion } from '@tdb/contracts';
import { useCreateAccount } from '../api/create-account';
import { TRANSFER_REQUIRED, useTransferChoice } from '../hooks/use-transfer-choice';
import {
  EMPTY_GRANT_DRAFT,
  checkGrantDraft,
  toGrantInput,
  type GrantDraft,
  type GrantDraftErrors,
  type KindOption,
} from '../utils/grant-targets';
import { GrantFields, draftForKind } from './grant-fields';
import { PrincipalTransferFields } from './principal-transfer-fields';

interface Identity {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
}

type IdentityErrors = Partial<Record<keyof Identity, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+0-9 .()-]{6,25}$/;

function checkIdentity(identity: Identity): IdentityErrors {
  const errors: IdentityErrors = {};
  if (identity.email.trim() === '') errors.email = "Saisissez l'adresse électronique.";
  else if (!EMAIL.test(identity.email.trim()))
    errors.email = 'Saisissez une adresse électronique valide, par exemple nom@domaine.fr.';
  if (identity.firstName.trim() === '') errors.firstName = 'Saisissez le prénom.';
  if (identity.lastName.trim() === '') errors.lastName = 'Saisissez le nom.';
  if (identity.phone.trim() !== '' && !PHONE.test(identity.phone.trim()))
    errors.phone = 'Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89.';
  return errors;
}

const FIELD_ORDER = [
  'email',
  'firstName',
  'lastName',
  'phone',
  'kind',
  'code',
  'role',
  'transfer',
  'rights',
  'validUntil',
];

function refusalTitle(statusCode: number, code: string): string {
  if (statusCode === 403) return 'Vous ne pouvez pas créer ce compte';
  if (code === 'PRINCIPAL_HELD') return 'Cette organisation a déjà son administrateur principal';
  if (statusCode === 409) return 'Ce compte existe déjà avec cette habilitation';
  return "Le compte n'a pas été créé";
}

interface CreateAccountFormProps {
  options: KindOption[];
  regions: readonly ReferenceRegion[];
  departments: readonly ReferenceDepartment[];
  onCreated: (result: GrantOfferResult) => void;
  onCancel: () => void;
}

/** The identity of the person and their first grant; the API invites them by e-mail. */
export function CreateAccountForm({
  options,
  regions,
  departments,
  onCreated,
  onCancel,
}: CreateAccountFormProps) {
  const [identity, setIdentity] = useState<Identity>({ email: '', firstName: '', lastName: '', phone: '' });
  const [draft, setDraft] = useState<GrantDraft>(() => {
    const only = options.length === 1 ? options[0] : undefined;
    return only ? draftForKind(EMPTY_GRANT_DRAFT, only) : EMPTY_GRANT_DRAFT;
  });
  const [identityErrors, setIdentityErrors] = useState<IdentityErrors>({});
  const [grantErrors, setGrantErrors] = useState<GrantDraftErrors>({});
  const [transferError, setTransferError] = useState<string>();
  const transfer = useTransferChoice(draft);
  const create = useCreateAccount();
  const errorRef = useRef<HTMLDivElement>(null);

  const apiError = create.error;
  useEffect(() => {
    if (apiError) errorRef.current?.focus();
  }, [apiError]);

  const apiFieldError = (field: string) => apiError?.errors?.find((e) => e.field === field)?.message;
  const setField = (field: keyof Identity) => (value: string) =>
    setIdentity((current) => ({ ...current, [field]: value }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const foundIdentity = checkIdentity(identity);
    const foundGrant = checkGrantDraft(draft);
    const foundTransfer = transfer.taken && transfer.value === '' ? TRANSFER_REQUIRED : undefined;
    setIdentityErrors(foundIdentity);
    setGrantErrors(foundGrant);
    setTransferError(foundTransfer);
    const errors: Record<string, string | undefined> = {
      ...foundIdentity,
      ...foundGrant,
      transfer: foundTransfer,
    };
    const first = FIELD_ORDER.find((field) => errors[field]);
    if (first) {
      const form = event.currentTarget;
      const target =
        form.querySelector<HTMLElement>(`[name="${first}"]`) ??
        form.querySelector<HTMLElement>('[name="organisationSearch"], [name="code"]');
      target?.focus();
      return;
    }
    const phone = identity.phone.trim();
    create.mutate(
      {
        email: identity.email.trim(),
        firstName: identity.firstName.trim(),
        lastName: identity.lastName.trim(),
        ...(phone !== '' ? { phone } : {}),
        grant: toGrantInput(draft),
        ...transfer.request,
      },
      { onSuccess: onCreated },
    );
  };

  const identityInput = (
    field: keyof Identity,
    label: string,
    props: { type?: string; autoComplete?: string; hint?: string } = {},
  ) => {
    const error = identityErrors[field] ?? apiFieldError(field);
    return (
      <Input
        label={label}
        hintText={props.hint}
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          name: field,
          type: props.type ?? 'text',
          value: identity[field],
          autoComplete: props.autoComplete ?? 'off',
          spellCheck: false,
          onChange: (event) => setField(field)(event.target.value),
        }}
      />
    );
  };

  const otherApiErrors = (apiError?.errors ?? []).filter(
    (e) => !e.field || !['email', 'firstName', 'lastName', 'phone'].includes(e.field),
  );

  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby="creation-titre">
      {apiError && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
          <Alert
            severity="error"
            role="alert"
            title={refusalTitle(apiError.statusCode, apiError.code)}
            description={
              <>
                <span>{apiError.message}</span>
                {otherApiErrors.length > 0 && (
                  <ul className={fr.cx('fr-mt-1w')}>
                    {otherApiErrors.map((e, index) => (
                      <li key={`${e.field ?? ''}-${index}`}>{e.message}</li>
                    ))}
                  </ul>
                )}
              </>
            }
          />
        </div>
      )}

      <p className={fr.cx('fr-text--sm')}>Sauf mention contraire, tous les champs sont obligatoires.</p>

      <section className="tdb-panel fr-mb-4w" aria-labelledby="identite-titre">
        <h2 id="identite-titre" className={fr.cx('fr-h5')}>
          Identité
        </h2>
        {identityInput('email', 'Adresse électronique', {
          type: 'email',
          hint: "L'invitation y sera envoyée. Si la personne a déjà un compte, l'habilitation lui est proposée : elle prend effet quand elle l'accepte (aussitôt pour un compte que vous gérez).",
        })}
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>{identityInput('firstName', 'Prénom')}</div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>{identityInput('lastName', 'Nom')}</div>
        </div>
        {identityInput('phone', 'Téléphone (facultatif)', {
          type: 'tel',
          hint: 'Par exemple : 01 23 45 67 89',
        })}
      </section>

      <section className="tdb-panel fr-mb-4w" aria-labelledby="habilitation-titre">
        <h2 id="habilitation-titre" className={fr.cx('fr-h5')}>
          Habilitation
        </h2>
        <GrantFields
          options={options}
          draft={draft}
          onChange={setDraft}
          errors={grantErrors}
          regions={regions}
          departments={departments}
        />
        <PrincipalTransferFields
          seat={transfer.seat}
          value={transfer.value}
          onChange={(previous) => {
            transfer.choose(previous);
            setTransferError(undefined);
          }}
          error={transferError}
        />
      </section>

      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <li>
          <Button type="submit" iconId="fr-icon-user-add-line" disabled={create.isPending}>
            {create.isPending
              ? 'Création…'
              : transfer.taken
                ? "Transférer le rôle et envoyer l'invitation"
                : "Créer le compte et envoyer l'invitation"}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel} disabled={create.isPending}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
