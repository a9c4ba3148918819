import {
  isValidFinessNumber,
  parseEquipmentLine,
  parseExtractLine,
  toEsmsRecord,
  toOrganisationRecord,
  type GeolocalisationRecord,
  type StructureEtRecord,
} from '@tdb/finess';
import { CATEGORIES, DEPARTMENTS, departmentsOfRegion } from '@tdb/reference';
import { generateEquipmentLines } from './equipment';
import { CATEGORY_SPECS, generateExtract, type GeneratedExtract } from './generator';
import { shortName, ofPlace, ofTerritory } from './names';

jest.setTimeout(60_000);

const FILE_DATE = '2026-01-15';
let national: GeneratedExtract;

// Generation speed is shown by the CLI and the import benchmark, not asserted here.
beforeAll(() => {
  national = generateExtract({ seed: 42, fileDate: FILE_DATE });
});

describe('national extract', () => {
  it('has ≈ 22 000 ESMS in realistic proportions, EHPAD the largest', () => {
    const { stats } = national;
    expect(stats.esms).toBeGreaterThanOrEqual(21_000);
    expect(stats.esms).toBeLessThanOrEqual(23_500);
    const counts = CATEGORIES.map((c) => ({ code: c.code, count: stats.byCategory[c.code]?.count ?? 0 }));
    for (const c of counts) expect(c.count).toBe(CATEGORY_SPECS[c.code]?.count);
    const largest = counts.reduce((a, b) => (b.count > a.count ? b : a));
    expect(largest.code).toBe('EHPAD');
    expect(largest.count).toBeGreaterThan(7000);
    // Mean EHPAD capacity ≈ 82 places (calibration §1).
    const ehpad = stats.byCategory.EHPAD ?? { count: 1, places: 0 };
    expect(ehpad.places / ehpad.count).toBeGreaterThan(75);
    expect(ehpad.places / ehpad.count).toBeLessThan(90);
  });

  it('covers every one of the 101 departments, roughly by population', () => {
    const departments = new Set(
      national.structures.filter((s) => s.categoryCode).map((s) => s.departmentCode),
    );
    expect(departments.size).toBe(101);
    expect(DEPARTMENTS.filter((d) => !departments.has(d.code))).toEqual([]);
    const idfShare = (national.stats.byRegion['11'] ?? 0) / national.stats.esms;
    expect(idfShare).toBeGreaterThan(0.12);
    expect(idfShare).toBeLessThan(0.2);
  });

  it('adds ≈ 5 % of non-TDB rows and legacy FAM/foyer codes', () => {
    const { stats } = national;
    const share = stats.nonTdbStructures / (stats.esms + stats.nonTdbStructures);
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.08);
    for (const code of ['355', '620', '437', '382', '252', '253', '448', '449']) {
      expect(stats.byFinessCategory[code] ?? 0).toBeGreaterThan(0);
    }
  });

  it('uses valid, unique FINESS numbers with the department prefix', () => {
    const et = national.structures.map((s) => s.finess);
    const ej = national.organisations.map((o) => o.finess);
    const all = [...et, ...ej];
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((n) => !isValidFinessNumber(n))).toEqual([]);
    const overseasPrefix: Record<string, string> = {
      '971': '971',
      '972': '972',
      '973': '973',
      '974': '974',
      '976': '985',
    };
    const badPrefix = national.structures.filter(
      (s) => !s.finess.startsWith(overseasPrefix[s.departmentCode] ?? s.departmentCode),
    );
    expect(badPrefix).toEqual([]);
    expect(et.some((n) => n.startsWith('2A'))).toBe(true);
    expect(et.some((n) => n.startsWith('2B'))).toBe(true);
  });

  it('has OGs of every size: mostly single, some 2-10, a few ≥ 100 across departments', () => {
    const sizes = national.organisations.map((o) => o.esmsCount).filter((n) => n > 0);
    const single = sizes.filter((n) => n === 1).length;
    expect(single / sizes.length).toBeGreaterThanOrEqual(0.5);
    expect(sizes.filter((n) => n >= 2 && n <= 10).length).toBeGreaterThan(500);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(100);
    const departmentsPerOg = new Map<string, Set<string>>();
    for (const s of national.structures) {
      const set = departmentsPerOg.get(s.ogFiness) ?? new Set<string>();
      set.add(s.departmentCode);
      departmentsPerOg.set(s.ogFiness, set);
    }
    expect(Math.max(...[...departmentsPerOg.values()].map((d) => d.size))).toBeGreaterThan(50);
    // Every ET references an EJ of the extract.
    const ogs = new Set(national.organisations.map((o) => o.finess));
    expect(national.structures.filter((s) => !ogs.has(s.ogFiness))).toEqual([]);
  });

  it('writes lines that all parse, map and stay in ISO-8859-1', () => {
    expect(national.etLines[0]).toBe(`finess;etalab;100;${FILE_DATE}`);
    expect(national.ejLines[0]).toBe(`finess;etalab;100;${FILE_DATE}`);
    const kinds: Record<string, number> = {};
    const geo = new Map<string, GeolocalisationRecord>();
    const ets: StructureEtRecord[] = [];
    const problems: string[] = [];
    for (const line of [...national.etLines, ...national.ejLines]) {
      if ([...line].some((c) => c.charCodeAt(0) > 0xff)) problems.push(`non Latin-1 character: ${line}`);
      const parsed = parseExtractLine(line);
      if (!parsed.ok) {
        problems.push(`${parsed.reason}: ${line}`);
        continue;
      }
      kinds[parsed.record.kind] = (kinds[parsed.record.kind] ?? 0) + 1;
      if (parsed.record.kind === 'geolocalisation') geo.set(parsed.record.finess, parsed.record);
      if (parsed.record.kind === 'structureet') ets.push(parsed.record);
      if (parsed.record.kind === 'structureej' && !toOrganisationRecord(parsed.record).ok)
        problems.push(`EJ: ${line}`);
    }
    expect(problems).toEqual([]);
    expect(kinds).toEqual({
      header: 2,
      structureet: national.structures.length,
      geolocalisation: geo.size,
      structureej: national.organisations.length,
    });
    expect(geo.size / national.structures.length).toBeGreaterThan(0.93);
    expect(geo.size / national.structures.length).toBeLessThan(0.97);

    const expected = new Map(national.structures.map((s) => [s.finess, s]));
    let inScope = 0;
    for (const et of ets) {
      const mapped = toEsmsRecord(et, geo.get(et.finess));
      const source = expected.get(et.finess);
      if (!source) throw new Error(`unexpected ${et.finess}`);
      if (mapped.ok === true) {
        inScope++;
        const e = mapped.esms;
        const samePosition =
          source.latitude === null ||
          (Math.abs((e.latitude ?? 0) - source.latitude) < 1e-4 &&
            Math.abs((e.longitude ?? 0) - (source.longitude ?? 0)) < 1e-4);
        if (
          e.categoryCode !== source.categoryCode ||
          e.departmentCode !== source.departmentCode ||
          e.communeCode !== source.communeCode ||
          !samePosition
        ) {
          problems.push(`mapping of ${et.finess}`);
        }
      } else if (mapped.ok === false || source.categoryCode !== null) {
        problems.push(`unexpected ${JSON.stringify(mapped)} for ${et.finess}`);
      }
    }
    expect(problems).toEqual([]);
    expect(inScope).toBe(national.stats.esms);
  });

  it('gives varied names: TDB structure names are unique', () => {
    const names = national.structures.filter((s) => s.categoryCode).map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => /[ÉÈÊÂÎÔÛÇ]/.test(n))).toBe(true);
  });
});

