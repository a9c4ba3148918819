/**
 * French number formatting for atypia messages (Intl fr-FR, with its narrow and ordinary
 * non-breaking spaces turned into plain spaces so that messages compare and log simply).
 */

const formatters = new Map<number, Intl.NumberFormat>();

function formatter(maximumFractionDigits: number): Intl.NumberFormat {
  let f = formatters.get(maximumFractionDigits);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { maximumFractionDigits, minimumFractionDigits: 0 });
    formatters.set(maximumFractionDigits, f);
  }
  return f;
}

/** Non-breaking spaces (U+00A0, U+202F) to plain spaces. */
export function normaliseSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** Fraction digits shown: 1 for percentages, 0 for euros, else by magnitude. */
function digitsFor(value: number, unit: string | undefined): number {
  if (unit === '%') return 1;
  if (unit === '€') return 0;
  const a = Math.abs(value);
  if (a >= 1000) return 0;
  if (a >= 10) return 1;
  return 2;
}

/**
 * "1 234,5" — French grouping and decimal comma, plain spaces; "–" (never "NaN") for a value that
 * is not a finite number. A value that rounds to zero prints "0", not "-0".
 */
export function formatNumber(value: number, maximumFractionDigits?: number, unit?: string): string {
  if (!Number.isFinite(value)) return '–';
  const digits = maximumFractionDigits ?? digitsFor(value, unit);
  const text = normaliseSpaces(formatter(digits).format(value));
  return /^-0(,0*)?$/.test(text) ? '0' : text;
}

/** Units written as plural French words ("personnes", "lits/places"): singular below 2. */
const PLURAL_WORD = /^[a-zàâçéèêëîïôûùüÿœ]+s$/;

function unitFor(value: number, unit: string): string {
  if (Math.abs(value) >= 2) return unit;
  return unit
    .split('/')
    .map((w) => (PLURAL_WORD.test(w) ? w.slice(0, -1) : w))
    .join('/');
}

/** "142 %", "4 520 000 €", "12,5 ETP", "730 jours", "1 personne". */
export function formatValue(value: number, unit?: string): string {
  const n = formatNumber(value, undefined, unit);
  return unit ? `${n} ${unitFor(value, unit)}` : n;
}

/** "+40 %", "-12,5 %" — a relative change given as a fraction (0.4 = +40 %). */
export function formatRelativeChange(fraction: number): string {
  const pct = fraction * 100;
  const text = formatNumber(pct, Math.abs(pct) >= 100 ? 0 : 1);
  return `${pct > 0 && text !== '0' ? '+' : ''}${text} %`;
}

/** "+12 pts" for a rate, "+3 ETP" otherwise — an absolute change in the target's unit. */
export function formatAbsoluteChange(delta: number, unit?: string): string {
  const shownUnit = unit === '%' ? (Math.abs(delta) >= 2 ? 'pts' : 'pt') : unit && unitFor(delta, unit);
  const text = formatNumber(delta, undefined, unit === '%' ? undefined : unit);
  return `${delta > 0 && text !== '0' ? '+' : ''}${text}${shownUnit ? ` ${shownUnit}` : ''}`;
}

/** "× 1 000" or "÷ 1 000" for a large ratio between N and N-1. */
export function formatRatio(ratio: number): string {
  if (ratio >= 1) return `× ${formatNumber(ratio, ratio >= 100 ? 0 : 1)}`;
  const inverse = 1 / ratio;
  return `÷ ${formatNumber(inverse, inverse >= 100 ? 0 : 1)}`;
}

/** "1er centile", "95e centile". */
export function ordinalPercentile(p: number): string {
  const text = formatNumber(p, 1);
  return `${text === '1' ? '1er' : `${text}e`} centile`;
}

/**
 * Replaces `{name}` placeholders by their value; an unknown placeholder is left as is (the loader
 * rejects templates with unknown placeholders, so this only matters for hand-built rules).
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? (values[name] as string) : whole,
  );
}

/** Placeholder names used by a template, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) names.add(m[1] as string);
  return [...names];
}
