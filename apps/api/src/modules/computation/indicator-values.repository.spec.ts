import fc from 'fast-check';
import { storedDistribution, type IndicatorResult } from '@tdb/indicators';
import { encodeIndicators, type StructureIndicators } from './indicator-values.repository';

/** What `replace` sends, read back as PostgreSQL reads it: binary jsonb is version 1, then the text. */
function written(indicators: StructureIndicators) {
  const encoded = encodeIndicators(indicators);
  const column = (buffer: Buffer) => {
    expect(buffer[0]).toBe(1);
    return JSON.parse(buffer.subarray(1).toString('utf8'));
  };
  return {
    finess: encoded.finess,
    scalars: column(encoded.scalars),
    distributions: column(encoded.distributions),
    reasons: column(encoded.reasons),
  };
}

/** The row as objects, the way it was written before the encoder: the reference it must parse to. */
function rowObjects({ finess, results }: StructureIndicators) {
  const scalars: Record<string, number> = {};
  const distributions: Record<string, unknown> = {};
  const reasons: Record<string, [string, string]> = {};
  for (const r of results) {
    if (r.status === 'computed') {
      if (r.kind === 'distribution') distributions[r.code] = { ...storedDistribution(r), total: r.total };
      else scalars[r.code] = r.value;
    } else if (r.reason.code !== 'NOT_APPLICABLE') {
      reasons[r.code] = [r.reason.code, r.reason.message];
    }
  }
  return { finess, scalars, distributions, reasons };
}

const code = fc.stringMatching(/^[A-Z][0-9]{2}[a-z]?$/);
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const number = fc.oneof(fc.double(), fc.integer(), fc.constant(-0));
const base = { label: 'Indicateur', axis: 'x', unit: '%' };

const result: fc.Arbitrary<IndicatorResult> = fc.oneof(
  fc
    .record({ code, kind: fc.constantFrom('ratio' as const, 'value' as const), value: number })
    .map((r) => ({ ...base, ...r, status: 'computed' as const }) as unknown as IndicatorResult),
  fc
    .record({
      code,
      total: number,
      base: number,
      parts: fc.uniqueArray(
        fc.record({
          key: fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/) /* a part's key, as dictionaries write them */,
          value: number,
        }),
        {
          maxLength: 8,
          selector: (p) => p.key,
        },
      ),
    })
    .map(
      (r) =>
        ({
          ...base,
          ...r,
          parts: r.parts.map((p) => ({ ...p, label: p.key, share: 0 })),
          status: 'computed',
          kind: 'distribution',
        }) as unknown as IndicatorResult,
    ),
  fc
    .record({
      code,
      reason: fc.record({
        code: fc.constantFrom('ZERO_DENOMINATOR', 'NOT_APPLICABLE', 'MISSING_ITEM'),
        message: text,
      }),
    })
    .map((r) => ({ ...base, ...r, kind: 'ratio', status: 'not_computable' }) as unknown as IndicatorResult),
);

describe('encodeIndicators', () => {
  it('writes the document JSON.stringify writes of the row objects (codes and parts unique, as in a dictionary), whatever the results', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9AB]{9}$/),
        fc.uniqueArray(result, { maxLength: 30, selector: (r) => r.code }),
        (finess, results) => {
          // The same document for PostgreSQL, whose jsonb orders keys its own way.
          expect(written({ finess, results })).toEqual(
            JSON.parse(JSON.stringify(rowObjects({ finess, results }))),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves out what does not apply to the category and writes no NaN', () => {
    const row = written({
      finess: '180000001',
      results: [
        { ...base, code: 'A01', kind: 'ratio', status: 'computed', value: Number.NaN },
        {
          ...base,
          code: 'A02',
          kind: 'ratio',
          status: 'not_computable',
          reason: { code: 'NOT_APPLICABLE', message: '-' },
        },
      ] as unknown as IndicatorResult[],
    });
    expect(row).toEqual({ finess: '180000001', scalars: { A01: null }, distributions: {}, reasons: {} });
  });
});
