/**
 * FINESS numbers: 9 characters, `[0-9][0-9AB][0-9]{7}`; positions 1-2 are the department ("01"…"95",
 * "2A"/"2B" for Corsica, "97"/"98" + digit overseas), the 9th character is a check key.
 *
 * Key rule (shared/domain/README.md §3.1, verified on 64 real numbers incl. 970100020): the full
 * 9-digit number satisfies the Luhn (mod 10) algorithm, the key being the Luhn check digit of the
 * first 8 characters.
 *
 * Corsica (2A/2B): no real Corsican number could be checked. Project convention: for the key
 * computation only, the letter in position 2 is replaced by '0' (i.e. "2A" and "2B" are treated as
 * "20"), so that Corsican numbers are validated by the same Luhn rule. If real data disproves this,
 * change `digitsForKey` only.
 */

export type FinessValidation = { ok: true; finess: string } | { ok: false; reason: string };

const DIGITS = /^[0-9]+$/;

/** Trims, uppercases and pads an 8-digit number back to 9 with a leading 0 (spreadsheets drop it). */
export function normaliseFinessNumber(raw: string): string {
  const value = raw.trim().toUpperCase();
  return value.length === 8 && DIGITS.test(value) ? `0${value}` : value;
}

/**
 * The Luhn check digit of a string of digits: the digit to append so that the whole string
 * satisfies Luhn (every second digit from the right, starting with the last given one, is doubled).
 */
export function computeLuhnCheckDigit(digits: string): string {
  if (!DIGITS.test(digits)) throw new Error(`computeLuhnCheckDigit: digits expected, got "${digits}"`);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Whether a string of digits satisfies the Luhn (mod 10) check. */
export function isLuhnValid(digits: string): boolean {
  return (
    digits.length >= 2 &&
    DIGITS.test(digits) &&
    computeLuhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1)
  );
}

/** Replaces the Corsican letter (2A/2B) by '0' for the key computation (see the file comment). */
function digitsForKey(first8: string): string {
  return first8.replace(/^2[AB]/, '20');
}

/**
 * The 9th character (check key) of a FINESS number from its first 8 characters.
 * Throws on a malformed input (programming error); use validateFinessNumber for user input.
 */
export function computeFinessKey(first8: string): string {
  const value = first8.toUpperCase();
  if (!/^[0-9](?:[0-9]|(?<=2)[AB])[0-9]{6}$/.test(value)) {
    throw new Error(`computeFinessKey: 8 characters [0-9][0-9AB][0-9]{6} expected, got "${first8}"`);
  }
  return computeLuhnCheckDigit(digitsForKey(value));
}

function describeChar(c: string): string {
  if (c === ' ') return 'espace';
  if (c === '\t') return 'tabulation';
  const code = c.codePointAt(0) ?? 0;
  return code < 32 || code === 127 ? `code ${code}` : `« ${c} »`;
}

/** Validates (after normalisation) a FINESS number; the reason is in French. */
export function validateFinessNumber(raw: string): FinessValidation {
  const value = normaliseFinessNumber(raw);
  if (value === '') return { ok: false, reason: 'numéro FINESS vide' };
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const allowed = (c >= '0' && c <= '9') || (i === 1 && (c === 'A' || c === 'B'));
    if (!allowed) {
      const hint = i === 1 && /[A-Z]/.test(c) ? ' (seuls 2A et 2B sont admis)' : '';
      return { ok: false, reason: `caractère non autorisé ${describeChar(c)} en position ${i + 1}${hint}` };
    }
  }
  if (chars.length !== 9) {
    return { ok: false, reason: `le numéro FINESS doit compter 9 caractères (${chars.length} reçus)` };
  }
  if ((value[1] === 'A' || value[1] === 'B') && value[0] !== '2') {
    return {
      ok: false,
      reason: `caractère non autorisé « ${value[1]} » en position 2 (seuls 2A et 2B sont admis)`,
    };
  }
  const expected = computeFinessKey(value.slice(0, 8));
  const received = value.slice(8);
  if (expected !== received) {
    return { ok: false, reason: `clé de contrôle invalide (attendue ${expected}, reçue ${received})` };
  }
  return { ok: true, finess: value };
}

export function isValidFinessNumber(raw: string): boolean {
  return validateFinessNumber(raw).ok;
}
