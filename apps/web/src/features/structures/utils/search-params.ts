import type { CompetenceCode, StructureSearchQuery, StructureSort } from '@tdb/contracts';

export const PAGE_SIZE = 20;

export const STRUCTURE_SORTS: readonly StructureSort[] = [
  'name',
  '-name',
  'finess',
  '-finess',
  'category',
  '-category',
  'department',
  '-department',
];

export const COMPETENCE_CODES: readonly CompetenceCode[] = ['ARS', 'CD', 'SHARED'];

/** The search as the page holds it: what the URL says, normalised. */
export interface StructureSearchState {
  q: string;
  category: string[];
  region: string;
  department: string;
  competence: CompetenceCode[];
  page: number;
  sort: StructureSort;
}

export const DEFAULT_SORT: StructureSort = 'name';

function list(value: string | null): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    ),
  ];
}

/** Reads the search from the URL, ignoring values it does not understand (a hand-edited link still works). */
export function parseSearchParams(params: URLSearchParams): StructureSearchState {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const sort = params.get('sort') as StructureSort | null;
  return {
    q: params.get('q') ?? '',
    category: list(params.get('category')),
    region: params.get('region') ?? '',
    department: params.get('department') ?? '',
    competence: list(params.get('competence')).filter((c): c is CompetenceCode =>
      (COMPETENCE_CODES as readonly string[]).includes(c),
    ),
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    sort: sort && STRUCTURE_SORTS.includes(sort) ? sort : DEFAULT_SORT,
  };
}

/** Writes the search to the URL, leaving defaults out so that links stay short. */
export function toSearchParams(state: StructureSearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim() !== '') params.set('q', state.q);
  if (state.category.length > 0) params.set('category', state.category.join(','));
  if (state.region !== '') params.set('region', state.region);
  if (state.department !== '') params.set('department', state.department);
  if (state.competence.length > 0) params.set('competence', state.competence.join(','));
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** The API query of a search state. */
export function toStructureQuery(state: StructureSearchState): StructureSearchQuery {
  const query: StructureSearchQuery = { page: state.page, pageSize: PAGE_SIZE, sort: state.sort };
  const q = state.q.trim();
  if (q !== '') query.q = q;
  if (state.category.length > 0) query.category = state.category;
  if (state.region !== '') query.region = [state.region];
  if (state.department !== '') query.department = [state.department];
  if (state.competence.length > 0) query.competence = state.competence;
  return query;
}

export function hasActiveFilters(state: StructureSearchState): boolean {
  return (
    state.q.trim() !== '' ||
    state.category.length > 0 ||
    state.region !== '' ||
    state.department !== '' ||
    state.competence.length > 0
  );
}

export type SortableField = 'name' | 'finess' | 'category' | 'department';

export function sortDirection(sort: StructureSort, field: SortableField): 'ascending' | 'descending' | null {
  if (sort === field) return 'ascending';
  if (sort === `-${field}`) return 'descending';
  return null;
}

/** Clicking a sorted column reverses it; clicking another sorts it ascending. */
export function nextSort(sort: StructureSort, field: SortableField): StructureSort {
  return sort === field ? (`-${field}` as StructureSort) : field;
}
