import type { FollowUpRow } from '@tdb/contracts';

/**
 * The category the territory views open on: the one with the most validated or confirmed
 * submissions in the person's scope (those the distributions are made of), from the follow-up's
 * counts; the first category when nothing is validated yet, or the counts are not known.
 */
export function initialCategory(
  categories: readonly { code: string }[],
  rows: readonly Pick<FollowUpRow, 'categoryCode' | 'counts'>[] | undefined,
): string {
  const validated = new Map<string, number>();
  for (const row of rows ?? []) {
    const n = row.counts.VALIDATED + row.counts.CONFIRMED;
    validated.set(row.categoryCode, (validated.get(row.categoryCode) ?? 0) + n);
  }
  let best = categories[0]?.code ?? '';
  let most = 0;
  for (const { code } of categories) {
    const n = validated.get(code) ?? 0;
    if (n > most) [best, most] = [code, n];
  }
  return best;
}
