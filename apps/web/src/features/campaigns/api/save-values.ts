import type { OgSubmissionDetail, SaveValuesRequest, SubmissionDetail } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** Saves values of a structure (all or nothing: a 400 lists the refused items, a 409 the current state). */
export function saveSubmissionValues(
  year: number,
  finess: string,
  request: SaveValuesRequest,
): Promise<SubmissionDetail> {
  return unwrap(
    api.PUT('/api/campaigns/{year}/submissions/{finess}/values', {
      params: { path: { year, finess } },
      body: request,
    }),
  );
}

/** Saves the OG-level items of an organisme gestionnaire (with the OG's own version). */
export function saveOgValues(
  year: number,
  ogFiness: string,
  request: SaveValuesRequest,
): Promise<OgSubmissionDetail> {
  return unwrap(
    api.PUT('/api/campaigns/{year}/organisations/{finess}/values', {
      params: { path: { year, finess: ogFiness } },
      body: request,
    }),
  );
}
