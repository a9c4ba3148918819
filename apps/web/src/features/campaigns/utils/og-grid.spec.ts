import { describe, expect, it } from 'vitest';
import { buildOgDetail, buildOgRow, buildSubmissionDetail } from '@/testing/campaign-fixtures';
import { byCode, cellKey, codeOf, OG_TARGET, withFresher, withSavedRow, withStale } from './og-grid';

describe('OG grid records', () => {
  it('keys a cell by its target and item, and reads the item back', () => {
    expect(cellKey('750000002', 'nb_places')).toBe('750000002|nb_places');
    expect(codeOf(cellKey(OG_TARGET, 'siege_social'))).toBe('siege_social');
    expect(byCode({ '750000002|nb_places': 4, '750000002|dpi': true })).toEqual({ nb_places: 4, dpi: true });
  });

  it('puts a structure’s saved answer in its row, and never an older one over a newer', () => {
    const detail = buildOgDetail();
    const saved = buildSubmissionDetail({
      finess: '750000002',
      version: 8,
      values: { nb_places: 42 },
      completeness: 0.5,
      status: 'IN_PROGRESS',
    });
    const next = withSavedRow(detail, saved);
    expect(next.structures[1]).toMatchObject({ version: 8, values: { nb_places: 42 }, completeness: 0.5 });
    expect(next.structures[0]).toBe(detail.structures[0]);
    expect(withSavedRow(next, { ...saved, version: 7, values: {} }).structures[1]?.values).toEqual({
      nb_places: 42,
    });
  });

  it('after a 409 shows what the server holds for that record only', () => {
    const detail = buildOgDetail();
    const stale = withStale(detail, '750000002', { version: 9, values: { nb_places: 12 } });
    expect(stale.structures[1]).toMatchObject({ version: 9, values: { nb_places: 12 } });
    expect(stale.structures[0]).toEqual(detail.structures[0]);
    expect(withStale(detail, OG_TARGET, { version: 5, values: { siege_social: 'x' } })).toMatchObject({
      version: 5,
      values: { siege_social: 'x' },
    });
  });

  it('takes a reloaded entry but keeps the records shown at a newer version', () => {
    const shown = buildOgDetail({
      version: 6,
      values: { siege_social: 'récent' },
      structures: [
        buildOgRow({ version: 10, values: { nb_places: 1 } }),
        buildOgRow({ finess: '750000002', version: 3 }),
      ],
    });
    const fresh = buildOgDetail({
      version: 5,
      values: { siege_social: 'ancien' },
      structures: [
        buildOgRow({ version: 9, values: { nb_places: 0 } }),
        buildOgRow({ finess: '750000002', version: 4, completeness: 1 }),
      ],
    });
    const merged = withFresher(shown, fresh);
    expect(merged.values).toEqual({ siege_social: 'récent' });
    expect(merged.version).toBe(6);
    expect(merged.structures[0]).toMatchObject({ version: 10, values: { nb_places: 1 } });
    expect(merged.structures[1]).toMatchObject({ version: 4, completeness: 1 });
    expect(withFresher(undefined, fresh)).toBe(fresh);
  });
});
