/**
 * Paging for integrators (issue 16): a page of a list answers, beside its `items`, `total`, `page`
 * and `pageSize` fields, the same as headers — `X-Total-Count` and an RFC 8288 `Link` header with
 * first/prev/next/last — so a client walks every page without computing URLs. Pure; the
 * interceptor applies it.
 */

export interface PageShape {
  total: number;
  page: number;
  pageSize: number;
}

/** Whether an answer is a page of a list: its `items` (or a table's `rows`) with the paging fields. */
export function isPage(body: unknown): body is PageShape {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    (Array.isArray(b['items']) || Array.isArray(b['rows'])) &&
    Number.isInteger(b['total']) &&
    Number.isInteger(b['page']) &&
    Number.isInteger(b['pageSize'])
  );
}

/**
 * Past this, a page gets no Link header (X-Total-Count and the body's fields still page it): each
 * link repeats the query, and a long query made headers that common HTTP clients refuse (16 KB).
 */
export const MAX_LINK_HEADER = 4_096;

/**
 * The Link header of a page: `url` is the request's URL (path and query), its page replaced; null
 * when it would exceed MAX_LINK_HEADER.
 */
export function pageLinks(url: string, page: PageShape): string | null {
  const last = Math.max(1, Math.ceil(page.total / Math.max(1, page.pageSize)));
  const [path = '', query = ''] = url.split('?', 2);
  const at = (n: number) => {
    const params = new URLSearchParams(query);
    params.set('page', String(n));
    params.set('pageSize', String(page.pageSize));
    return `<${path}?${params.toString()}>`;
  };
  const links = [`${at(1)}; rel="first"`];
  if (page.page > 1) links.push(`${at(Math.min(page.page - 1, last))}; rel="prev"`);
  if (page.page < last) links.push(`${at(page.page + 1)}; rel="next"`);
  links.push(`${at(last)}; rel="last"`);
  const header = links.join(', ');
  return header.length > MAX_LINK_HEADER ? null : header;
}
