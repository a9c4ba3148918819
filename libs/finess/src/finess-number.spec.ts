import fc from 'fast-check';
import {
  computeFinessKey,
  computeLuhnCheckDigit,
  isLuhnValid,
  isValidFinessNumber,
  normaliseFinessNumber,
  validateFinessNumber,
} from './finess-number';

describe('normaliseFinessNumber', () => {
  it('trims, uppercases and pads 8 digits back to 9', () => {
    expect(normaliseFinessNumber(' 2a0000008 ')).toBe('2A0000008');
    expect(normaliseFinessNumber('10000008')).toBe('010000008');
    expect(normaliseFinessNumber('970100020')).toBe('970100020');
    expect(normaliseFinessNumber('2A000000')).toBe('2A000000'); // not 8 digits: left alone
  });
});

describe('computeFinessKey', () => {
  it('accepts a real FINESS number (Luhn over the 9 digits)', () => {
    // 9 7 0 1 0 0 0 2 | key: doubled from the right 2→4, 0→0, 1→2, 7→14→5; others 0+0+0+9 → 20 → key 0
    expect(computeFinessKey('97010002')).toBe('0');
    expect(isValidFinessNumber('970100020')).toBe(true);
  });

  it('matches hand-computed Luhn keys', () => {
    // 7 5 0 0 0 0 5 2: doubled 2→4, 0, 0, 5→10→1; plain 5+0+0+7 → 4+1+12 = 17 → key 3
    expect(computeFinessKey('75000052')).toBe('3');
    // 1 3 0 0 0 0 0 1: doubled 1→2, 0, 0, 3→6; plain 0+0+0+1 → 9 → key 1
    expect(computeFinessKey('13000001')).toBe('1');
    // 0 1 0 0 0 0 0 0: doubled 1→2 → 2 → key 8
    expect(computeFinessKey('01000000')).toBe('8');
    expect(computeLuhnCheckDigit('7992739871')).toBe('3'); // the textbook Luhn example
    expect(isLuhnValid('79927398713')).toBe(true);
  });

  it('treats Corsica 2A/2B as 20 for the key (project convention)', () => {
    // "20000000": doubled 0,0,0,0; plain 0+0+0+2 → 2 → key 8
    expect(computeFinessKey('2A000000')).toBe('8');
    expect(computeFinessKey('2B000000')).toBe('8');
    // "20100012": doubled 2→4, 0, 0, 0; plain 1+0+1+2 → 8 → key 2
    expect(computeFinessKey('2B100012')).toBe('2');
    expect(isValidFinessNumber('2A0000008')).toBe(true);
    expect(isValidFinessNumber('2B1000122')).toBe(true);
    expect(isValidFinessNumber('2B1000123')).toBe(false);
  });

  it('rejects malformed input (programming error)', () => {
    expect(() => computeFinessKey('1234567')).toThrow();
    expect(() => computeFinessKey('3A000000')).toThrow();
  });
});

describe('validateFinessNumber', () => {
  it('returns the normalised number when valid', () => {
    expect(validateFinessNumber(' 750000523')).toEqual({ ok: true, finess: '750000523' });
    expect(validateFinessNumber('10000008')).toEqual({ ok: true, finess: '010000008' });
    expect(validateFinessNumber('2a0000008')).toEqual({ ok: true, finess: '2A0000008' });
  });

  it('gives precise French reasons', () => {
    expect(validateFinessNumber('')).toEqual({ ok: false, reason: 'numéro FINESS vide' });
    expect(validateFinessNumber('   ')).toEqual({ ok: false, reason: 'numéro FINESS vide' });
    expect(validateFinessNumber('2A000000')).toEqual({
      ok: false,
      reason: 'le numéro FINESS doit compter 9 caractères (8 reçus)',
    });
    expect(validateFinessNumber('1234567890')).toEqual({
      ok: false,
      reason: 'le numéro FINESS doit compter 9 caractères (10 reçus)',
    });
    expect(validateFinessNumber('750000525')).toEqual({
      ok: false,
      reason: 'clé de contrôle invalide (attendue 3, reçue 5)',
    });
    expect(validateFinessNumber('7500X0523')).toEqual({
      ok: false,
      reason: 'caractère non autorisé « X » en position 5',
    });
    expect(validateFinessNumber('75 000523')).toEqual({
      ok: false,
      reason: 'caractère non autorisé espace en position 3',
    });
    const letter = validateFinessNumber('3A0000008');
    expect(letter.ok).toBe(false);
    if (!letter.ok) expect(letter.reason).toContain('2A et 2B');
    expect(validateFinessNumber('2C0000008').ok).toBe(false);
  });

  it('makes any 8 digits + computed key valid, and any single-digit change invalid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, delta) => {
          const first8 = digits.join('');
          const finess = first8 + computeFinessKey(first8);
          expect(validateFinessNumber(finess)).toEqual({ ok: true, finess });
          const changed = (Number(finess[position]) + delta) % 10;
          const mutated = finess.slice(0, position) + String(changed) + finess.slice(position + 1);
          expect(isValidFinessNumber(mutated)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
