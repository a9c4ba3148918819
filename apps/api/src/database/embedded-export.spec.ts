import { dependencyOrder } from './embedded-export';

const table = (oid: number, name: string) => ({ oid, name });

describe('dependencyOrder', () => {
  it('puts every table after those its foreign keys point to, by name otherwise', () => {
    const tables = [
      table(1, 'submissions'),
      table(2, 'campaigns'),
      table(3, 'structures'),
      table(4, 'accounts'),
    ];
    const order = dependencyOrder(tables, [
      { child: 1, parent: 2 },
      { child: 1, parent: 3 },
      // A self-reference (a row pointing to another of its table): loaded in one COPY, checked at its end.
      { child: 3, parent: 3 },
    ]);
    expect(order.map((t) => t.name)).toEqual(['accounts', 'campaigns', 'structures', 'submissions']);
  });

  it('names the tables of a cycle, for which no order exists', () => {
    expect(() =>
      dependencyOrder(
        [table(1, 'a'), table(2, 'b'), table(3, 'c')],
        [
          { child: 1, parent: 2 },
          { child: 2, parent: 1 },
        ],
      ),
    ).toThrow(/cycle between a, b/);
  });
});
