import { describe, expect, it } from 'vitest';
import { nextSort, parseSearchParams, toSearchParams, toStructureQuery } from './search-params';

describe('structures search in the URL', () => {
  it('reads every criterion', () => {
    const state = parseSearchParams(
      new URLSearchParams(
        'q=chenes&category=EHPAD,IME&region=11&department=75&competence=ARS,SHARED&page=3&sort=-finess',
      ),
    );
    expect(state).toEqual({
      q: 'chenes',
      category: ['EHPAD', 'IME'],
      region: '11',
      department: '75',
      competence: ['ARS', 'SHARED'],
      page: 3,
      sort: '-finess',
    });
    expect(toSearchParams(state).toString()).toBe(
      'q=chenes&category=EHPAD%2CIME&region=11&department=75&competence=ARS%2CSHARED&sort=-finess&page=3',
    );
  });

  it('ignores what it does not understand and leaves defaults out of the URL', () => {
    const state = parseSearchParams(
      new URLSearchParams('page=-2&sort=drop%20table&competence=ARS,XX&category=,,EHPAD,EHPAD'),
    );
    expect(state).toMatchObject({ page: 1, sort: 'name', competence: ['ARS'], category: ['EHPAD'] });
    expect(toSearchParams({ ...state, competence: [], category: [] }).toString()).toBe('');
  });

  it('turns the state into the API query', () => {
    const state = parseSearchParams(new URLSearchParams('q=%20chenes%20&region=11&department=2A'));
    expect(toStructureQuery(state)).toEqual({
      q: 'chenes',
      region: ['11'],
      department: ['2A'],
      page: 1,
      pageSize: 20,
      sort: 'name',
    });
  });

  it('reverses the sort of the sorted column, and sorts another ascending', () => {
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('-name', 'department')).toBe('department');
  });
});
