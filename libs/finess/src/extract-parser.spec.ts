import fc from 'fast-check';
import {
  STRUCTUREEJ_FIELDS,
  STRUCTUREET_FIELDS,
  detectEncoding,
  parseExtractLine,
  parseFinessDate,
  parseHeaderLine,
  type ExtractRecord,
  type GeolocalisationRecord,
  type StructureEjRecord,
  type StructureEtRecord,
} from './extract-parser';

// 32 fields: a Paris EHPAD, with a long name carrying accents.
const ET_PARIS =
  "structureet;750000523;750000010;EHPAD LES CHENES;EHPAD RÉSIDENCE LES CHÊNES;;CS 20001;12;R;DES LILAS;B;BP 12;113;75;PARIS;75013 PARIS;0145000000;0145000001;500;Etablissement d'hébergement pour personnes âgées dépendantes;4401;Etab. et Services d'Hébergement pour Personnes Agées;75000001000017;8710A;45;ARS / PCD Tarif Global;;;2001-03-15;2000-06-30;2024-05-02;";

// La Réunion (departement 9D), commune 411 = Saint-Denis (INSEE 97411); empty rslongue.
const ET_REUNION =
  'structureet;974000010;974000028;SESSAD DU NORD;;;;;;;;;411;9D;LA REUNION;97400 ST DENIS;;;182;Service Éducation Spéciale et Soins à Domicile;4301;Etab.et Services pour Enfance et Jeunesse Handicapée;;8810C;34;ARS DG;;;15/09/1998;;2023-11-30;';

const EJ_PARIS =
  "structureej;750000010;ASSOCIATION LES AMIS;ASSOCIATION DES AMIS DES CHÊNES;;;5;AV;JEAN JAURÈS;;;119;75;PARIS;75019 PARIS;0140000000;;60;Association Loi 1901 non Reconnue d'Utilité Publique;775000001;8899B;1950-01-01;2024-01-01";

const GEO_PARIS =
  'geolocalisation;750000523;652000.0;6862000.0;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2024-05-02';
const GEO_REUNION =
  'geolocalisation;974000010;340000;7690000;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S40;2024-05-02';

function record(line: string): ExtractRecord {
  const parsed = parseExtractLine(line);
  if (!parsed.ok) throw new Error(`expected ok, got: ${parsed.reason}`);
  return parsed.record;
}

function reasonOf(line: string): string {
  const parsed = parseExtractLine(line);
  if (parsed.ok) throw new Error('expected an error');
  return parsed.reason;
}

function replaceField(line: string, index: number, value: string): string {
  const fields = line.split(';');
  fields[index] = value;
  return fields.join(';');
}

describe('field lists', () => {
  it('have the documented sizes', () => {
    expect(STRUCTUREET_FIELDS).toHaveLength(32);
    expect(STRUCTUREEJ_FIELDS).toHaveLength(23);
    expect(ET_PARIS.split(';')).toHaveLength(32);
    expect(ET_REUNION.split(';')).toHaveLength(32);
    expect(EJ_PARIS.split(';')).toHaveLength(23);
  });

  it('tolerates one trailing separator', () => {
    expect(record(`${EJ_PARIS};`).kind).toBe('structureej');
  });
});

describe('parseHeaderLine', () => {
  it('reads the sequence and an ISO date', () => {
    expect(parseHeaderLine('finess;etalab;100;2026-01-15')).toEqual({
      ok: true,
      sequence: '100',
      fileDate: '2026-01-15',
    });
  });

  it('accepts a French date and a CRLF / BOM', () => {
    expect(parseHeaderLine('\uFEFFfiness;etalab;42;15/01/2026\r\n')).toEqual({
      ok: true,
      sequence: '42',
      fileDate: '2026-01-15',
    });
    expect(record('finess;etalab;100;15/01/2026')).toEqual({
      kind: 'header',
      sequence: '100',
      fileDate: '2026-01-15',
    });
  });

  it('rejects other first lines', () => {
    expect(parseHeaderLine(ET_PARIS).ok).toBe(false);
    const bad = parseHeaderLine('finess;etalab;100;2026-02-30');
    expect(bad).toEqual({ ok: false, reason: 'en-tête invalide : date du fichier invalide : 2026-02-30' });
    expect(parseHeaderLine('finess;etalab;abc;2026-01-15').ok).toBe(false);
  });
});

describe('parseFinessDate', () => {
  it('checks the calendar', () => {
    expect(parseFinessDate('2024-02-29')).toBe('2024-02-29');
    expect(parseFinessDate('2023-02-29')).toBeNull();
    expect(parseFinessDate('29/02/2024')).toBe('2024-02-29');
    expect(parseFinessDate('2023-13-45')).toBeNull();
    expect(parseFinessDate('2023/01/01')).toBeNull();
  });
});

