import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StructurePractices } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';
import { structureRestitutionPath } from './get-structure-restitution';

export function structurePracticesPath(year: number, finess: string): string {
  return `${structureRestitutionPath(year, finess)}/practices`;
}

export function getStructurePractices(
  year: number,
  finess: string,
  signal?: AbortSignal,
): Promise<StructurePractices> {
  return apiClient.get<StructurePractices>(structurePracticesPath(year, finess), signal);
}

export function getStructurePracticesQueryOptions(year: number, finess: string) {
  return queryOptions({
    queryKey: ['submissions', year, finess, 'restitution', 'practices'] as const,
    queryFn: ({ signal }) => getStructurePractices(year, finess, signal),
  });
}

/** The qualitative axes (O04–O06): the structure's practices beside the share of its peers having them. */
export function useStructurePractices(year: number, finess: string) {
  return useQuery(getStructurePracticesQueryOptions(year, finess));
}
