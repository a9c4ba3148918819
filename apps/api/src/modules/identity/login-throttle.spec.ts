import fc from 'fast-check';
import { ADDRESS_RULE, PAIR_RULE, throttleKeys } from './login-throttle';

describe('login throttle rules', () => {
  it('lets the first failures through, then blocks the pair 1, 2, 4, 8 then 15 minutes', () => {
    expect([1, 2, 3, 4].map(PAIR_RULE.blockMinutes)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 1000].map(PAIR_RULE.blockMinutes)).toEqual([1, 2, 4, 8, 15, 15, 15]);
  });

  it('never blocks an address for more than a minute at a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (failures) => {
        const minutes = ADDRESS_RULE.blockMinutes(failures);
        expect(minutes).toBe(failures >= ADDRESS_RULE.freeFailures ? 1 : 0);
      }),
    );
  });

  it('blocks grow with failures and stay within 15 minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (failures) => {
        const now = PAIR_RULE.blockMinutes(failures);
        expect(now).toBeGreaterThanOrEqual(0);
        expect(now).toBeLessThanOrEqual(15);
        expect(PAIR_RULE.blockMinutes(failures + 1)).toBeGreaterThanOrEqual(now);
      }),
    );
  });

  it('keys ignore case and spaces of the address and store no address', () => {
    const [pair, address] = throttleKeys(' Alice@Example.FR ', '10.0.0.1');
    expect(throttleKeys('alice@example.fr', '10.0.0.1').map((k) => k.key)).toEqual([pair!.key, address!.key]);
    expect(throttleKeys('alice@example.fr', '10.0.0.2')[0]!.key).not.toBe(pair!.key);
    expect(throttleKeys('alice@example.fr', '10.0.0.2')[1]!.key).toBe(address!.key);
    expect(pair!.key).toMatch(/^[0-9a-f]{64}$/);
  });
});
