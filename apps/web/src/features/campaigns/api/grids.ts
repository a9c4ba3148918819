import type { BulkResult } from '@tdb/contracts';
import { api, saveBlob, unwrap, unwrapFile } from '@/lib/api-client';
import { fileForm } from '@/lib/api/file-form';

/** The Excel grid of a structure ("submissions") or of an organisme gestionnaire ("organisations"). */
export interface GridTarget {
  year: number;
  kind: 'submissions' | 'organisations';
  finess: string;
}

/** Downloads the grid with the bearer token and saves it as a file. */
export async function downloadGrid(target: GridTarget): Promise<void> {
  const { year, kind, finess } = target;
  const { blob, fileName } = await unwrapFile(
    api.GET(`/api/campaigns/{year}/${kind}/{finess}/grid.xlsx`, {
      params: { path: { year, finess } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, fileName ?? `tdb-${target.year}-${target.finess}.xlsx`);
}

/** Uploads a filled grid: a BulkResult, or a 422 whose errors name the sheet and cell ("Feuille!B12"). */
export function uploadGrid(target: GridTarget, file: File): Promise<BulkResult> {
  const { year, kind, finess } = target;
  return unwrap(
    api.POST(`/api/campaigns/{year}/${kind}/{finess}/grid`, {
      params: { path: { year, finess } },
      body: fileForm(file),
    }),
  );
}