describe('regional scope and determinism', () => {
  it('is the national extract restricted to the region, byte-identical for the same seed', () => {
    const first = generateExtract({ seed: 42, regionCode: '24', fileDate: FILE_DATE });
    const second = generateExtract({ seed: 42, regionCode: '24', fileDate: FILE_DATE });
    expect(first.etLines.join('\n')).toBe(second.etLines.join('\n'));
    expect(first.ejLines.join('\n')).toBe(second.ejLines.join('\n'));

    const regionDepartments = new Set(departmentsOfRegion('24').map((d) => d.code));
    expect(new Set(first.structures.map((s) => s.departmentCode))).toEqual(regionDepartments);
    const nationalSubset = national.structures.filter((s) => regionDepartments.has(s.departmentCode));
    expect(first.structures).toEqual(nationalSubset);
    // About the region's population share (Centre-Val de Loire ≈ 3.8 %).
    const share = first.stats.esms / national.stats.esms;
    expect(share).toBeGreaterThan(0.025);
    expect(share).toBeLessThan(0.055);
    // Every ET of the region has its EJ in the regional EJ file.
    const ogs = new Set(first.organisations.map((o) => o.finess));
    expect(first.structures.filter((s) => !ogs.has(s.ogFiness))).toEqual([]);

    const other = generateExtract({ seed: 7, regionCode: '24', fileDate: FILE_DATE });
    expect(other.etLines.join('\n')).not.toBe(first.etLines.join('\n'));
  });

  it('rejects bad options', () => {
    expect(() => generateExtract({ seed: 1, regionCode: '99', fileDate: FILE_DATE })).toThrow(
      'Unknown region code 99',
    );
    expect(() => generateExtract({ seed: 1, fileDate: '15/01/2026' })).toThrow('fileDate');
  });
});

