import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type {
  CreateApiTokenRequest,
  CreatedApiToken,
  ReferenceDepartment,
  ReferenceRegion,
} from '@tdb/contracts';
import { useCreateApiToken } from '../api/create-api-token';
import { dayAfter, type TokenOrganisationChoices } from '../utils/token-status';

type AuthorityKind = 'ARS' | 'CD';

interface Draft {
  name: string;
  kind: AuthorityKind | '';
  /** INSEE code of the region (ARS) or the department (CD); for an APR, "KIND:code" of its own. */
  code: string;
  expiresAt: string;
}

type Errors = Partial<Record<'name' | 'kind' | 'code' | 'expiresAt', string>>;

const FIELD_ORDER = ['name', 'kind', 'code', 'expiresAt'] as const;

function check(draft: Draft, choices: TokenOrganisationChoices, today: string): Errors {
  const errors: Errors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = "Nommez le jeton d'après son usage.";
  else if (name.length < 3) errors.name = 'Le nom du jeton doit compter au moins 3 caractères.';
  else if (name.length > 100) errors.name = 'Le nom du jeton ne doit pas dépasser 100 caractères.';
  if (choices.any) {
    if (draft.kind === '') errors.kind = 'Choisissez une ARS ou un Département.';
    else if (draft.code === '')
      errors.code = draft.kind === 'ARS' ? 'Choisissez la région.' : 'Choisissez le département.';
  } else if (choices.own.length > 1 && draft.code === '') {
    errors.code = "Choisissez l'organisation du jeton.";
  }
  if (draft.expiresAt !== '' && draft.expiresAt <= today)
    errors.expiresAt = "La date d'expiration doit être postérieure à aujourd'hui.";
  return errors;
}

function toRequest(draft: Draft, choices: TokenOrganisationChoices): CreateApiTokenRequest {
  const request: CreateApiTokenRequest = { name: draft.name.trim() };
  if (choices.any && draft.kind !== '') {
    request.organisation = { kind: draft.kind, code: draft.code };
  } else if (choices.own.length > 1) {
    const own = choices.own.find((o) => `${o.ref.kind}:${o.ref.code}` === draft.code);
    if (own) request.organisation = own.ref;
  }
  if (draft.expiresAt !== '') request.expiresAt = draft.expiresAt;
  return request;
}

/** Name, organisation (chosen by the national administrator) and optional expiry of a new token. */
export function CreateApiTokenForm({
  choices,
  regions,
  departments,
  today,
  onCreated,
}: {
  choices: TokenOrganisationChoices;
  regions: readonly ReferenceRegion[];
  departments: readonly ReferenceDepartment[];
  today: string;
  onCreated: (token: CreatedApiToken) => void;
}) {
  const [draft, setDraft] = useState<Draft>({ name: '', kind: '', code: '', expiresAt: '' });
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateApiToken();
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (create.error) errorRef.current?.focus();
  }, [create.error]);

  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const apiField = (field: string) => create.error?.errors?.find((e) => e.field === field)?.message;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = check(draft, choices, today);
    setErrors(found);
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    create.mutate(toRequest(draft, choices), {
      onSuccess: (token) => {
        setDraft({ name: '', kind: '', code: '', expiresAt: '' });
        create.reset();
        onCreated(token);
      },
    });
  };

  const nameError = errors.name ?? apiField('name');
  const expiresError = errors.expiresAt ?? apiField('expiresAt');
  const authorityChoices =
    draft.kind === 'ARS'
      ? regions.map((r) => ({ code: r.code, text: r.name }))
      : departments.map((d) => ({ code: d.code, text: `${d.code} – ${d.name}` }));

  return (
    <form onSubmit={handleSubmit} noValidate className="tdb-panel" aria-labelledby="creation-jeton-titre">
      <h2 id="creation-jeton-titre" className={fr.cx('fr-h5')}>
        Créer un jeton
      </h2>
      {create.error && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title={
              create.error.statusCode === 403
                ? 'Vous ne pouvez pas créer ce jeton'
                : "Le jeton n'a pas été créé"
            }
            description={create.error.message}
          />
        </div>
      )}
      <Input
        label="Nom du jeton"
        hintText="Son usage, pour le reconnaître dans la liste : par exemple « Entrepôt de données ARS »"
        state={nameError ? 'error' : 'default'}
        stateRelatedMessage={nameError}
        nativeInputProps={{
          name: 'name',
          value: draft.name,
          maxLength: 100,
          autoComplete: 'off',
          onChange: (event) => set({ name: event.target.value }),
        }}
      />

      {choices.any ? (
        <>
          <RadioButtons
            legend="Organisation du jeton"
            hintText="Le jeton lit les données du périmètre de cette ARS ou de ce Département."
            orientation="horizontal"
            state={errors.kind ? 'error' : 'default'}
            stateRelatedMessage={errors.kind}
            options={(['ARS', 'CD'] as const).map((kind) => ({
              label: kind === 'ARS' ? 'Agence régionale de santé (ARS)' : 'Conseil départemental (CD)',
              nativeInputProps: {
                name: 'kind',
                value: kind,
                checked: draft.kind === kind,
                onChange: () => set({ kind, code: '' }),
              },
            }))}
          />
          {draft.kind !== '' && (
            <Select
              label={draft.kind === 'ARS' ? "Région de l'ARS" : 'Département'}
              disabled={authorityChoices.length === 0}
              hint={authorityChoices.length === 0 ? 'Chargement de la liste…' : undefined}
              state={errors.code ? 'error' : 'default'}
              stateRelatedMessage={errors.code}
              nativeSelectProps={{
                name: 'code',
                value: draft.code,
                onChange: (event) => set({ code: event.target.value }),
              }}
            >
              <option value="" disabled>
                {draft.kind === 'ARS' ? 'Sélectionnez une région' : 'Sélectionnez un département'}
              </option>
              {authorityChoices.map((choice) => (
                <option key={choice.code} value={choice.code}>
                  {choice.text}
                </option>
              ))}
            </Select>
          )}
        </>
      ) : choices.own.length > 1 ? (
        <Select
          label="Organisation du jeton"
          state={errors.code ? 'error' : 'default'}
          stateRelatedMessage={errors.code}
          nativeSelectProps={{
            name: 'code',
            value: draft.code,
            onChange: (event) => set({ code: event.target.value }),
          }}
        >
          <option value="" disabled>
            Sélectionnez une organisation
          </option>
          {choices.own.map((o) => (
            <option key={`${o.ref.kind}:${o.ref.code}`} value={`${o.ref.kind}:${o.ref.code}`}>
              {o.label}
            </option>
          ))}
        </Select>
      ) : choices.own[0] ? (
        <p>
          Organisation du jeton : <strong>{choices.own[0].label}</strong>
        </p>
      ) : null}

      <Input
        label="Date d'expiration (facultatif)"
        hintText="Sans date, le jeton reste valable jusqu'à sa révocation."
        state={expiresError ? 'error' : 'default'}
        stateRelatedMessage={expiresError}
        nativeInputProps={{
          type: 'date',
          name: 'expiresAt',
          value: draft.expiresAt,
          min: dayAfter(today),
          onChange: (event) => set({ expiresAt: event.target.value }),
        }}
      />
      <Button type="submit" iconId="fr-icon-add-line" disabled={create.isPending}>
        {create.isPending ? 'Création…' : 'Créer le jeton'}
      </Button>
    </form>
  );
}