describe('parseExtractLine — structureet', () => {
  it('maps the 32 fields to named properties', () => {
    const et = record(ET_PARIS) as StructureEtRecord;
    expect(et).toMatchObject({
      kind: 'structureet',
      finess: '750000523',
      ogFiness: '750000010',
      name: 'EHPAD LES CHENES',
      longName: 'EHPAD RÉSIDENCE LES CHÊNES',
      nameComplement: null,
      street: '12 R DES LILAS B',
      streetNumber: '12',
      streetType: 'R',
      streetName: 'DES LILAS',
      streetNumberSuffix: 'B',
      complement: 'BP 12 CS 20001',
      communeField: '113',
      communeCode: '75113',
      finessDepartment: '75',
      departmentLabel: 'PARIS',
      routingLine: '75013 PARIS',
      postalCode: '75013',
      city: 'PARIS',
      phone: '0145000000',
      fax: '0145000001',
      finessCategoryCode: '500',
      aggregateCategoryCode: '4401',
      siret: '75000001000017',
      apeCode: '8710A',
      tariffModeCode: '45',
      sphCode: null,
      openedOn: '2001-03-15',
      authorisedOn: '2000-06-30',
      updatedOn: '2024-05-02',
      uaiNumber: null,
    });
  });

  it('rebuilds overseas INSEE commune codes and accepts French dates', () => {
    const et = record(ET_REUNION) as StructureEtRecord;
    expect(et.finessDepartment).toBe('9D');
    expect(et.communeCode).toBe('97411');
    expect(et.postalCode).toBe('97400');
    expect(et.city).toBe('ST DENIS');
    expect(et.longName).toBeNull();
    expect(et.street).toBeNull();
    expect(et.complement).toBeNull();
    expect(et.openedOn).toBe('1998-09-15');
    expect(et.authorisedOn).toBeNull();
  });

  it('handles Corsican departments and a CRLF ending', () => {
    const corsica = replaceField(replaceField(replaceField(ET_PARIS, 1, '2A0000016'), 13, '2A'), 12, '004');
    const et = record(`${corsica}\r\n`) as StructureEtRecord;
    expect(et.finess).toBe('2A0000016');
    expect(et.communeCode).toBe('2A004');
  });

  it('pads 8-digit numbers', () => {
    const et = record(replaceField(ET_PARIS, 2, '10000008')) as StructureEtRecord;
    expect(et.ogFiness).toBe('010000008');
  });

  it('names the field at fault', () => {
    const fields = ET_PARIS.split(';');
    expect(reasonOf(fields.slice(0, 31).join(';'))).toBe(
      'nombre de champs incorrect pour structureet : 31 au lieu de 32',
    );
    expect(reasonOf(replaceField(ET_PARIS, 1, '750000525'))).toBe(
      'nofinesset : clé de contrôle invalide (attendue 3, reçue 5)',
    );
    expect(reasonOf(replaceField(ET_PARIS, 2, ''))).toBe('nofinessej : numéro FINESS vide');
    expect(reasonOf(replaceField(ET_PARIS, 28, '2023-13-45'))).toBe("date d'ouverture invalide : 2023-13-45");
    expect(reasonOf(replaceField(ET_PARIS, 30, '31/04/2024'))).toBe(
      'date de mise à jour invalide : 31/04/2024',
    );
    expect(reasonOf(replaceField(ET_PARIS, 18, 'EHP'))).toBe('categetab : code catégorie invalide : EHP');
    expect(reasonOf(replaceField(ET_PARIS, 13, '7'))).toBe('departement : code département invalide : 7');
    expect(reasonOf(replaceField(ET_PARIS, 12, '1A3'))).toBe('commune : code commune invalide : 1A3');
    expect(reasonOf(replaceField(replaceField(ET_PARIS, 3, ''), 4, ''))).toBe('rs : raison sociale vide');
  });
});

