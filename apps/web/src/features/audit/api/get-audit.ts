import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEntry, Paginated } from '@tdb/contracts';
import { apiClient, toQueryString } from '@/lib/api-client';

export interface AuditQuery {
  page: number;
  pageSize: number;
}

/** The audit log within the reader's perimeter, newest first. */
export function getAudit(params: AuditQuery, signal?: AbortSignal): Promise<Paginated<AuditEntry>> {
  return apiClient.get<Paginated<AuditEntry>>(
    `/audit${toQueryString({ page: params.page, pageSize: params.pageSize })}`,
    signal,
  );
}

export function getAuditQueryOptions(params: AuditQuery) {
  return queryOptions({
    queryKey: ['audit', params] as const,
    queryFn: ({ signal }) => getAudit(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAudit(params: AuditQuery) {
  return useQuery(getAuditQueryOptions(params));
}
