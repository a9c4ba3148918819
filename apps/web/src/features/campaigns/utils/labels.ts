/** « Campagne 2025 (données 2024) »: a past campaign named with the year its data describe. */
export function campaignLabel(year: number): string {
  return `Campagne ${year} (données ${year - 1})`;
}

/**
 * « Taux d'occupation : Donnée obligatoire… » — the field's label before a message, unless the
 * message already starts with it (never « X : X : … »).
 */
export function withFieldLabel(label: string, message: string): string {
  const text = message.trim();
  return text.toLocaleLowerCase('fr-FR').startsWith(`${label} :`.toLocaleLowerCase('fr-FR'))
    ? text
    : `${label} : ${text}`;
}
