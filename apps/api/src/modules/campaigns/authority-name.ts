import { findDepartment, findRegion } from '@tdb/reference';

/** How an ARS or a CD is named in emails and lists ("ARS Centre-Val de Loire", "Département Loiret"). */
export function authorityName(kind: string, code: string): string {
  if (kind === 'ARS') return `ARS ${findRegion(code)?.name ?? code}`;
  if (kind === 'CD') return `Département ${findDepartment(code)?.name ?? code}`;
  return 'Administration nationale';
}
