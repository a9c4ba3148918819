import { useEffect, useId, useMemo, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import type { ReferenceDepartment, ReferenceRegion } from '@tdb/contracts';
import { useStructureOptions } from '../api/get-structure-options';
import type { KindOption } from '../utils/grant-targets';

export interface PickedOrganisation {
  code: string;
  label: string;
}

interface OrganisationPickerProps {
  option: KindOption;
  value: PickedOrganisation;
  onChange: (value: PickedOrganisation) => void;
  regions: readonly ReferenceRegion[];
  departments: readonly ReferenceDepartment[];
  error?: string;
}

function useDebouncedValue<T>(value: T, delayMs = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** A select over the caller's own organisations of that kind (one: just said). */
function FixedOrganisation({
  option,
  value,
  onChange,
  error,
}: Omit<OrganisationPickerProps, 'regions' | 'departments'>) {
  const only = option.fixed.length === 1 ? option.fixed[0] : undefined;
  if (only) {
    return (
      <p className={fr.cx('fr-mb-3w')}>
        Organisation : <strong>{only.label}</strong>
      </p>
    );
  }
  return (
    <Select
      label="Organisation"
      state={error ? 'error' : 'default'}
      stateRelatedMessage={error}
      nativeSelectProps={{
        name: 'code',
        value: value.code,
        onChange: (event) => {
          const picked = option.fixed.find((f) => f.ref.code === event.target.value);
          onChange({ code: event.target.value, label: picked?.label ?? event.target.value });
        },
      }}
    >
      <option value="" disabled>
        Sélectionnez une organisation
      </option>
      {option.fixed.map((f) => (
        <option key={f.ref.code} value={f.ref.code}>
          {f.label}
        </option>
      ))}
    </Select>
  );
}

/**
 * Finds an ESMS (or, for an OG, the organisme gestionnaire of the structures found) through the
 * structures search of the API, which only returns the structures within the caller's perimeter.
 */
function StructureSearch({
  mode,
  og,
  value,
  onChange,
  error,
}: {
  mode: 'ESMS' | 'OG';
  og?: string;
  value: PickedOrganisation;
  onChange: (value: PickedOrganisation) => void;
  error?: string;
}) {
  const [text, setText] = useState('');
  const [typedFiness, setTypedFiness] = useState('');
  const q = useDebouncedValue(text);
  const options = useStructureOptions(og ? { q, og } : { q });
  const statusId = useId();

  const choices = useMemo(() => {
    const items = options.data?.items ?? [];
    if (mode === 'ESMS') {
      return items.map((s) => ({
        code: s.finess,
        label: `${s.name} (${s.finess})`,
        hint: [s.categoryLabel, s.city, `${s.departmentCode} – ${s.departmentName}`]
          .filter(Boolean)
          .join(' · '),
      }));
    }
    const byOg = new Map<string, { code: string; label: string; hint: string }>();
    for (const s of items) {
      const known = byOg.get(s.ogFiness);
      if (known) continue;
      byOg.set(s.ogFiness, {
        code: s.ogFiness,
        label: `${s.ogName ?? 'Organisme gestionnaire'} (${s.ogFiness})`,
        hint: `Gère notamment ${s.name}`,
      });
    }
    return [...byOg.values()];
  }, [options.data, mode]);

  const searching = q.trim().length >= 2;
  const status = !searching
    ? ''
    : options.isFetching
      ? 'Recherche en cours…'
      : options.isError
        ? `La recherche n'a pas abouti : ${options.error.message}`
        : choices.length === 0
          ? mode === 'ESMS'
            ? 'Aucune structure ne correspond dans votre périmètre.'
            : 'Aucun organisme gestionnaire trouvé dans votre périmètre.'
          : `${choices.length} résultat${choices.length > 1 ? 's' : ''}${(options.data?.total ?? 0) > choices.length && mode === 'ESMS' ? ` (sur ${options.data?.total} : précisez la recherche)` : ''}`;

  return (
    <div className={fr.cx('fr-mb-3w')}>
      <Input
        label={
          mode === 'ESMS'
            ? 'Rechercher la structure'
            : "Rechercher l'organisme gestionnaire par une de ses structures"
        }
        hintText="Nom ou numéro FINESS, 2 caractères au moins"
        state={error && !value.code ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          type: 'search',
          name: 'organisationSearch',
          value: text,
          autoComplete: 'off',
          spellCheck: false,
          'aria-describedby': statusId,
          onChange: (event) => setText(event.target.value),
        }}
      />
      <p id={statusId} role="status" className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
        {status}
      </p>
      {searching && choices.length > 0 && (
        <RadioButtons
          legend={mode === 'ESMS' ? 'Structures trouvées' : 'Organismes gestionnaires trouvés'}
          small
          options={choices.map((choice) => ({
            label: choice.label,
            hintText: choice.hint,
            nativeInputProps: {
              name: 'organisationChoice',
              value: choice.code,
              checked: value.code === choice.code,
              onChange: () => {
                setTypedFiness('');
                onChange({ code: choice.code, label: choice.label });
              },
            },
          }))}
        />
      )}
      <Input
        label={
          mode === 'ESMS'
            ? 'Ou saisissez son numéro FINESS géographique'
            : 'Ou saisissez son numéro FINESS juridique'
        }
        hintText="9 caractères, par exemple 450000018"
        nativeInputProps={{
          name: mode === 'ESMS' ? 'esmsFiness' : 'ogFiness',
          value: typedFiness,
          maxLength: 9,
          autoComplete: 'off',
          spellCheck: false,
          onChange: (event) => {
            const code = event.target.value.trim().toUpperCase();
            setTypedFiness(code);
            onChange({
              code,
              label: mode === 'ESMS' ? `Structure ${code}` : `Organisme gestionnaire ${code}`,
            });
          },
        }}
      />
      {value.code !== '' && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
          {mode === 'ESMS' ? 'Structure choisie' : 'Organisme gestionnaire choisi'} :{' '}
          <strong>{value.label}</strong>
        </p>
      )}
    </div>
  );
}

