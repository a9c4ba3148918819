import type { SupportQuestionStatus } from '@tdb/contracts';

export const STATUS_LABELS: Record<SupportQuestionStatus, string> = {
  NEW: 'Nouvelle',
  ANSWERED: 'Répondue',
  CLOSED: 'Close',
};

export const STATUS_SEVERITY: Record<SupportQuestionStatus, 'new' | 'success' | 'info'> = {
  NEW: 'new',
  ANSWERED: 'success',
  CLOSED: 'info',
};

/** « 2,5 h », « 3 j » — a delay in hours, for the follow-up table. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 48) return `${hours.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} h`;
  return `${(hours / 24).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} j`;
}

/** What the structure's page was, in words, from its SPA path (shown in the thread). */
export function pageLabel(path: string | null): string | null {
  if (!path) return null;
  if (/\/structures\/[^/]+\/indicateurs/.test(path)) return 'Indicateurs de la structure';
  if (/\/structures\/[^/]+\/restitution/.test(path)) return 'Restitution de la structure';
  if (/\/campagnes\/[^/]+\/structures\//.test(path)) return 'Formulaire de saisie';
  if (/\/campagnes\/[^/]+\/organisations\//.test(path)) return 'Grille de l’organisme gestionnaire';
  if (/\/campagnes\/[^/]+\/atypies/.test(path)) return 'Atypies';
  if (path.startsWith('/indicateurs')) return 'Guide des indicateurs';
  if (path === '/') return 'Accueil (Mes étapes)';
  return path;
}
