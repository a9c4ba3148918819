import { fr } from '@codegouvfr/react-dsfr';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { FormDomain, ReferenceDepartment, ReferenceRegion, Role, UserRight } from '@tdb/contracts';
import { FORM_DOMAINS, ROLE_LABELS, USER_RIGHTS } from '@tdb/access';
import { KIND_LABELS, type GrantDraft, type GrantDraftErrors, type KindOption } from '../utils/grant-targets';
import { domainLabel, rightLabel } from '../utils/labels';
import { OrganisationPicker } from './organisation-picker';

const ROLE_HINTS: Readonly<Record<Role, string>> = {
  NATIONAL_ADMIN: 'Administre toute la plateforme.',
  APR: "Administre les comptes de l'autorité et les APE des structures de sa compétence.",
  CONTROLLER: 'Consulte les données, les invalide ou les confirme.',
  READER: 'Consulte les données.',
  APE: 'Administre les comptes de la structure et détient tous les droits.',
  USER: 'Détient les droits cochés ci-dessous.',
};

interface GrantFieldsProps {
  options: KindOption[];
  draft: GrantDraft;
  onChange: (draft: GrantDraft) => void;
  errors: GrantDraftErrors;
  regions: readonly ReferenceRegion[];
  departments: readonly ReferenceDepartment[];
}

function toggle<T>(values: readonly T[], value: T, checked: boolean): T[] {
  return checked ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value);
}

/** The draft when a kind is chosen: its only organisation and its only role are chosen with it. */
export function draftForKind(draft: GrantDraft, option: KindOption): GrantDraft {
  const onlyFixed =
    !option.any && option.ofOgs.length === 0 && option.fixed.length === 1 ? option.fixed[0] : undefined;
  const code = option.kind === 'NATIONAL' ? 'FR' : (onlyFixed?.ref.code ?? '');
  const organisationLabel = option.kind === 'NATIONAL' ? 'Niveau national' : (onlyFixed?.label ?? '');
  const role = option.roles.length === 1 ? (option.roles[0] ?? '') : '';
  return { ...draft, kind: option.kind, code, organisationLabel, role, rights: [], entryDomains: [] };
}

/** Organisation kind, organisation, role, rights and domains (USER), validity: one GrantInput. */
export function GrantFields({ options, draft, onChange, errors, regions, departments }: GrantFieldsProps) {
  const option = options.find((o) => o.kind === draft.kind);
  const set = (patch: Partial<GrantDraft>) => onChange({ ...draft, ...patch });

  return (
    <>
      <RadioButtons
        legend="Type d'organisation"
        state={errors.kind ? 'error' : 'default'}
        stateRelatedMessage={errors.kind}
        options={options.map((o) => ({
          label: KIND_LABELS[o.kind],
          nativeInputProps: {
            name: 'kind',
            value: o.kind,
            checked: draft.kind === o.kind,
            onChange: () => onChange(draftForKind(draft, o)),
          },
        }))}
      />

      {option && (
        <OrganisationPicker
          key={option.kind}
          option={option}
          value={{ code: draft.code, label: draft.organisationLabel }}
          onChange={({ code, label }) => set({ code, organisationLabel: label })}
          regions={regions}
          departments={departments}
          {...(errors.code ? { error: errors.code } : {})}
        />
      )}

      {option && (
        <RadioButtons
          legend="Rôle"
          state={errors.role ? 'error' : 'default'}
          stateRelatedMessage={errors.role}
          options={option.roles.map((role) => ({
            label: ROLE_LABELS[role],
            hintText: ROLE_HINTS[role],
            nativeInputProps: {
              name: 'role',
              value: role,
              checked: draft.role === role,
              onChange: () => set({ role, rights: [], entryDomains: [] }),
            },
          }))}
        />
      )}

      {draft.role === 'USER' && (
        <Checkbox
          legend="Droits"
          hintText="Vous ne pouvez donner que des droits que vous détenez vous-même."
          orientation="horizontal"
          state={errors.rights ? 'error' : 'default'}
          stateRelatedMessage={errors.rights}
          options={USER_RIGHTS.map((right: UserRight) => ({
            label: rightLabel(right),
            nativeInputProps: {
              name: 'rights',
              value: right,
              checked: draft.rights.includes(right),
              onChange: (event) =>
                set({
                  rights: toggle(draft.rights, right, event.target.checked),
                  ...(right === 'ENTRY' && !event.target.checked ? { entryDomains: [] } : {}),
                }),
            },
          }))}
        />
      )}

      {draft.role === 'USER' && draft.rights.includes('ENTRY') && (
        <Checkbox
          legend="Domaines de saisie (facultatif)"
          hintText="Sans choix, la saisie porte sur tous les domaines du formulaire."
          small
          options={FORM_DOMAINS.map((domain: FormDomain) => ({
            label: domainLabel(domain),
            nativeInputProps: {
              name: 'entryDomains',
              value: domain,
              checked: draft.entryDomains.includes(domain),
              onChange: (event) =>
                set({ entryDomains: toggle(draft.entryDomains, domain, event.target.checked) }),
            },
          }))}
        />
      )}

      {option && (
        <fieldset className={fr.cx('fr-fieldset')} aria-labelledby="validite-legende">
          <legend
            id="validite-legende"
            className={fr.cx('fr-fieldset__legend', 'fr-fieldset__legend--regular')}
          >
            Période de validité (facultatif)
            <span className={fr.cx('fr-hint-text')}>
              Sans date, l'habilitation vaut dès maintenant et sans limite.
            </span>
          </legend>
          <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline')}>
            <Input
              label="Valable à partir du"
              nativeInputProps={{
                type: 'date',
                name: 'validFrom',
                value: draft.validFrom,
                onChange: (event) => set({ validFrom: event.target.value }),
              }}
            />
          </div>
          <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline')}>
            <Input
              label="Valable jusqu'au"
              state={errors.validUntil ? 'error' : 'default'}
              stateRelatedMessage={errors.validUntil}
              nativeInputProps={{
                type: 'date',
                name: 'validUntil',
                value: draft.validUntil,
                min: draft.validFrom || undefined,
                onChange: (event) => set({ validUntil: event.target.value }),
              }}
            />
          </div>
        </fieldset>
      )}
    </>
  );
}
