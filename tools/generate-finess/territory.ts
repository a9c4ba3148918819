/**
 * Communes (INSEE code, name, postal codes, population) per department, from
 * @etalab/decoupage-administratif, and a rough position for each: the data set has no coordinates,
 * so a commune is placed deterministically (hash of its code) inside a box around an approximate
 * department centroid. Good enough for map demos, not for geography.
 */
import communesData from '@etalab/decoupage-administratif/data/communes.json';
import departmentsData from '@etalab/decoupage-administratif/data/departements.json';
import regionsData from '@etalab/decoupage-administratif/data/regions.json';
import { DEPARTMENTS } from '@tdb/reference';
import { hashString } from '@tdb/random';

export interface Commune {
  /** INSEE code (arrondissement code for Paris, Lyon, Marseille) */
  readonly code: string;
  /** Display name, e.g. "Saint-Étienne", "Lyon" (arrondissement suffix removed) */
  readonly name: string;
  readonly departmentCode: string;
  readonly postalCodes: readonly string[];
  readonly population: number;
  readonly latitude: number;
  readonly longitude: number;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}

/** Approximate centroid (lat, lon) and half-extent (lat, lon) in degrees of each department. */
// prettier-ignore
const DEPARTMENT_BOXES: Readonly<Record<string, readonly [number, number, number?, number?]>> = {
  '01': [46.1, 5.35], '02': [49.55, 3.55], '03': [46.39, 3.19], '04': [44.1, 6.24], '05': [44.66, 6.26],
  '06': [43.85, 7.1, 0.2, 0.3], '07': [44.75, 4.42], '08': [49.62, 4.64], '09': [42.92, 1.5, 0.2, 0.4],
  '10': [48.3, 4.16], '11': [43.1, 2.41], '12': [44.28, 2.68, 0.35, 0.45], '13': [43.54, 5.09, 0.15, 0.4],
  '14': [49.1, -0.36, 0.2, 0.45], '15': [45.05, 2.67], '16': [45.72, 0.2], '17': [45.78, -0.67, 0.35, 0.3],
  '18': [47.06, 2.49], '19': [45.36, 1.88, 0.25, 0.35], '21': [47.42, 4.77, 0.35, 0.5], '22': [48.44, -2.86, 0.2, 0.6],
  '23': [46.09, 2.02, 0.22, 0.35], '24': [45.1, 0.74, 0.35, 0.5], '25': [47.17, 6.36], '26': [44.68, 5.17],
  '27': [49.11, 1.0, 0.25, 0.45], '28': [48.39, 1.37], '29': [48.26, -4.06, 0.25, 0.45], '2A': [41.86, 8.99, 0.3, 0.2],
  '2B': [42.39, 9.21, 0.3, 0.2], '30': [43.99, 4.18], '31': [43.36, 1.17, 0.4, 0.35], '32': [43.69, 0.45],
  '33': [44.82, -0.58, 0.4, 0.45], '34': [43.58, 3.37, 0.2, 0.5], '35': [48.15, -1.64, 0.3, 0.35], '36': [46.78, 1.58],
  '37': [47.26, 0.69], '38': [45.26, 5.58, 0.35, 0.45], '39': [46.73, 5.7, 0.35, 0.25], '40': [43.97, -0.78, 0.4, 0.45],
  '41': [47.62, 1.43], '42': [45.73, 4.17, 0.35, 0.2], '43': [45.13, 3.81, 0.2, 0.4], '44': [47.36, -1.68, 0.3, 0.45],
  '45': [47.91, 2.34, 0.25, 0.55], '46': [44.62, 1.61], '47': [44.37, 0.46], '48': [44.52, 3.5, 0.22, 0.35],
  '49': [47.39, -0.56, 0.25, 0.5], '50': [49.08, -1.33, 0.5, 0.2], '51': [48.95, 4.24, 0.35, 0.5],
  '52': [48.11, 5.23, 0.35, 0.35], '53': [48.15, -0.66, 0.3, 0.3], '54': [48.79, 6.16, 0.4, 0.3],
  '55': [48.99, 5.38, 0.4, 0.3], '56': [47.85, -2.81, 0.2, 0.6], '57': [49.04, 6.66, 0.25, 0.6],
  '58': [47.12, 3.5], '59': [50.45, 3.22, 0.3, 0.6], '60': [49.41, 2.42, 0.2, 0.5], '61': [48.62, 0.13, 0.2, 0.5],
  '62': [50.49, 2.29, 0.25, 0.5], '63': [45.73, 3.14], '64': [43.26, -0.76, 0.25, 0.55], '65': [43.05, 0.16, 0.3, 0.25],
  '66': [42.6, 2.52, 0.15, 0.4], '67': [48.67, 7.55, 0.4, 0.3], '68': [47.86, 7.27, 0.3, 0.2], '69': [45.87, 4.64, 0.3, 0.2],
  '70': [47.64, 6.09], '71': [46.64, 4.54, 0.35, 0.55], '72': [48.0, 0.2], '73': [45.48, 6.44, 0.25, 0.4],
  '74': [46.04, 6.43, 0.25, 0.35], '75': [48.857, 2.347, 0.025, 0.065], '76': [49.66, 1.03, 0.2, 0.55],
  '77': [48.63, 2.93, 0.3, 0.35], '78': [48.82, 1.84, 0.15, 0.25], '79': [46.56, -0.32, 0.4, 0.25],
  '80': [49.96, 2.28, 0.2, 0.55], '81': [43.79, 2.17], '82': [44.09, 1.28, 0.2, 0.3], '83': [43.46, 6.22, 0.2, 0.45],
  '84': [44.01, 5.17, 0.15, 0.3], '85': [46.67, -1.3, 0.25, 0.45], '86': [46.56, 0.46, 0.4, 0.3],
  '87': [45.89, 1.24, 0.3, 0.3], '88': [48.19, 6.38, 0.2, 0.5], '89': [47.84, 3.56, 0.3, 0.45], '90': [47.63, 6.93, 0.08, 0.1],
  '91': [48.52, 2.24, 0.12, 0.2], '92': [48.85, 2.25, 0.06, 0.04], '93': [48.91, 2.48, 0.05, 0.08], '94': [48.78, 2.47, 0.05, 0.08],
  '95': [49.08, 2.13, 0.1, 0.3], '971': [16.2, -61.55, 0.1, 0.15], '972': [14.65, -61.02, 0.12, 0.07],
  '973': [4.75, -52.6, 0.2, 0.45], '974': [-21.12, 55.53, 0.12, 0.17], '976': [-12.82, 45.15, 0.06, 0.04],
};

