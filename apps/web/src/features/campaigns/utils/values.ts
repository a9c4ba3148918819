import type { ItemValue } from '@tdb/contracts';
import { isEmptyValue, validateValue, type Item } from '@tdb/dictionary';

/** A stored value as the text of its input: "12,5", "true", a choice code, "2025-03-01". */
export function toInputText(value: ItemValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 });

/** A stored value for reading: "1 234,5 €", "Oui", the choice's label, "1 mars 2025". */
export function displayValue(item: Item | undefined, value: ItemValue | undefined): string {
  if (value === null || value === undefined || value === '') return 'non renseigné';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') {
    const text = numberFormat.format(value).replace(/\u202f/g, ' ');
    return item?.unit ? `${text} ${item.unit}` : text;
  }
  if (item?.type === 'choice') return item.choices?.find((c) => c.code === value)?.label ?? value;
  if (item?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return value;
}

export type CheckedInput = { ok: true; value: ItemValue } | { ok: false; message: string };

/** What the user typed, checked as the API will: blank erases the value (null). */
export function checkInput(item: Item, raw: string): CheckedInput {
  if (isEmptyValue(raw)) return { ok: true, value: null };
  const result = validateValue(item, raw);
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: result.message };
}

export function sameValue(a: ItemValue | undefined, b: ItemValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}
