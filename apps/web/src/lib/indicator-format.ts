import type { IndicatorAxisCode, IndicatorSheet, IndicatorValueDto } from '@tdb/contracts';
import { findCategory } from '@tdb/reference';

export const AXIS_ORDER: readonly IndicatorAxisCode[] = [
  'PRESTATIONS',
  'RESSOURCES',
  'FINANCES',
  'OBJECTIFS',
];

/** Used until the guide (which carries the labels) is loaded, or if it failed. */
export const DEFAULT_AXIS_LABELS: Readonly<Record<IndicatorAxisCode, string>> = {
  PRESTATIONS: "Prestations de soins et d'accompagnement",
  RESSOURCES: 'Ressources humaines et matérielles',
  FINANCES: 'Finances et budget',
  OBJECTIFS: 'Objectifs',
};

/** The axis labels of the guide's sheets, completed by the default ones. */
export function axisLabelsOf(
  sheets: readonly IndicatorSheet[] | undefined,
): Record<IndicatorAxisCode, string> {
  const labels = { ...DEFAULT_AXIS_LABELS };
  for (const sheet of sheets ?? []) if (sheet.axisLabel) labels[sheet.axis] = sheet.axisLabel;
  return labels;
}

const NBSP = '\u00a0';
const percentFormat = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const euroFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const shareFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A number in French: "87,5" for a percentage (one decimal), "1 254 300" for euros, up to 2 decimals else. */
export function formatNumber(value: number, unit: string): string {
  if (unit === '%') return percentFormat.format(value);
  if (unit === '€') return euroFormat.format(value);
  return decimalFormat.format(value);
}

/** A value with its unit: "87,5 %", "1 254 300 €", "0,65 ETP par place" (a bare ratio has no unit). */
export function formatIndicatorValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const text = formatNumber(value, unit);
  return unit === '' || unit === 'ratio' ? text : `${text}${NBSP}${unit}`;
}

/** A share of a distribution, already in percent (0–100): "34,5 %". */
export function formatShare(share: number): string {
  return `${shareFormat.format(share)}${NBSP}%`;
}

export type Trend = 'up' | 'down' | 'stable';

export interface TrendReading {
  trend: Trend;
  arrow: string;
  text: string;
}

/**
 * The change since last campaign, and whether it is good news given the sheet's direction:
 * "En hausse (favorable)". Null when either value is missing.
 */
export function trendOf(
  indicator: Pick<IndicatorValueDto, 'value' | 'previousValue' | 'unit'>,
  direction?: IndicatorSheet['direction'],
): TrendReading | null {
  const { value, previousValue } = indicator;
  if (value === null || previousValue === null) return null;
  // Compare what is shown: 87,54 and 87,46 both read "87,5 %".
  const shown = (n: number) => formatNumber(n, indicator.unit);
  const trend: Trend =
    shown(value) === shown(previousValue) ? 'stable' : value > previousValue ? 'up' : 'down';
  if (trend === 'stable') return { trend, arrow: '→', text: 'Stable' };
  let text = trend === 'up' ? 'En hausse' : 'En baisse';
  if (direction === 'higher_is_better') text += trend === 'up' ? ' (favorable)' : ' (défavorable)';
  if (direction === 'lower_is_better') text += trend === 'down' ? ' (favorable)' : ' (défavorable)';
  return { trend, arrow: trend === 'up' ? '↗' : '↘', text };
}

/** "Toutes les catégories", or the short labels of the categories ("EHPAD, SSIAD"). */
export function categoriesLabel(categories: IndicatorSheet['categories']): string {
  if (categories === 'ALL') return 'Toutes les catégories';
  if (categories.length === 0) return 'Aucune catégorie';
  return categories.map((code) => findCategory(code)?.shortLabel ?? code).join(', ');
}

/** Lower case, without accents nor extra spaces: "Éléments  DÉCÈS" → "elements deces". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a sheet matches the search words (all of them, in its label, code or meaning). */
export function sheetMatches(sheet: IndicatorSheet, query: string): boolean {
  const words = normalizeText(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalizeText(`${sheet.code} ${sheet.label} ${sheet.meaning}`);
  return words.every((word) => haystack.includes(word));
}
