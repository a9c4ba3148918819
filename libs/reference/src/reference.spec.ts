import {
  CATEGORIES,
  DEPARTMENTS,
  REGIONS,
  authorityCovers,
  categoryOfFinessCode,
  departmentOfFinessCode,
  departmentsOfRegion,
  finessCodeOfDepartment,
  findCategory,
} from './index';

describe('categories', () => {
  it('lists the 20 TDB categories numbered 1 to 20 with unique codes', () => {
    expect(CATEGORIES.map((c) => c.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(20);
  });

  it('maps legacy and current FINESS codes to the same category', () => {
    expect(categoryOfFinessCode('437')?.code).toBe('EAM');
    expect(categoryOfFinessCode('448')?.code).toBe('EAM');
    for (const code of ['449', '382', '252', '253']) expect(categoryOfFinessCode(code)?.code).toBe('EANM');
    expect(categoryOfFinessCode('500')?.code).toBe('EHPAD');
    expect(categoryOfFinessCode('101')).toBeUndefined(); // a hospital: outside the TDB
  });

  it('gives each category its competent authority', () => {
    expect(findCategory('EHPAD')?.competence).toBe('SHARED');
    expect(findCategory('SAVS')?.competence).toBe('CD');
    expect(findCategory('IME')?.competence).toBe('ARS');
    expect(CATEGORIES.filter((c) => c.competence === 'CD').map((c) => c.code)).toEqual(['EANM', 'SAVS']);
  });

  it('lets an ARS act on ARS and shared structures only, a CD on CD and shared ones', () => {
    expect(authorityCovers('ARS', 'ARS')).toBe(true);
    expect(authorityCovers('ARS', 'SHARED')).toBe(true);
    expect(authorityCovers('ARS', 'CD')).toBe(false);
    expect(authorityCovers('CD', 'CD')).toBe(true);
    expect(authorityCovers('CD', 'ARS')).toBe(false);
  });
});

describe('territories', () => {
  it('has 18 regions and 101 departments', () => {
    expect(REGIONS).toHaveLength(18);
    expect(DEPARTMENTS).toHaveLength(101);
    expect(DEPARTMENTS.filter((d) => d.overseas).map((d) => d.code)).toEqual([
      '971',
      '972',
      '973',
      '974',
      '976',
    ]);
  });

  it('attaches each department to an existing region', () => {
    const regionCodes = new Set(REGIONS.map((r) => r.code));
    for (const d of DEPARTMENTS) expect(regionCodes.has(d.regionCode)).toBe(true);
    expect(departmentsOfRegion('94').map((d) => d.code)).toEqual(['2A', '2B']);
  });

  it('maps FINESS overseas department letters to INSEE codes and back', () => {
    expect(departmentOfFinessCode('9A')?.code).toBe('971');
    expect(departmentOfFinessCode('9F')?.name).toBe('Mayotte');
    expect(departmentOfFinessCode('2A')?.name).toBe('Corse-du-Sud');
    expect(departmentOfFinessCode('75')?.regionCode).toBe('11');
    expect(departmentOfFinessCode('9J')).toBeUndefined(); // Wallis-et-Futuna: no ARS
    expect(finessCodeOfDepartment('974')).toBe('9D');
    expect(finessCodeOfDepartment('69')).toBe('69');
  });
});
