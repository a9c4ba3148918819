import fc from 'fast-check';
import { isPage, MAX_LINK_HEADER, pageLinks } from './pagination-links';

const rels = (link: string | null) =>
  Object.fromEntries(
    (link ?? '').split(', ').map((part) => {
      const [, url = '', rel = ''] = /^<([^>]+)>; rel="(\w+)"$/.exec(part) ?? [];
      return [rel, new URL(url, 'http://x').searchParams.get('page')];
    }),
  );

describe('pagination links', () => {
  it('links the first, previous, next and last pages, keeping the filters', () => {
    const link = pageLinks('/api/structures?q=saint&page=2&pageSize=20', {
      total: 95,
      page: 2,
      pageSize: 20,
    });
    expect(link).toBe(
      [
        '</api/structures?q=saint&page=1&pageSize=20>; rel="first"',
        '</api/structures?q=saint&page=1&pageSize=20>; rel="prev"',
        '</api/structures?q=saint&page=3&pageSize=20>; rel="next"',
        '</api/structures?q=saint&page=5&pageSize=20>; rel="last"',
      ].join(', '),
    );
  });

  it('has no prev on the first page, no next on the last, and one page for an empty list', () => {
    expect(rels(pageLinks('/a', { total: 0, page: 1, pageSize: 20 }))).toEqual({ first: '1', last: '1' });
    expect(rels(pageLinks('/a?page=3', { total: 60, page: 3, pageSize: 20 }))).toEqual({
      first: '1',
      prev: '2',
      last: '3',
    });
  });

  it('walks every page from first to last through next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 200 }), (total, pageSize) => {
        let page = 1;
        let seen = 0;
        for (;;) {
          seen += Math.min(pageSize, Math.max(0, total - (page - 1) * pageSize));
          const next = rels(pageLinks('/a', { total, page, pageSize }))['next'];
          if (!next) break;
          page = Number(next);
        }
        expect(seen).toBe(total);
      }),
    );
  });

  it('recognises a page of a list only', () => {
    expect(isPage({ items: [], total: 0, page: 1, pageSize: 20 })).toBe(true);
    expect(isPage({ items: [], total: '0', page: 1, pageSize: 20 })).toBe(false);
    expect(isPage([1, 2])).toBe(false);
  });

  it('leaves the Link header out rather than repeat a long query in it', () => {
    const long = `/a?q=${'a'.repeat(2_000)}`;
    expect(pageLinks(long, { total: 60, page: 2, pageSize: 20 })).toBeNull();
    const header = pageLinks(`/a?q=${'a'.repeat(500)}`, { total: 60, page: 2, pageSize: 20 });
    expect(header!.length).toBeLessThanOrEqual(MAX_LINK_HEADER);
    expect(rels(header)).toEqual({ first: '1', prev: '1', next: '3', last: '3' });
  });
});
