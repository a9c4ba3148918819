import type { BulkResult } from '@tdb/contracts';
import { apiClient, apiDownload, saveBlob } from '@/lib/api-client';

/** The Excel grid of a structure ("submissions") or of an organisme gestionnaire ("organisations"). */
export interface GridTarget {
  year: number;
  kind: 'submissions' | 'organisations';
  finess: string;
}

function gridPath({ year, kind, finess }: GridTarget): string {
  return `/campaigns/${year}/${kind}/${encodeURIComponent(finess)}/grid`;
}

/** Downloads the grid with the bearer token and saves it as a file. */
export async function downloadGrid(target: GridTarget): Promise<void> {
  const { blob, fileName } = await apiDownload(`${gridPath(target)}.xlsx`);
  saveBlob(blob, fileName ?? `tdb-${target.year}-${target.finess}.xlsx`);
}

/** Uploads a filled grid: a BulkResult, or a 422 whose errors name the sheet and cell ("Feuille!B12"). */
export function uploadGrid(target: GridTarget, file: File): Promise<BulkResult> {
  const form = new FormData();
  form.append('file', file);
  return apiClient.upload<BulkResult>(gridPath(target), form);
}
