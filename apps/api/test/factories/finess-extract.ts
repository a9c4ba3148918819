import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeFinessKey } from '@tdb/finess';

/** A valid FINESS number from its first 8 characters. */
export function finessNumber(first8: string): string {
  return `${first8}${computeFinessKey(first8)}`;
}

export interface EtLineFields {
  finess: string;
  ogFiness: string;
  name: string;
  longName: string;
  categetab: string;
  departement: string;
  libdepartement: string;
  commune: string;
  ligneacheminement: string;
  voie: string;
  telephone: string;
  dateouv: string;
  datemaj: string;
}

/** One `structureet` row of the open-data extract (32 fields). */
export function buildEtLine(overrides: Partial<EtLineFields> = {}): string {
  const f: EtLineFields = {
    finess: finessNumber('75000001'),
    ogFiness: finessNumber('75000002'),
    name: 'EHPAD LES CHÊNES',
    longName: 'EHPAD RÉSIDENCE LES CHÊNES',
    categetab: '500',
    departement: '75',
    libdepartement: 'PARIS',
    commune: '113',
    ligneacheminement: '75013 PARIS',
    voie: 'DES LILAS',
    telephone: '0145000000',
    dateouv: '1998-03-01',
    datemaj: '2025-06-01',
    ...overrides,
  };
  return [
    'structureet',
    f.finess,
    f.ogFiness,
    f.name,
    f.longName,
    '',
    '',
    '12',
    'R',
    f.voie,
    '',
    '',
    f.commune,
    f.departement,
    f.libdepartement,
    f.ligneacheminement,
    f.telephone,
    '',
    f.categetab,
    'Libellé catégorie',
    '4401',
    'Libellé agrégat',
    '12345678900011',
    '8710A',
    '34',
    'ARS/PCD',
    '99',
    'Non concerné',
    f.dateouv,
    f.dateouv,
    f.datemaj,
    '',
  ].join(';');
}

export function buildEjLine(
  overrides: { finess?: string; name?: string; statut?: string; departement?: string } = {},
): string {
  const finess = overrides.finess ?? finessNumber('75000002');
  const name = overrides.name ?? 'ASSOCIATION DES CHÊNES';
  return [
    'structureej',
    finess,
    name,
    name,
    '',
    '',
    '3',
    'AV',
    'DE LA RÉPUBLIQUE',
    '',
    '',
    '056',
    overrides.departement ?? '75',
    'PARIS',
    '75011 PARIS',
    '',
    '',
    overrides.statut ?? '60',
    "Association Loi 1901 non Reconnue d'Utilité Publique",
    '123456789',
    '8810C',
    '1990-01-01',
    '2025-01-01',
  ].join(';');
}

export function buildGeoLine(finess: string, x = 652000, y = 6862000): string {
  return [
    'geolocalisation',
    finess,
    String(x),
    String(y),
    '1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93',
    '2025-01-01',
  ].join(';');
}

export function headerLine(date = '2026-01-15'): string {
  return `finess;etalab;100;${date}`;
}

/** Writes lines to a temporary file (latin1 by default, like the real extract) and returns its path. */
export function writeExtract(lines: string[], encoding: 'latin1' | 'utf8' = 'latin1'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tdb-finess-'));
  const file = path.join(dir, 'extract.csv');
  fs.writeFileSync(file, Buffer.from(lines.join('\n') + '\n', encoding));
  return file;
}
