import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/openapi.gen';

/** A page of the audit log (its entries' details typed as JSON, narrower than the contract's AuditEntry). */
export type AuditPage = components['schemas']['AuditPageResponse'];

export interface AuditQuery {
  page: number;
  pageSize: number;
}

/** The audit log within the reader's perimeter, newest first. */
export function getAudit(params: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return unwrap(
    api.GET('/api/audit', { params: { query: { page: params.page, pageSize: params.pageSize } }, signal }),
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
