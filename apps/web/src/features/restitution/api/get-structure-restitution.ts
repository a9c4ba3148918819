import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StructureRestitution } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';
import { submissionApiPath } from '@/lib/api/api-paths';

export function structureRestitutionPath(year: number, finess: string): string {
  return `${submissionApiPath(year, finess)}/restitution`;
}

export function getStructureRestitution(
  year: number,
  finess: string,
  signal?: AbortSignal,
): Promise<StructureRestitution> {
  return apiClient.get<StructureRestitution>(structureRestitutionPath(year, finess), signal);
}

export function getStructureRestitutionQueryOptions(year: number, finess: string) {
  return queryOptions({
    queryKey: ['submissions', year, finess, 'restitution'] as const,
    queryFn: ({ signal }) => getStructureRestitution(year, finess, signal),
  });
}

/** A structure's values placed among its peers (national, regional, departmental). */
export function useStructureRestitution(year: number, finess: string) {
  return useQuery(getStructureRestitutionQueryOptions(year, finess));
}