const DEFAULT_HALF_LAT = 0.28;
const DEFAULT_HALF_LON = 0.38;

function cityName(raw: RawCommune): string {
  const base =
    raw.type === 'arrondissement-municipal'
      ? raw.nom.replace(/\s+\d+(?:er|e)\s+Arrondissement$/i, '')
      : raw.nom;
  return base.replace(/\s*\(.*\)\s*/g, ' ').trim();
}

function place(code: string, departmentCode: string): { latitude: number; longitude: number } {
  const box = DEPARTMENT_BOXES[departmentCode];
  if (!box) throw new Error(`No position box for department ${departmentCode}`);
  const [lat, lon, halfLat = DEFAULT_HALF_LAT, halfLon = DEFAULT_HALF_LON] = box;
  const h1 = hashString(code, 17) / 4294967296;
  const h2 = hashString(code, 91) / 4294967296;
  return { latitude: lat + (h1 * 2 - 1) * halfLat, longitude: lon + (h2 * 2 - 1) * halfLon };
}

/** The split communes of Paris, Lyon and Marseille are replaced by their arrondissements, as in FINESS. */
const SPLIT_COMMUNES = new Set(['75056', '69123', '13055']);

let cache: ReadonlyMap<string, readonly Commune[]> | undefined;

/** Communes of the 101 departments, grouped by INSEE department code. */
export function communesByDepartment(): ReadonlyMap<string, readonly Commune[]> {
  if (cache) return cache;
  const departments = new Set(DEPARTMENTS.map((d) => d.code));
  const map = new Map<string, Commune[]>();
  for (const raw of communesData as RawCommune[]) {
    const dept = raw.departement;
    if (!dept || !departments.has(dept)) continue;
    if (raw.type !== 'commune-actuelle' && raw.type !== 'arrondissement-municipal') continue;
    if (SPLIT_COMMUNES.has(raw.code)) continue;
    const postalCodes = raw.codesPostaux ?? [];
    if (postalCodes.length === 0) continue;
    const list = map.get(dept) ?? [];
    list.push({
      code: raw.code,
      name: cityName(raw),
      departmentCode: dept,
      postalCodes,
      population: raw.population ?? 0,
      ...place(raw.code, dept),
    });
    map.set(dept, list);
  }
  for (const d of departments) if (!map.get(d)?.length) throw new Error(`No commune for department ${d}`);
  cache = map;
  return map;
}

const liaisons = new Map<string, number>([
  ...(departmentsData as { code: string; typeLiaison: number }[]).map(
    (d) => [`d:${d.code}`, d.typeLiaison] as const,
  ),
  ...(regionsData as { code: string; typeLiaison: number }[]).map(
    (r) => [`r:${r.code}`, r.typeLiaison] as const,
  ),
]);

/** INSEE typeLiaison of a department (0 de, 1 d', 2 du, 3 de la, 4 des, 5 de l'). */
export function departmentLiaison(code: string): number {
  return liaisons.get(`d:${code}`) ?? 0;
}

export function regionLiaison(code: string): number {
  return liaisons.get(`r:${code}`) ?? 0;
}
