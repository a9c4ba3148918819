import fc from 'fast-check';
import { DENIAL_WINDOW_MS, DenialRateLimit } from './denial-rate-limit';

describe('DenialRateLimit', () => {
  it('writes the first refusal of a key a minute and counts the others into the next entry', () => {
    let now = 0;
    const limit = new DenialRateLimit(() => now);
    expect(limit.admit('a GET /x')).toEqual({ write: true, notRecordedBefore: 0 });
    now = 10;
    expect(limit.admit('a GET /x').write).toBe(false);
    expect(limit.admit('a GET /x').write).toBe(false);
    expect(limit.admit('b GET /x').write).toBe(true);
    now = DENIAL_WINDOW_MS;
    expect(limit.admit('a GET /x')).toEqual({ write: true, notRecordedBefore: 2 });
  });

  it('never writes more than its overall limit in a minute, whatever the keys', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 300 }), (keys) => {
        const limit = new DenialRateLimit(() => 0, 20);
        const written = keys.filter((k) => limit.admit(k).write).length;
        expect(written).toBeLessThanOrEqual(20);
        expect(written).toBe(Math.min(20, new Set(keys).size));
      }),
    );
  });
});
