import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { OrganisationRestitution, TerritoryMap, TerritoryScatter, TerritoryTable } from '@tdb/contracts';
import { apiClient, toQueryString } from '@/lib/api-client';

export const restitutionPath = (year: number) => `/campaigns/${year}/restitution`;

export interface TableParams {
  indicators: string[];
  category: string;
  department?: string;
  /** Indicator code, "name" or "finess"; "-" prefixed: descending. */
  sort?: string;
  page?: number;
}

export function tableQueryString(params: TableParams): string {
  return toQueryString({
    indicators: params.indicators,
    category: params.category,
    department: params.department,
    sort: params.sort,
    page: params.page,
  });
}

export function getTerritoryTableQueryOptions(year: number, params: TableParams) {
  return queryOptions({
    queryKey: ['restitution', year, 'table', params] as const,
    queryFn: ({ signal }) =>
      apiClient.get<TerritoryTable>(`${restitutionPath(year)}/table${tableQueryString(params)}`, signal),
    placeholderData: keepPreviousData,
  });
}

/** The structures of the caller's scope, with the chosen indicators and their deciles. */
export function useTerritoryTable(year: number, params: TableParams) {
  return useQuery({
    ...getTerritoryTableQueryOptions(year, params),
    enabled: params.indicators.length > 0 && params.category !== '',
  });
}

export function useTerritoryMap(year: number, indicator: string, category: string) {
  return useQuery({
    queryKey: ['restitution', year, 'map', indicator, category] as const,
    queryFn: ({ signal }) =>
      apiClient.get<TerritoryMap>(
        `${restitutionPath(year)}/map${toQueryString({ indicator, category })}`,
        signal,
      ),
    enabled: indicator !== '' && category !== '',
  });
}

export interface ScatterParams {
  x: string;
  y: string;
  category: string;
  department?: string;
  region?: string;
  highlight?: string;
}

export function useTerritoryScatter(year: number, params: ScatterParams) {
  return useQuery({
    queryKey: ['restitution', year, 'scatter', params] as const,
    queryFn: ({ signal }) =>
      apiClient.get<TerritoryScatter>(
        `${restitutionPath(year)}/scatter${toQueryString({ ...params })}`,
        signal,
      ),
    enabled: params.x !== '' && params.y !== '' && params.category !== '',
    placeholderData: keepPreviousData,
  });
}

export function useOrganisationRestitution(year: number, ogFiness: string) {
  return useQuery({
    queryKey: ['restitution', year, 'organisations', ogFiness] as const,
    queryFn: ({ signal }) =>
      apiClient.get<OrganisationRestitution>(
        `${restitutionPath(year)}/organisations/${encodeURIComponent(ogFiness)}`,
        signal,
      ),
  });
}
