import {
  parseExtractLine,
  type ExtractRecord,
  type GeolocalisationRecord,
  type StructureEjRecord,
  type StructureEtRecord,
} from './extract-parser';
import { toEsmsRecord, toOrganisationRecord } from './esms-mapping';

function record(line: string): ExtractRecord {
  const parsed = parseExtractLine(line);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.record;
}

/** A structureet line from a few fields (the others are empty). */
function etLine(f: {
  finess: string;
  og: string;
  rs: string;
  rslongue?: string;
  cat: string;
  dept: string;
  commune?: string;
}): string {
  const fields: string[] = new Array<string>(32).fill('');
  fields[0] = 'structureet';
  fields[1] = f.finess;
  fields[2] = f.og;
  fields[3] = f.rs;
  fields[4] = f.rslongue ?? '';
  fields[7] = '3';
  fields[8] = 'PL';
  fields[9] = 'DE LA MAIRIE';
  fields[11] = 'LIEU DIT LE BOURG';
  fields[12] = f.commune ?? '';
  fields[13] = f.dept;
  fields[15] = '35000 RENNES';
  fields[16] = '0299000000';
  fields[18] = f.cat;
  fields[22] = '35000001400011';
  fields[28] = '1987-04-01';
  fields[30] = '2024-01-10';
  return fields.join(';');
}

const et = (line: string) => record(line) as StructureEtRecord;

describe('toEsmsRecord', () => {
  it('normalises a TDB structure with its position', () => {
    const structure = et(
      etLine({
        finess: '350000014',
        og: '350000022',
        rs: 'EHPAD LES TILLEULS',
        rslongue: '  EHPAD  RÉSIDENCE LES TILLEULS ',
        cat: '500',
        dept: '35',
        commune: '238',
      }),
    );
    const geo = record(
      'geolocalisation;350000014;351000;6789000;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2024-01-10',
    ) as GeolocalisationRecord;
    const mapped = toEsmsRecord(structure, geo);
    expect(mapped.ok).toBe(true);
    if (mapped.ok !== true) return;
    expect(mapped.esms).toMatchObject({
      finess: '350000014',
      ogFiness: '350000022',
      name: 'EHPAD RÉSIDENCE LES TILLEULS',
      shortName: 'EHPAD LES TILLEULS',
      categoryCode: 'EHPAD',
      finessCategoryCode: '500',
      departmentCode: '35',
      regionCode: '53',
      competence: 'SHARED',
      street: '3 PL DE LA MAIRIE',
      complement: 'LIEU DIT LE BOURG',
      postalCode: '35000',
      city: 'RENNES',
      communeCode: '35238',
      phone: '0299000000',
      siret: '35000001400011',
      openedOn: '1987-04-01',
    });
    expect(mapped.esms.latitude).toBeGreaterThan(47.9);
    expect(mapped.esms.latitude).toBeLessThan(48.3);
    expect(mapped.esms.longitude).toBeGreaterThan(-1.9);
    expect(mapped.esms.longitude).toBeLessThan(-1.4);
  });

  it('falls back to rs and has no position without geolocalisation', () => {
    const mapped = toEsmsRecord(
      et(etLine({ finess: '350000014', og: '350000022', rs: 'IME LE VAL', cat: '183', dept: '35' })),
    );
    expect(mapped).toMatchObject({
      ok: true,
      esms: { name: 'IME LE VAL', categoryCode: 'IME', competence: 'ARS', latitude: null, longitude: null },
    });
  });

  it('maps legacy FINESS codes to the current TDB category', () => {
    const fam = toEsmsRecord(
      et(etLine({ finess: '350000014', og: '350000022', rs: 'FAM LES AJONCS', cat: '437', dept: '35' })),
    );
    expect(fam).toMatchObject({
      ok: true,
      esms: { categoryCode: 'EAM', finessCategoryCode: '437', competence: 'SHARED' },
    });
    const foyer = toEsmsRecord(
      et(etLine({ finess: '350000014', og: '350000022', rs: 'FOYER DE VIE', cat: '382', dept: '35' })),
    );
    expect(foyer).toMatchObject({ ok: true, esms: { categoryCode: 'EANM', competence: 'CD' } });
  });

  it('resolves overseas departments', () => {
    const mapped = toEsmsRecord(
      et(
        etLine({
          finess: '974000010',
          og: '974000028',
          rs: 'SSIAD DU SUD',
          cat: '354',
          dept: '9D',
          commune: '416',
        }),
      ),
    );
    expect(mapped).toMatchObject({
      ok: true,
      esms: { departmentCode: '974', regionCode: '04', communeCode: '97416' },
    });
    const mayotte = toEsmsRecord(
      et(etLine({ finess: '980500011', og: '980500011', rs: 'IME DE MAMOUDZOU', cat: '183', dept: '9F' })),
    );
    expect(mayotte).toMatchObject({ ok: true, esms: { departmentCode: '976', regionCode: '06' } });
  });

  it('leaves non-TDB categories and departments out of scope', () => {
    const hospital = toEsmsRecord(
      et(etLine({ finess: '350000014', og: '350000022', rs: 'CH DE VITRE', cat: '355', dept: '35' })),
    );
    expect(hospital).toEqual({ ok: 'out-of-scope', reason: 'catégorie FINESS hors TDB : 355' });
    const wallis = toEsmsRecord(
      et(etLine({ finess: '986000016', og: '986000016', rs: 'EHPAD DE MATA UTU', cat: '500', dept: '9J' })),
    );
    expect(wallis).toEqual({ ok: 'out-of-scope', reason: 'département hors TDB : 9J' });
  });

  it('rejects a geolocalisation of another structure', () => {
    const structure = et(
      etLine({ finess: '350000014', og: '350000022', rs: 'IME LE VAL', cat: '183', dept: '35' }),
    );
    const geo = record(
      'geolocalisation;750000523;652000;6862000;1,LAMBERT_93;2024-01-10',
    ) as GeolocalisationRecord;
    expect(toEsmsRecord(structure, geo)).toEqual({
      ok: false,
      reason: "géolocalisation d'un autre établissement : 750000523 au lieu de 350000014",
    });
  });
});

