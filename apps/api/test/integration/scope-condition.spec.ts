/**
 * The SQL twin of the scope (`AccessService.scopeCondition`) and its reference semantics
 * (`structureInScope` of @tdb/access) select the same structures, for generated structures and
 * generated scopes, on a real database.
 */
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { structureInScope, type Scope, type StructureFacts } from '@tdb/access';
import { AccessService } from '../../src/common/auth/access.service';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

const REGIONS: Record<string, string[]> = { '24': ['45', '18'], '11': ['75', '93'], '84': ['69'] };
const DEPARTMENTS = Object.values(REGIONS).flat();
const OGS = ['450000020', '750000020', '690000020'];

const structure: fc.Arbitrary<StructureFacts> = fc
  .record({
    region: fc.constantFrom(...Object.keys(REGIONS)),
    index: fc.nat(),
    og: fc.constantFrom(...OGS),
    competence: fc.constantFrom<StructureFacts['competence']>('ARS', 'CD', 'SHARED'),
    number: fc.integer({ min: 0, max: 9999 }),
  })
  .map(({ region, index, og, competence, number }) => {
    const departments = REGIONS[region]!;
    return {
      finess: `${departments[index % departments.length]}000${String(number).padStart(4, '0')}`.slice(0, 9),
      ogFiness: og,
      departmentCode: departments[index % departments.length]!,
      regionCode: region,
      competence,
      categoryCode: 'EHPAD',
    };
  });

const scope = (finesses: string[]): fc.Arbitrary<Scope> =>
  fc.record({
    all: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    authorities: fc.uniqueArray(
      fc.oneof(
        fc.record({
          kind: fc.constant('ARS' as const),
          code: fc.constantFrom(...Object.keys(REGIONS), '02'),
          role: fc.constantFrom('APR' as const, 'CONTROLLER' as const, 'READER' as const),
        }),
        fc.record({
          kind: fc.constant('CD' as const),
          code: fc.constantFrom(...DEPARTMENTS, '2A'),
          role: fc.constantFrom('APR' as const, 'CONTROLLER' as const, 'READER' as const),
        }),
      ),
      { maxLength: 3, selector: (a) => `${a.kind}${a.code}${a.role}` },
    ),
    ogs: fc.uniqueArray(fc.constantFrom(...OGS, '999999999'), { maxLength: 2 }),
    structures: fc.uniqueArray(fc.constantFrom(...finesses, '000000000'), { maxLength: 3 }),
  });

describe('scopeCondition (SQL) agrees with structureInScope (policy)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const access = new AccessService(undefined as unknown as DataSource);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('selects exactly the structures in scope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .uniqueArray(structure, { minLength: 1, maxLength: 25, selector: (s) => s.finess })
          .chain((structures) => fc.tuple(fc.constant(structures), scope(structures.map((s) => s.finess)))),
        async ([structures, generated]) => {
          const condition = access.scopeCondition(generated, 's');
          const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
            `SELECT s.finess FROM jsonb_to_recordset(CAST(:rows AS jsonb))
               AS s(finess text, og_finess text, department_code text, region_code text, competence text)
              WHERE ${condition.sql} ORDER BY s.finess`,
            {
              ...condition.parameters,
              rows: JSON.stringify(
                structures.map((s) => ({
                  finess: s.finess,
                  og_finess: s.ogFiness,
                  department_code: s.departmentCode,
                  region_code: s.regionCode,
                  competence: s.competence,
                })),
              ),
            },
          );
          const selected: { finess: string }[] = await dataSource.query(sql, parameters);
          const expected = structures
            .filter((s) => structureInScope(generated, s))
            .map((s) => s.finess)
            .sort();
          expect(selected.map((row) => row.finess)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
