import type { BulkRequest, BulkResult } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';

/** Saves values of an OG and of several structures at once, all or nothing. */
export function bulkSave(year: number, request: BulkRequest): Promise<BulkResult> {
  return apiClient.post<BulkResult>(`/campaigns/${year}/bulk`, request);
}
