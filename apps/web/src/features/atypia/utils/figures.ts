import type { AtypiaFlagDto, AtypiaTargetDto } from '@tdb/contracts';
import { findCategory, findDepartment, findRegion } from '@tdb/reference';
import { formatIndicatorValue } from '@/lib/indicator-format';

/** One line of a flag's figures, in French: what it is, and its value with its unit. */
export interface Figure {
  label: string;
  value: string;
}

const NBSP = '\u00a0';
const signed = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const ratioFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** "+40 %" for a relative change given as a fraction (0.4). */
function relativeChange(fraction: number): string {
  return `${signed.format(fraction * 100)}${NBSP}%`;
}

/** "+3 ETP", "-12 pts" for a rate: a difference in the target's unit. */
function absoluteChange(delta: number, unit: string): string {
  const text = `${delta > 0 ? '+' : ''}${formatIndicatorValue(delta, unit === '%' ? '' : unit)}`;
  return unit === '%' ? `${text}${NBSP}pt${Math.abs(delta) >= 2 ? 's' : ''}` : text;
}

const OPERATORS: Record<string, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };

/** "les 42 EHPAD du département Cher (18)", as the peer rules word their groups. */
function peerGroup(reference: Record<string, unknown>): string | null {
  const { n, categoryCode, level, territoryCode } = reference;
  if (!isNumber(n) || typeof level !== 'string') return null;
  const category =
    typeof categoryCode === 'string' ? (findCategory(categoryCode)?.shortLabel ?? categoryCode) : '';
  const code = typeof territoryCode === 'string' ? territoryCode : '';
  const territory =
    level === 'national'
      ? 'au niveau national'
      : level === 'region'
        ? `de la région ${findRegion(code)?.name ?? code}`
        : `du département ${findDepartment(code)?.name ?? code} (${code})`;
  return `${n} ${category} ${territory}`.replace(/\s+/g, ' ');
}

/** The N-1 part that bounds and peer rules add when last campaign's value is known. */
function yearOverYear(part: unknown, value: (n: unknown) => string): Figure[] {
  if (typeof part !== 'object' || part === null) return [];
  const { previous, relativeChange: change } = part as Record<string, unknown>;
  const figures: Figure[] = [];
  if (isNumber(previous)) figures.push({ label: 'Valeur de la campagne précédente', value: value(previous) });
  if (isNumber(change))
    figures.push({ label: 'Évolution depuis la campagne précédente', value: relativeChange(change) });
  return figures;
}

/**
 * The figures behind a flag (its rule's `reference`), labelled in French and in the unit of the
 * target, by kind of rule; codes the rules add for themselves (group keys, operators) are turned
 * into sentences or left out, never shown raw.
 */
export function flagFigures(
  flag: Pick<AtypiaFlagDto, 'kind' | 'reference'>,
  target: AtypiaTargetDto,
): Figure[] {
  const unit = target.unit ?? '';
  const r = flag.reference ?? {};
  const value = (n: unknown) => (isNumber(n) ? formatIndicatorValue(n, unit) : '—');
  const figures: Figure[] = [];
  const add = (label: string, n: unknown) => {
    if (isNumber(n)) figures.push({ label, value: value(n) });
  };
  switch (flag.kind) {
    case 'bounds':
      add('Minimum attendu', r['min']);
      add('Maximum attendu', r['max']);
      figures.push(...yearOverYear(r['yearOverYear'], value));
      break;
    case 'coherence': {
      add('Premier terme', r['left']);
      add('Second terme', r['right']);
      const operator = typeof r['operator'] === 'string' ? OPERATORS[r['operator']] : undefined;
      if (operator) figures.push({ label: 'Attendu', value: `premier terme ${operator} second terme` });
      if (isNumber(r['gap'])) figures.push({ label: 'Écart', value: absoluteChange(r['gap'], unit) });
      if (isNumber(r['tolerance']) && r['tolerance'] > 0) add('Tolérance', r['tolerance']);
      break;
    }
    case 'year_over_year': {
      add('Valeur de la campagne précédente', r['previous']);
      const delta = r['delta'];
      if (isNumber(delta)) {
        figures.push({
          label: 'Évolution',
          value: r['change'] === 'absolute' ? absoluteChange(delta, unit) : relativeChange(delta),
        });
      }
      if (isNumber(r['ratio'])) {
        figures.push({
          label: 'Rapport à la campagne précédente',
          value: `×${NBSP}${ratioFormat.format(r['ratio'])}`,
        });
      }
      break;
    }
    case 'peer_outlier': {
      const group = peerGroup(r);
      if (group) figures.push({ label: 'Comparée aux structures', value: group });
      if (r['side'] === 'high' || r['side'] === 'low') {
        figures.push({
          label: 'Position',
          value: r['side'] === 'high' ? 'Au-dessus de la borne haute' : 'En dessous de la borne basse',
        });
      }
      add('Borne basse', r['lowerBound']);
      add('Borne haute', r['upperBound']);
      add('Minimum des pairs', r['min']);
      add('1er quartile des pairs', r['q1']);
      add('Médiane des pairs', r['median']);
      add('3e quartile des pairs', r['q3']);
      add('Maximum des pairs', r['max']);
      figures.push(...yearOverYear(r['yearOverYear'], value));
      break;
    }
  }
  return figures;
}

/** A target's value in its unit ("2 400 000 €"), "—" when there is none. */
export function targetValue(value: number | null, target: AtypiaTargetDto): string {
  return value === null ? '—' : formatIndicatorValue(value, target.unit ?? '');
}
