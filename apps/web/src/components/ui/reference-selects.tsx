import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ReferenceDepartment } from '@tdb/contracts';
import { useReference } from '@/lib/api/get-reference';

interface ReferenceSelectProps {
  /** The selected code; undefined: every one. */
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  label?: string;
  /** The first option, for "every one". */
  allLabel?: string;
}

/** A filter on a code of the reference data, its first option meaning "every one". */
function CodeSelect({
  value,
  onChange,
  label,
  allLabel,
  options,
}: Required<ReferenceSelectProps> & { options: readonly { code: string; text: string }[] }) {
  return (
    <Select
      label={label}
      nativeSelectProps={{ value: value ?? '', onChange: (e) => onChange(e.target.value || undefined) }}
    >
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.text}
        </option>
      ))}
    </Select>
  );
}

/** A filter on the department (code and name): every one, or those `only` keeps (the reader's territory). */
export function DepartmentSelect({
  label = 'Département',
  allLabel = 'Tous les départements',
  only,
  ...props
}: ReferenceSelectProps & { only?: (department: ReferenceDepartment) => boolean }) {
  const all = useReference().data?.departments ?? [];
  const departments = only ? all.filter(only) : all;
  return (
    <CodeSelect
      {...props}
      label={label}
      allLabel={allLabel}
      options={departments.map((d) => ({ code: d.code, text: `${d.code} – ${d.name}` }))}
    />
  );
}

/** A filter on the ESMS category. */
export function CategorySelect({
  label = 'Catégorie',
  allLabel = 'Toutes les catégories',
  ...props
}: ReferenceSelectProps) {
  const categories = useReference().data?.categories ?? [];
  return (
    <CodeSelect
      {...props}
      label={label}
      allLabel={allLabel}
      options={categories.map((c) => ({ code: c.code, text: c.shortLabel }))}
    />
  );
}