describe('parseExtractLine — geolocalisation', () => {
  it('converts Lambert 93 to WGS84 (Paris)', () => {
    const geo = record(GEO_PARIS) as GeolocalisationRecord;
    expect(geo).toMatchObject({ kind: 'geolocalisation', finess: '750000523', x: 652000, y: 6862000 });
    expect(geo.projection).toBe('LAMBERT_93');
    expect(geo.epsg).toBe('EPSG:2154');
    expect(geo.latitude).toBeCloseTo(48.85, 1);
    expect(Math.abs((geo.latitude ?? 0) - 48.85)).toBeLessThan(0.01);
    expect(Math.abs((geo.longitude ?? 0) - 2.35)).toBeLessThan(0.01);
    expect(geo.updatedOn).toBe('2024-05-02');
  });

  it('converts UTM 40S to WGS84 (Saint-Denis de La Réunion)', () => {
    const geo = record(GEO_REUNION) as GeolocalisationRecord;
    expect(geo.epsg).toBe('EPSG:2975');
    expect(Math.abs((geo.latitude ?? 0) - -20.883)).toBeLessThan(0.01);
    expect(Math.abs((geo.longitude ?? 0) - 55.462)).toBeLessThan(0.01);
  });

  it('keeps coordinates but no position for an unknown projection', () => {
    const geo = record(
      'geolocalisation;750000523;652000;6862000;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,GAUSS_LABORDE;2024-05-02',
    ) as GeolocalisationRecord;
    expect(geo).toMatchObject({
      x: 652000,
      y: 6862000,
      projection: 'GAUSS_LABORDE',
      epsg: null,
      latitude: null,
      longitude: null,
    });
  });

  it('rejects unreadable coordinates', () => {
    expect(reasonOf('geolocalisation;750000523;abc;6862000;1,LAMBERT_93;2024-05-02')).toBe(
      'coordxet : coordonnée invalide : abc',
    );
    expect(reasonOf('geolocalisation;750000523;652000;;1,LAMBERT_93;2024-05-02')).toBe(
      'coordyet : coordonnée vide',
    );
    expect(reasonOf('geolocalisation;750000523;652000;6862000;2024-05-02')).toBe(
      'nombre de champs incorrect pour geolocalisation : 5 au lieu de 6',
    );
  });
});

describe('parseExtractLine — structureej', () => {
  it('maps the 23 fields', () => {
    const ej = record(EJ_PARIS) as StructureEjRecord;
    expect(ej).toMatchObject({
      kind: 'structureej',
      finess: '750000010',
      name: 'ASSOCIATION LES AMIS',
      longName: 'ASSOCIATION DES AMIS DES CHÊNES',
      street: '5 AV JEAN JAURÈS',
      communeCode: '75119',
      postalCode: '75019',
      city: 'PARIS',
      legalStatusCode: '60',
      legalStatusLabel: "Association Loi 1901 non Reconnue d'Utilité Publique",
      siren: '775000001',
      createdOn: '1950-01-01',
      updatedOn: '2024-01-01',
    });
  });

  it('rejects a wrong field count', () => {
    expect(reasonOf(`${EJ_PARIS};x`)).toBe('nombre de champs incorrect pour structureej : 24 au lieu de 23');
  });
});

describe('parseExtractLine — other lines', () => {
  it('skips empty lines', () => {
    expect(record('')).toEqual({ kind: 'empty' });
    expect(record('  \r\n')).toEqual({ kind: 'empty' });
  });

  it('rejects unknown kinds', () => {
    expect(reasonOf('equipementsocial;750000523;1;2;3')).toBe(
      'type de ligne inconnu : « equipementsocial » (structureet, geolocalisation ou structureej attendu)',
    );
  });

  it('never throws, whatever the input', () => {
    const kinds = fc.constantFrom(
      'structureet',
      'geolocalisation',
      'structureej',
      'finess',
      'etalab',
      '',
      '9D',
      '750000523',
    );
    const field = fc.oneof(
      kinds,
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.stringMatching(/^[0-9]{1,9}$/),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(field, { maxLength: 40 }).map((f) => f.join(';')),
        ),
        (line) => {
          const parsed = parseExtractLine(line);
          expect(typeof parsed.ok).toBe('boolean');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws on mutated real lines', () => {
    const lines = [ET_PARIS, ET_REUNION, EJ_PARIS, GEO_PARIS, GEO_REUNION];
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.nat(), fc.string({ unit: 'binary' }), (line, at, value) => {
        const fields = line.split(';');
        fields[at % fields.length] = value;
        expect(() => parseExtractLine(fields.join(';'))).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});

describe('detectEncoding', () => {
  it('recognises UTF-8, Latin-1 and ASCII', () => {
    expect(detectEncoding(new TextEncoder().encode('EHPAD RÉSIDENCE LES CHÊNES'))).toBe('utf8');
    expect(detectEncoding(new Uint8Array([0x45, 0x48, 0x50, 0x41, 0x44, 0x20, 0xc9, 0x54]))).toBe('latin1'); // "EHPAD ÉT"
    expect(detectEncoding(new Uint8Array([0xc3, 0x28]))).toBe('latin1');
    expect(detectEncoding(new TextEncoder().encode('finess;etalab;100;2026-01-15'))).toBe('utf8');
    expect(detectEncoding(new Uint8Array([]))).toBe('utf8');
    expect(detectEncoding(new Uint8Array([0x41, 0xc3]))).toBe('utf8'); // cut multibyte at the end of the sample
    expect(detectEncoding(new Uint8Array([0xc0, 0x80]))).toBe('latin1'); // overlong
  });
});
