/** The OG grid's records, pure: its cells' keys and the entry updated from the API's answers. */
import type { OgSubmissionDetail, SubmissionDetail, ValueMap } from '@tdb/contracts';
import type { Item } from '@tdb/dictionary';
import type { StaleCurrent } from './conflicts';

export type OgRow = OgSubmissionDetail['structures'][number];

/** The target of the organisme gestionnaire's own items (the others are structures' FINESS). */
export const OG_TARGET = 'og';

export function cellKey(target: string, code: string): string {
  return `${target}|${code}`;
}

export function codeOf(key: string): string {
  return key.slice(key.indexOf('|') + 1);
}

/** `values` keyed by cell keys → keyed by item codes. */
export function byCode(values: ValueMap): ValueMap {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [codeOf(key), value]));
}

export function appliesTo(item: Item, categoryCode: string): boolean {
  return item.categories === 'ALL' || item.categories.includes(categoryCode);
}

/** The stored values of a target: the OG's own, or a structure's. */
export function valuesOf(detail: OgSubmissionDetail, target: string): ValueMap {
  if (target === OG_TARGET) return detail.values;
  return detail.structures.find((s) => s.finess === target)?.values ?? {};
}

export function versionOf(detail: OgSubmissionDetail, target: string): number | undefined {
  if (target === OG_TARGET) return detail.version;
  return detail.structures.find((s) => s.finess === target)?.version;
}

/** The row of a structure after its save answered `saved` (unless a newer version is shown). */
export function withSavedRow(detail: OgSubmissionDetail, saved: SubmissionDetail): OgSubmissionDetail {
  return {
    ...detail,
    structures: detail.structures.map((row) =>
      row.finess !== saved.finess || row.version > saved.version
        ? row
        : {
            ...row,
            status: saved.status,
            statusLabel: saved.statusLabel,
            completeness: saved.completeness,
            updatedAt: saved.updatedAt,
            version: saved.version,
            extension: saved.extension,
            values: saved.values,
            availableActions: saved.availableActions,
            editableDomains: saved.editableDomains,
            role: saved.role,
            issues: saved.issues,
          },
    ),
  };
}

/** After a 409: the values and version the server holds now for `target`. */
export function withStale(
  detail: OgSubmissionDetail,
  target: string,
  remote: StaleCurrent,
): OgSubmissionDetail {
  if (target === OG_TARGET) return { ...detail, values: remote.values, version: remote.version };
  return {
    ...detail,
    structures: detail.structures.map((row) =>
      row.finess === target
        ? { ...row, values: remote.values, version: remote.version, status: remote.status ?? row.status }
        : row,
    ),
  };
}

/**
 * A reloaded entry, except for the records shown at a newer version (a save answered while the
 * reload was on its way): those stay as they are.
 */
export function withFresher(
  shown: OgSubmissionDetail | undefined,
  fresh: OgSubmissionDetail,
): OgSubmissionDetail {
  if (!shown) return fresh;
  const shownRows = new Map(shown.structures.map((row) => [row.finess, row]));
  const ogNewer = shown.version > fresh.version;
  return {
    ...fresh,
    values: ogNewer ? shown.values : fresh.values,
    version: ogNewer ? shown.version : fresh.version,
    structures: fresh.structures.map((row) => {
      const old = shownRows.get(row.finess);
      return old && old.version > row.version ? old : row;
    }),
  };
}
