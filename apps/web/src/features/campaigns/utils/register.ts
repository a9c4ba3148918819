import type { ItemValue, RegisterValueDto } from '@tdb/contracts';

/** « 15/01/2026 » from « 2026-01-15 ». */
function frenchDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * What the form says of an item a State register knows: « Issu de FINESS au JJ/MM/AAAA » while the
 * saved value is the prefilled one, otherwise the register's value for comparison (the structure's
 * own value then stands; the coherence warning comes from the API's issues).
 */
export function registerNote(
  register: RegisterValueDto | undefined,
  saved: ItemValue | undefined,
): { kind: 'source'; text: string } | { kind: 'compare'; text: string } | null {
  if (!register) return null;
  if (register.prefilledValue !== null && saved === register.prefilledValue) {
    const date =
      register.value === register.prefilledValue
        ? register.sourceDate
        : (register.prefilledSourceDate ?? register.sourceDate);
    return { kind: 'source', text: `Issu de ${register.sourceLabel} au ${frenchDate(date)}` };
  }
  const value = new Intl.NumberFormat('fr-FR').format(register.value).replace(/\u202f/g, ' ');
  return {
    kind: 'compare',
    text: `${register.sourceLabel} au ${frenchDate(register.sourceDate)} : ${value}`,
  };
}
