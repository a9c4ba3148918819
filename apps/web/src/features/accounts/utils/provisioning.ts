import type { ProvisioningLineResult, TransferPrevious } from '@tdb/contracts';

/** The columns of an APE provisioning file, in order, with what each holds. */
export const PROVISIONING_COLUMNS = [
  {
    name: 'FINESS',
    description: "Numéro FINESS géographique de l'établissement, ou juridique de l'organisme gestionnaire",
  },
  { name: 'Nom', description: 'Nom de la personne' },
  { name: 'Prénom', description: 'Prénom de la personne' },
  { name: 'Courriel', description: "Adresse électronique où l'invitation est envoyée" },
  { name: 'Téléphone', description: 'Facultatif' },
  {
    name: 'Transfert',
    description:
      "Facultatif : une organisation n'a qu'un APE. Si elle en a déjà un, ce qu'il devient : « utilisateur » (il garde la saisie, la validation et la lecture) ou « retrait » (il perd son habilitation). Sans cette mention, la ligne est refusée.",
  },
] as const;

export const PROVISIONING_EXAMPLE = [
  ['450000018', 'DURAND', 'Claire', 'claire.durand@ehpad-exemple.fr', '01 23 45 67 89', ''],
  ['450000026', 'MARTIN', 'Karim', 'karim.martin@foyer-exemple.fr', '', 'utilisateur'],
] as const;

/** A CSV template (UTF-8 with BOM, so that spreadsheet software reads the accents), as a data: URL. */
export function provisioningTemplateHref(): string {
  const lines = [PROVISIONING_COLUMNS.map((c) => c.name), ...PROVISIONING_EXAMPLE].map((row) =>
    row.join(';'),
  );
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${lines.join('\r\n')}\r\n`)}`;
}

export const PROVISIONING_MAX_BYTES = 10 * 1024 * 1024;

/** Why the chosen file cannot be sent, or null. */
export function checkProvisioningFile(file: File | null): string | null {
  if (!file) return 'Choisissez le fichier des APE.';
  if (!/\.(csv|xlsx)$/i.test(file.name)) return 'Le fichier doit être au format .csv ou .xlsx.';
  if (file.size === 0) return 'Le fichier est vide.';
  if (file.size > PROVISIONING_MAX_BYTES) return 'Le fichier dépasse 10 Mo.';
  return null;
}

export const OUTCOME_LABELS: Readonly<Record<ProvisioningLineResult['outcome'], string>> = {
  invited: 'Invitation envoyée',
  grant_added: 'Habilitation APE ajoutée au compte existant',
  unchanged: 'Déjà APE : aucun changement',
};

/** What became of the previous APE, when a line replaced it. */
export const TRANSFER_OUTCOMES: Readonly<Record<TransferPrevious, string>> = {
  USER: "l'ancien APE devient utilisateur",
  REVOKE: "l'ancien APE perd son habilitation",
  CONTROLLER: "l'ancien administrateur devient contrôleur",
  READER: "l'ancien administrateur devient lecteur",
};

export const OUTCOME_SEVERITIES: Readonly<Record<ProvisioningLineResult['outcome'], 'success' | 'info'>> = {
  invited: 'success',
  grant_added: 'success',
  unchanged: 'info',
};
