import { stableJson } from './register-import.repository';

describe('stableJson', () => {
  it('writes the same fields the same way whatever their order (the idempotence of an import)', () => {
    expect(stableJson({ ta: '11', de: '924', capautot: 84, libde: null })).toBe(
      stableJson({ capautot: 84, de: '924', libde: null, ta: '11' }),
    );
    expect(stableJson({ b: [1, { y: 2, x: 1 }], a: undefined })).toBe('{"b":[1,{"x":1,"y":2}]}');
    expect(stableJson({ capautot: 84 })).not.toBe(stableJson({ capautot: 85 }));
  });
});
