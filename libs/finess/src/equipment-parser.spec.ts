import {
  EQUIPEMENTSOCIAL_FIELDS,
  equipmentKey,
  parseEquipmentLine,
  type EquipmentRecord,
} from './equipment-parser';

// 28 fields: the permanent places of a Paris EHPAD (discipline 924, hébergement complet internat, P.A. dépendantes).
const EHPAD_PERMANENT =
  'equipementsocial;750000523;924;Accueil pour Personnes Âgées;11;Hébergement Complet Internat;711;P.A. dépendantes;;80;;;40;;;N;2005-01-01;1990-05-01;84;;;40;;;N;2017-01-03;2024-05-02;2024-06-10';
// Its temporary places, installation deleted.
const EHPAD_TEMPORARY =
  'equipementsocial;750000523;657;Accueil temporaire pour Personnes Âgées;11;Hébergement Complet Internat;711;P.A. dépendantes;;6;;;;;;O;12/03/2010;;6;;;;;;N;03/01/2017;;';

function record(line: string): EquipmentRecord {
  const parsed = parseEquipmentLine(line);
  if (!parsed.ok) throw new Error(`expected ok, got: ${parsed.reason}`);
  if (parsed.record.kind !== 'equipementsocial') throw new Error(`got ${parsed.record.kind}`);
  return parsed.record;
}

function reasonOf(line: string): string {
  const parsed = parseEquipmentLine(line);
  if (parsed.ok) throw new Error('expected an error');
  return parsed.reason;
}

function replaceField(line: string, index: number, value: string): string {
  const fields = line.split(';');
  fields[index] = value;
  return fields.join(';');
}

describe('parseEquipmentLine', () => {
  it('has the 28 documented fields', () => {
    expect(EQUIPEMENTSOCIAL_FIELDS).toHaveLength(28);
    expect(EHPAD_PERMANENT.split(';')).toHaveLength(28);
    expect(EHPAD_TEMPORARY.split(';')).toHaveLength(28);
  });

  it('reads codes, capacities and dates', () => {
    expect(record(EHPAD_PERMANENT)).toEqual({
      kind: 'equipementsocial',
      finess: '750000523',
      disciplineCode: '924',
      disciplineLabel: 'Accueil pour Personnes Âgées',
      activityCode: '11',
      activityLabel: 'Hébergement Complet Internat',
      clienteleCode: '711',
      clienteleLabel: 'P.A. dépendantes',
      installedCapacity: 80,
      authorisedCapacity: 84,
      installationDeleted: false,
      authorisationDeleted: false,
      authorisedSocialAidCapacity: 40,
      authorisedOn: '2017-01-03',
      installedOn: '2005-01-01',
      updatedOn: '2024-06-10',
    });
    expect(equipmentKey(record(EHPAD_PERMANENT))).toBe('750000523|924|11|711');
  });

  it('counts a deleted installation as 0 installed and reads DD/MM/YYYY dates', () => {
    const r = record(EHPAD_TEMPORARY);
    expect(r.installationDeleted).toBe(true);
    expect(r.installedCapacity).toBe(0);
    expect(r.authorisedCapacity).toBe(6);
    expect(r.installedOn).toBe('2010-03-12');
    expect(r.authorisedOn).toBe('2017-01-03');
    expect(r.updatedOn).toBeNull();
  });

  it('tolerates a trailing separator, skips structureet and empty lines', () => {
    expect(record(`${EHPAD_PERMANENT};`).finess).toBe('750000523');
    expect(parseEquipmentLine('structureet;750000523;750000010')).toEqual({
      ok: true,
      record: { kind: 'structureet' },
    });
    expect(parseEquipmentLine('  ')).toEqual({ ok: true, record: { kind: 'empty' } });
  });

  it('names the field of each problem in French', () => {
    expect(reasonOf('equipementsocial;750000523;924')).toBe(
      'nombre de champs incorrect pour equipementsocial : 3 au lieu de 28',
    );
    expect(reasonOf(replaceField(EHPAD_PERMANENT, 1, '750000524'))).toMatch(/^nofinesset : /);
    expect(reasonOf(replaceField(EHPAD_PERMANENT, 2, ''))).toBe("de : discipline d'équipement vide");
    expect(reasonOf(replaceField(EHPAD_PERMANENT, 4, '1A'))).toBe("ta : type d'activité invalide : 1A");
    expect(reasonOf(replaceField(EHPAD_PERMANENT, 18, '-3'))).toBe('capautot : capacité invalide : -3');
    expect(reasonOf(replaceField(EHPAD_PERMANENT, 15, 'X'))).toBe('indsupinst : O ou N attendu, « X » reçu');
    expect(reasonOf(replaceField(EHPAD_PERMANENT, 25, '2017-02-30'))).toBe(
      "date d'autorisation invalide : 2017-02-30",
    );
    expect(reasonOf('equipement;1')).toBe(
      'type de ligne inconnu : « equipement » (equipementsocial attendu)',
    );
  });
});
