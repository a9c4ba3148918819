/**
 * Projections used by the FINESS extract (`sourcecoordet`, last comma-separated element) and their
 * conversion to/from WGS84 with proj4. Proj strings are those of the EPSG registry (RGF93 and the
 * overseas RGAF09/RGFG95/RGR92/RGM04 frames, all GRS80 with null datum shift to WGS84 at this
 * precision).
 */
import proj4 from 'proj4';

export type FinessProjection = 'LAMBERT_93' | 'UTM_N20' | 'UTM_N22' | 'UTM_S40' | 'UTM_S38';

export interface ProjectionInfo {
  readonly name: FinessProjection;
  readonly epsg: string;
  readonly proj: string;
}

export const FINESS_PROJECTIONS: Readonly<Record<FinessProjection, ProjectionInfo>> = {
  LAMBERT_93: {
    name: 'LAMBERT_93',
    epsg: 'EPSG:2154',
    proj: '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  },
  // Guadeloupe, Martinique (RGAF09 / UTM zone 20N)
  UTM_N20: {
    name: 'UTM_N20',
    epsg: 'EPSG:5490',
    proj: '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  },
  // Guyane (RGFG95 / UTM zone 22N)
  UTM_N22: {
    name: 'UTM_N22',
    epsg: 'EPSG:2972',
    proj: '+proj=utm +zone=22 +ellps=GRS80 +towgs84=2,2,-2,0,0,0,0 +units=m +no_defs',
  },
  // La Réunion (RGR92 / UTM zone 40S)
  UTM_S40: {
    name: 'UTM_S40',
    epsg: 'EPSG:2975',
    proj: '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  },
  // Mayotte (RGM04 / UTM zone 38S)
  UTM_S38: {
    name: 'UTM_S38',
    epsg: 'EPSG:4471',
    proj: '+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  },
};

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

const converters = new Map<FinessProjection, proj4.Converter>();

function converter(projection: FinessProjection): proj4.Converter {
  let c = converters.get(projection);
  if (!c) {
    c = proj4(FINESS_PROJECTIONS[projection].proj, WGS84);
    converters.set(projection, c);
  }
  return c;
}

export function isFinessProjection(name: string): name is FinessProjection {
  return Object.prototype.hasOwnProperty.call(FINESS_PROJECTIONS, name);
}

/** Projection used by FINESS for an INSEE department code (metropolitan → Lambert 93). */
export function projectionOfDepartment(inseeDepartment: string): FinessProjection {
  switch (inseeDepartment) {
    case '971':
    case '972':
      return 'UTM_N20';
    case '973':
      return 'UTM_N22';
    case '974':
      return 'UTM_S40';
    case '976':
      return 'UTM_S38';
    default:
      return 'LAMBERT_93';
  }
}

/** Projected coordinates (metres) → WGS84; null when the result is not a finite position. */
export function toWgs84(
  x: number,
  y: number,
  projection: FinessProjection,
): { latitude: number; longitude: number } | null {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  let longitude: number | undefined;
  let latitude: number | undefined;
  try {
    [longitude, latitude] = converter(projection).forward<[number, number]>([x, y]);
  } catch {
    return null;
  }
  if (
    longitude === undefined ||
    latitude === undefined ||
    !Number.isFinite(longitude) ||
    !Number.isFinite(latitude) ||
    Math.abs(latitude) > 90 ||
    Math.abs(longitude) > 180
  ) {
    return null;
  }
  return { latitude, longitude };
}

/** WGS84 → projected coordinates (metres). */
export function fromWgs84(
  latitude: number,
  longitude: number,
  projection: FinessProjection,
): { x: number; y: number } {
  const [x, y] = converter(projection).inverse([longitude, latitude]);
  return { x: x ?? NaN, y: y ?? NaN };
}