/** The organisation of a grant, as fits its kind and what the caller may grant. */
export function OrganisationPicker({
  option,
  value,
  onChange,
  regions,
  departments,
  error,
}: OrganisationPickerProps) {
  switch (option.kind) {
    case 'NATIONAL':
      return (
        <p className={fr.cx('fr-mb-3w')}>
          Organisation : <strong>niveau national</strong>
        </p>
      );
    case 'ARS':
    case 'CD': {
      if (!option.any)
        return <FixedOrganisation option={option} value={value} onChange={onChange} error={error} />;
      const isArs = option.kind === 'ARS';
      const choices = isArs
        ? regions.map((r) => ({ code: r.code, label: `ARS ${r.name}`, text: r.name }))
        : departments.map((d) => ({
            code: d.code,
            label: `Département ${d.code} (${d.name})`,
            text: `${d.code} – ${d.name}`,
          }));
      return (
        <Select
          label={isArs ? "Région de l'ARS" : 'Département'}
          disabled={choices.length === 0}
          hint={choices.length === 0 ? 'Chargement de la liste…' : undefined}
          state={error ? 'error' : 'default'}
          stateRelatedMessage={error}
          nativeSelectProps={{
            name: 'code',
            value: value.code,
            onChange: (event) => {
              const picked = choices.find((c) => c.code === event.target.value);
              onChange({ code: event.target.value, label: picked?.label ?? event.target.value });
            },
          }}
        >
          <option value="" disabled>
            {isArs ? 'Sélectionnez une région' : 'Sélectionnez un département'}
          </option>
          {choices.map((choice) => (
            <option key={choice.code} value={choice.code}>
              {choice.text}
            </option>
          ))}
        </Select>
      );
    }
    case 'ESMS': {
      if (!option.any && option.ofOgs.length === 0) {
        return <FixedOrganisation option={option} value={value} onChange={onChange} error={error} />;
      }
      const og = !option.any && option.ofOgs.length === 1 ? option.ofOgs[0] : undefined;
      return (
        <StructureSearch
          mode="ESMS"
          {...(og ? { og } : {})}
          value={value}
          onChange={onChange}
          {...(error ? { error } : {})}
        />
      );
    }
    case 'OG':
      if (!option.any)
        return <FixedOrganisation option={option} value={value} onChange={onChange} error={error} />;
      return <StructureSearch mode="OG" value={value} onChange={onChange} {...(error ? { error } : {})} />;
    default:
      return null;
  }
}