describe('toOrganisationRecord', () => {
  it('normalises an organisme gestionnaire', () => {
    const ej = record(
      "structureej;750000010;ASSOC LES AMIS;ASSOCIATION DES AMIS DES CHÊNES;;;5;AV;JEAN JAURÈS;;;119;75;PARIS;75019 PARIS;0140000000;;60;Association Loi 1901 non Reconnue d'Utilité Publique;775000001;8899B;1950-01-01;2024-01-01",
    ) as StructureEjRecord;
    expect(toOrganisationRecord(ej)).toEqual({
      ok: true,
      organisation: {
        finess: '750000010',
        name: 'ASSOCIATION DES AMIS DES CHÊNES',
        shortName: 'ASSOC LES AMIS',
        legalStatusCode: '60',
        legalStatusLabel: "Association Loi 1901 non Reconnue d'Utilité Publique",
        departmentCode: '75',
        regionCode: '11',
        finessDepartment: '75',
        street: '5 AV JEAN JAURÈS',
        complement: null,
        postalCode: '75019',
        city: 'PARIS',
        communeCode: '75119',
        phone: '0140000000',
        siren: '775000001',
      },
    });
  });

  it('keeps an organisation outside the 101 departments, without department', () => {
    const ej = record(
      'structureej;986000016;CIRCONSCRIPTION;;;;;;;;;;9J;WALLIS;98600 MATA UTU;;;01;Etat;;;;',
    ) as StructureEjRecord;
    expect(toOrganisationRecord(ej)).toMatchObject({
      ok: true,
      organisation: { departmentCode: null, regionCode: null, finessDepartment: '9J' },
    });
  });
});
