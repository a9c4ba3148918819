import { describe, expect, it } from 'vitest';
import type { RegisterValueDto } from '@tdb/contracts';
import { registerNote } from './register';

const finess: RegisterValueDto = {
  itemCode: 'lits_places_installes_permanent',
  source: 'FINESS_EQUIPEMENTS',
  sourceLabel: 'FINESS',
  value: 1080,
  sourceDate: '2026-01-15',
  prefilledValue: 1080,
  prefilledSourceDate: '2026-01-15',
};

describe('registerNote', () => {
  it('names the source and its date while the saved value is the prefilled one', () => {
    expect(registerNote(finess, 1080)).toEqual({ kind: 'source', text: 'Issu de FINESS au 15/01/2026' });
  });

  it('keeps the date of the prefill when the register has changed since', () => {
    expect(registerNote({ ...finess, value: 90, sourceDate: '2026-03-01' }, 1080)).toEqual({
      kind: 'source',
      text: 'Issu de FINESS au 15/01/2026',
    });
  });

  it('shows the register’s value for comparison once the structure entered its own', () => {
    expect(registerNote(finess, 1082)).toEqual({ kind: 'compare', text: 'FINESS au 15/01/2026 : 1 080' });
    expect(registerNote({ ...finess, prefilledValue: null, prefilledSourceDate: null }, undefined)).toEqual({
      kind: 'compare',
      text: 'FINESS au 15/01/2026 : 1 080',
    });
    expect(registerNote(undefined, 3)).toBeNull();
  });
});
