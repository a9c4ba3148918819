import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type {
  AuthorityRef,
  OrganisationRestitution,
  TerritoryMap,
  TerritoryScatter,
  TerritoryTable,
} from '@tdb/contracts';
import { api, unwrap, unwrapFile } from '@/lib/api-client';
import { fileDownload, type FileDownload } from './file-download';

export interface TableParams {
  indicators: string[];
  category: string;
  department?: string;
  /** Indicator code, "name" or "finess"; "-" prefixed: descending. */
  sort?: string;
  page?: number;
}

/** The table's query, as the API reads it (the indicators comma-separated). */
function tableQuery(params: TableParams) {
  return {
    indicators: params.indicators.join(','),
    category: params.category,
    department: params.department,
    sort: params.sort,
    page: params.page,
  };
}

export function getTerritoryTable(
  year: number,
  params: TableParams,
  signal?: AbortSignal,
): Promise<TerritoryTable> {
  return unwrap(
    api.GET('/api/campaigns/{year}/restitution/table', {
      params: { path: { year }, query: tableQuery(params) },
      signal,
    }),
  );
}

export function getTerritoryTableQueryOptions(year: number, params: TableParams) {
  return queryOptions({
    queryKey: ['restitution', year, 'table', params] as const,
    queryFn: ({ signal }) => getTerritoryTable(year, params, signal),
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

/** The table (all its pages, same indicators, filters and order) as a spreadsheet (XLSX). */
export function territoryTableFile(year: number, params: Omit<TableParams, 'page'>): FileDownload {
  const query = tableQuery(params);
  return fileDownload(['territory-table', year, query], () =>
    unwrapFile(
      api.GET('/api/campaigns/{year}/restitution/table.xlsx', {
        params: { path: { year }, query },
        parseAs: 'blob',
      }),
    ),
  );
}

/** The territorial report (PDF, A4) of an ARS or a Département. */
export function territoryReportFile(year: number, authority: AuthorityRef): FileDownload {
  const query = { kind: authority.kind, code: authority.code };
  return fileDownload(['territory-report', year, query], () =>
    unwrapFile(
      api.GET('/api/campaigns/{year}/restitution/territory-report.pdf', {
        params: { path: { year }, query },
        parseAs: 'blob',
      }),
    ),
  );
}

export function getTerritoryMap(
  year: number,
  indicator: string,
  category: string,
  signal?: AbortSignal,
): Promise<TerritoryMap> {
  return unwrap(
    api.GET('/api/campaigns/{year}/restitution/map', {
      params: { path: { year }, query: { indicator, category } },
      signal,
    }),
  );
}

export function useTerritoryMap(year: number, indicator: string, category: string) {
  return useQuery({
    queryKey: ['restitution', year, 'map', indicator, category] as const,
    queryFn: ({ signal }) => getTerritoryMap(year, indicator, category, signal),
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

export function getTerritoryScatter(
  year: number,
  params: ScatterParams,
  signal?: AbortSignal,
): Promise<TerritoryScatter> {
  return unwrap(
    api.GET('/api/campaigns/{year}/restitution/scatter', {
      params: { path: { year }, query: { ...params } },
      signal,
    }),
  );
}

export function useTerritoryScatter(year: number, params: ScatterParams) {
  return useQuery({
    queryKey: ['restitution', year, 'scatter', params] as const,
    queryFn: ({ signal }) => getTerritoryScatter(year, params, signal),
    enabled: params.x !== '' && params.y !== '' && params.category !== '',
    placeholderData: keepPreviousData,
  });
}

export function getOrganisationRestitution(
  year: number,
  ogFiness: string,
  signal?: AbortSignal,
): Promise<OrganisationRestitution> {
  return unwrap(
    api.GET('/api/campaigns/{year}/restitution/organisations/{ogFiness}', {
      params: { path: { year, ogFiness } },
      signal,
    }),
  );
}

export function useOrganisationRestitution(year: number, ogFiness: string) {
  return useQuery({
    queryKey: ['restitution', year, 'organisations', ogFiness] as const,
    queryFn: ({ signal }) => getOrganisationRestitution(year, ogFiness, signal),
  });
}
