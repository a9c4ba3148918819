import { hashSecret } from '../../common/auth/token-hash';

/**
 * How failed sign-ins slow down the next ones. Two counters per address typed, kept whether an
 * account has that address or not (so that the answers never tell): one per address and IP, which
 * stops a guesser quickly without touching the owner signing in from elsewhere, and one per
 * address, which caps distributed guessing at one try a minute without ever locking the owner out
 * for long. A successful sign-in clears both.
 */
export interface ThrottleRule {
  /** Failures counted within this window; the count restarts after it (unless blocked). */
  windowMinutes: number;
  /** Failures allowed in the window before each further one blocks. */
  freeFailures: number;
  /** Block after the failure that makes `failures` (0 when none). */
  blockMinutes(failures: number): number;
}

const MAX_PAIR_BLOCK_MINUTES = 15;

export const PAIR_RULE: ThrottleRule = {
  windowMinutes: 15,
  freeFailures: 5,
  // 1, 2, 4, 8, then 15 minutes.
  blockMinutes: (failures) =>
    failures < 5 ? 0 : Math.min(MAX_PAIR_BLOCK_MINUTES, 2 ** Math.min(failures - 5, 10)),
};

export const ADDRESS_RULE: ThrottleRule = {
  windowMinutes: 15,
  freeFailures: 20,
  blockMinutes: (failures) => (failures < 20 ? 0 : 1),
};

export interface ThrottleKey {
  /** SHA-256 of the kind and the normalised address (and IP): the table stores no address. */
  key: string;
  rule: ThrottleRule;
}

export function normalisedEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const address = normalisedEmail(email);
  return [
    { key: hashSecret(`pair:${address}|${ip ?? 'unknown'}`), rule: PAIR_RULE },
    { key: hashSecret(`address:${address}`), rule: ADDRESS_RULE },
  ];
}