describe('equipment extract', () => {
  it('parses, names only generated ESMS with places, and matches their installed capacity', () => {
    const lines = generateEquipmentLines(national.structures, { seed: 42, fileDate: FILE_DATE });
    expect(lines[0]).toBe(`finess;etalab;100;${FILE_DATE}`);
    expect(
      lines
        .join('\n')
        .split('')
        .every((c) => c.charCodeAt(0) <= 0xff),
    ).toBe(true); // ISO-8859-1
    const byFiness = new Map(national.structures.map((s) => [s.finess, s]));
    const permanent = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const parsed = parseEquipmentLine(line);
      if (!parsed.ok || parsed.record.kind !== 'equipementsocial')
        throw new Error(`${line}: ${JSON.stringify(parsed)}`);
      const r = parsed.record;
      const structure = byFiness.get(r.finess);
      expect(structure?.categoryCode).toBeTruthy();
      expect(r.authorisedCapacity).toBeGreaterThanOrEqual(r.installedCapacity ?? 0);
      if (r.activityCode !== '21' && !['657', '658'].includes(r.disciplineCode)) {
        expect(permanent.has(r.finess)).toBe(false);
        permanent.set(r.finess, r.installedCapacity ?? 0);
      }
    }
    const withPlaces = national.structures.filter((s) => s.categoryCode && s.capacity !== null);
    expect(permanent.size).toBe(withPlaces.length);
    for (const s of withPlaces) expect(permanent.get(s.finess)).toBe(s.capacity);
    expect(lines.some((l) => l.includes(';657;'))).toBe(true);
    expect(lines.some((l) => l.includes(';21;Accueil de Jour;'))).toBe(true);
  });

  it('gives a region the same rows as the national extract', () => {
    const regional = generateExtract({ seed: 42, regionCode: '24', fileDate: FILE_DATE });
    const regionLines = generateEquipmentLines(regional.structures, { seed: 42, fileDate: FILE_DATE });
    const nationalLines = new Set(
      generateEquipmentLines(national.structures, { seed: 42, fileDate: FILE_DATE }),
    );
    expect(regionLines.length).toBeGreaterThan(100);
    for (const line of regionLines) expect(nationalLines.has(line)).toBe(true);
  });
});

describe('names', () => {
  it('builds French "of" phrases', () => {
    expect(ofPlace('Le Mans')).toBe('DU MANS');
    expect(ofPlace('Les Andelys')).toBe('DES ANDELYS');
    expect(ofPlace('La Rochelle')).toBe('DE LA ROCHELLE');
    expect(ofPlace('Étampes')).toBe("D'ÉTAMPES");
    expect(ofPlace('Lyon')).toBe('DE LYON');
    expect(ofTerritory('Ain', 5)).toBe("DE L'AIN");
    expect(ofTerritory('Rhône', 2)).toBe('DU RHÔNE');
    expect(ofTerritory('Bouches-du-Rhône', 4)).toBe('DES BOUCHES-DU-RHÔNE');
  });

  it('shortens long names without accents nor trailing linking word', () => {
    expect(shortName('EHPAD RÉSIDENCE LES CHÊNES')).toBe('EHPAD RESIDENCE LES CHENES');
    const short = shortName('ÉTABLISSEMENT PUBLIC DÉPARTEMENTAL DE LA HAUTE-SAVOIE');
    expect(short.length).toBeLessThanOrEqual(38);
    expect(short).toBe('ETABLISSEMENT PUBLIC DEPARTEMENTAL');
  });
});
