/** French formatting of numbers and dates (Intl fr-FR), in one place. */

const integerFormat = new Intl.NumberFormat('fr-FR');
const coordinateFormat = new Intl.NumberFormat('fr-FR', {
  minimumFractionDigits: 5,
  maximumFractionDigits: 6,
});
const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** "1 254 structures", "1 structure", "0 structure" (French: 0 and 1 take the singular). */
export function formatCount(value: number, singular: string, plural: string): string {
  return `${formatInteger(value)} ${Math.abs(value) >= 2 ? plural : singular}`;
}

export function formatCoordinate(value: number): string {
  return coordinateFormat.format(value);
}

/** A calendar date ("2019-03-01") or an instant, shown as "1 mars 2019". */
export function formatDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** An instant shown as "23 novembre 2026 à 11:41". */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

/** "0102030405" → "01 02 03 04 05"; other shapes are shown as given. */
export function formatPhone(value: string | null): string | null {
  if (!value) return null;
  const digits = value.replace(/\s+/g, '');
  return /^\d{10}$/.test(digits) ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : value;
}

/** "12345678901234" → "123 456 789 01234" (SIREN + NIC). */
export function formatSiret(value: string | null): string | null {
  if (!value) return null;
  const digits = value.replace(/\s+/g, '');
  return /^\d{14}$/.test(digits)
    ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`
    : value;
}

/** "42 %" (no-break space, never wrapped apart): a ratio in [0, 1] as a whole percentage, rounded down (99.9 % is not yet 100 %). */
export function percent(ratio: number): string {
  return `${Math.floor(ratio * 100)}\u00a0%`;
}
