import type { AtypiaFlagStatus, AtypiaMessageDto } from '@tdb/contracts';

export const FLAG_STATUS_LABELS: Record<AtypiaFlagStatus, string> = {
  OPEN: 'Ouvert',
  JUSTIFIED: 'Justifié',
  ACCEPTED: 'Accepté',
  TO_CORRECT: 'À corriger',
  RESOLVED: 'Résolu',
};

export const FLAG_STATUSES = Object.keys(FLAG_STATUS_LABELS) as AtypiaFlagStatus[];

export const SEVERITY_LABELS: Record<string, string> = {
  high: 'Forte',
  medium: 'Moyenne',
  low: 'Faible',
};

export const PRIORITY_LABELS: Record<number, string> = {
  0: 'Aucune',
  1: 'Basse',
  2: 'Moyenne',
  3: 'Haute',
};

export function priorityLabel(priority: number): string {
  return PRIORITY_LABELS[priority] ?? String(priority);
}

export const MESSAGE_KIND_LABELS: Record<AtypiaMessageDto['kind'], string> = {
  JUSTIFICATION: 'Justification',
  COMMENT: 'Commentaire',
  DECISION: 'Décision',
  SYSTEM: 'Information',
};

export const DECISION_LABELS: Record<'ACCEPTED' | 'TO_CORRECT', string> = {
  ACCEPTED: 'Valeur acceptée',
  TO_CORRECT: 'Valeur à corriger',
};

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A value of a flag or of its reference figures, in French. */
export function formatFigure(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return numberFormat.format(value);
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (Array.isArray(value)) return value.map(formatFigure).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
