import { Select } from '@codegouvfr/react-dsfr/Select';
import { useReference } from '../api/get-reference';

interface ReferenceSelectProps {
  /** The selected code; undefined: every one. */
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  label?: string;
  /** The first option, for "every one". */
  allLabel?: string;
}

/** A filter on the department, from the reference data (every department, code and name). */
export function DepartmentSelect({
  value,
  onChange,
  label = 'Département',
  allLabel = 'Tous les départements',
}: ReferenceSelectProps) {
  const reference = useReference();
  return (
    <Select
      label={label}
      nativeSelectProps={{ value: value ?? '', onChange: (e) => onChange(e.target.value || undefined) }}
    >
      <option value="">{allLabel}</option>
      {(reference.data?.departments ?? []).map((d) => (
        <option key={d.code} value={d.code}>
          {d.code} – {d.name}
        </option>
      ))}
    </Select>
  );
}

/** A filter on the ESMS category, from the reference data. */
export function CategorySelect({
  value,
  onChange,
  label = 'Catégorie',
  allLabel = 'Toutes les catégories',
}: ReferenceSelectProps) {
  const reference = useReference();
  return (
    <Select
      label={label}
      nativeSelectProps={{ value: value ?? '', onChange: (e) => onChange(e.target.value || undefined) }}
    >
      <option value="">{allLabel}</option>
      {(reference.data?.categories ?? []).map((c) => (
        <option key={c.code} value={c.code}>
          {c.shortLabel}
        </option>
      ))}
    </Select>
  );
}
