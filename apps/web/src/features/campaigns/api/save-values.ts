import type { OgSubmissionDetail, SaveValuesRequest, SubmissionDetail } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';
import { submissionApiPath } from '@/lib/api/api-paths';
import { organisationEntryPath } from './get-organisation-entry';

/** Saves values of a structure (all or nothing: a 400 lists the refused items, a 409 the current state). */
export function saveSubmissionValues(
  year: number,
  finess: string,
  request: SaveValuesRequest,
): Promise<SubmissionDetail> {
  return apiClient.put<SubmissionDetail>(`${submissionApiPath(year, finess)}/values`, request);
}

/** Saves the OG-level items of an organisme gestionnaire (with the OG's own version). */
export function saveOgValues(
  year: number,
  ogFiness: string,
  request: SaveValuesRequest,
): Promise<OgSubmissionDetail> {
  return apiClient.put<OgSubmissionDetail>(`${organisationEntryPath(year, ogFiness)}/values`, request);
}
