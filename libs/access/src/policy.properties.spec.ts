/** Properties of the policy over generated actors and requests (fast-check). */
import fc from 'fast-check';
import type {
  FormDomain,
  GrantInput,
  OrganisationKind,
  OrganisationRef,
  Role,
  UserRight,
} from '@tdb/contracts';
import { CATEGORIES, DEPARTMENTS, REGIONS } from '@tdb/reference';
import type {
  AccessRequest,
  AccountChange,
  Actor,
  ActorGrant,
  ManagedGrant,
  OrganisationFacts,
  StructureFacts,
} from './index';
import {
  ACCOUNT_CHANGES,
  FORM_DOMAINS,
  ROLES_BY_KIND,
  USER_RIGHTS,
  decide,
  organisationInScope,
  scopeOf,
  structureInScope,
  workflowRoleOf,
} from './index';
import {
  EANM_45,
  EHPAD_11,
  EHPAD_37,
  EHPAD_45,
  IME_45,
  NATIONAL_GRANT,
  ORG_11,
  ORG_37,
  ORG_45,
  ORG_EANM,
  SAVS_45,
} from './test-fixtures';

const TODAY = '2024-06-01';
const RUNS = { numRuns: 400 };

// ---------------------------------------------------------------------------------------------
// Arbitrary (possibly nonsensical) values: the policy must never throw on them.

const anyDate = fc.constantFrom<string | null>(
  null,
  '2020-01-01',
  '2024-05-31',
  TODAY,
  '2024-06-02',
  '2030-12-31',
  '2023-02-29',
  'demain',
  '',
);
const regionCode = fc.constantFrom('24', '11', '84', '99', '');
const departmentCode = fc.constantFrom('45', '37', '75', '2A', '974', '00');
const finess = fc.constantFrom(
  '450000001',
  '450000019',
  '450000027',
  '450000100',
  '750000001',
  '750000019',
  'X',
);
const anyKind = fc.constantFrom<OrganisationKind>(
  'NATIONAL',
  'ARS',
  'CD',
  'OG',
  'ESMS',
  'REGION' as OrganisationKind,
);
const anyRole = fc.constantFrom<Role>(
  'NATIONAL_ADMIN',
  'APR',
  'CONTROLLER',
  'READER',
  'APE',
  'USER',
  'ROOT' as Role,
);
const anyRights = fc.subarray<UserRight>([...USER_RIGHTS, 'ADMIN' as UserRight]);
const anyDomains = fc.option(fc.subarray<FormDomain>([...FORM_DOMAINS, 'RH' as FormDomain]), { nil: null });
const anyCode = fc.oneof(regionCode, departmentCode, finess, fc.constant('FR'), fc.string({ maxLength: 4 }));

const anyOrganisation: fc.Arbitrary<OrganisationRef> = fc.record({ kind: anyKind, code: anyCode });

const anyStructure: fc.Arbitrary<StructureFacts> = fc.record({
  finess,
  ogFiness: finess,
  departmentCode,
  regionCode,
  competence: fc.constantFrom('ARS', 'CD', 'SHARED', 'XX' as 'ARS'),
  categoryCode: fc.constantFrom('EHPAD', 'SAVS', 'IME', 'EANM', 'INCONNUE'),
});
const anyOrganisationFacts: fc.Arbitrary<OrganisationFacts> = fc.record({
  finess,
  structures: fc.array(anyStructure, { maxLength: 4 }),
});

const arbitraryActorGrant: fc.Arbitrary<ActorGrant> = fc.record({
  organisation: fc.oneof(anyOrganisation, fc.constant(null as unknown as OrganisationRef)),
  role: anyRole,
  rights: fc.oneof(anyRights, fc.constant(null as unknown as UserRight[])),
  entryDomains: anyDomains,
  validFrom: anyDate,
  validUntil: anyDate,
});
/** A plausible grant: a role that fits its organisation, codes that meet the generated structures. */
const plausibleActorGrant: fc.Arbitrary<ActorGrant> = fc
  .constantFrom<OrganisationKind>('NATIONAL', 'ARS', 'CD', 'OG', 'ESMS')
  .chain((kind) =>
    fc.record({
      organisation: fc.record({
        kind: fc.constant(kind),
        code:
          kind === 'NATIONAL'
            ? fc.constant('FR')
            : kind === 'ARS'
              ? regionCode
              : kind === 'CD'
                ? departmentCode
                : finess,
      }),
      role: fc.constantFrom(...ROLES_BY_KIND[kind]),
      rights: anyRights,
      entryDomains: anyDomains,
      validFrom: fc.constantFrom<string | null>(null, null, '2020-01-01', '2024-06-02', 'x'),
      validUntil: fc.constantFrom<string | null>(null, null, '2030-12-31', '2024-05-31'),
    }),
  );
const anyActorGrant = fc.oneof(
  { arbitrary: plausibleActorGrant, weight: 4 },
  { arbitrary: arbitraryActorGrant, weight: 1 },
);
const anyActor: fc.Arbitrary<Actor> = fc.record({
  accountId: fc.constantFrom('me', 'other', ''),
  grants: fc.array(anyActorGrant, { maxLength: 4 }),
});

const anyGrantInput: fc.Arbitrary<GrantInput> = fc.record(
  {
    organisation: anyOrganisation,
    role: anyRole,
    rights: anyRights,
    entryDomains: anyDomains,
    validFrom: anyDate,
    validUntil: anyDate,
  },
  { requiredKeys: ['organisation', 'role'] },
);
const anyManagedGrant: fc.Arbitrary<ManagedGrant> = fc
  .tuple(
    anyGrantInput,
    fc.option(anyStructure, { nil: undefined }),
    fc.option(anyOrganisationFacts, { nil: undefined }),
    fc.option(fc.boolean(), { nil: undefined }),
    fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
  )
  .map(([grant, targetStructure, targetOrganisation, targetHasApe, remainingApeCount]) => ({
    ...grant,
    targetStructure,
    targetOrganisation,
    targetHasApe,
    remainingApeCount,
  }));

// ---------------------------------------------------------------------------------------------
// Well-formed values: what a correct API sends.

// Half of the time, codes that meet the plausible actors' grants.
const realRegion = fc.oneof(fc.constantFrom('24', '11'), fc.constantFrom(...REGIONS.map((r) => r.code)));
const realDepartment = fc.oneof(
  fc.constantFrom('45', '37', '75'),
  fc.constantFrom(...DEPARTMENTS.map((d) => d.code)),
);
const realFiness = fc.oneof(
  fc.constantFrom('450000001', '450000019', '450000027', '450000100', '750000001', '750000019'),
  fc.stringMatching(/^[0-9][0-9AB][0-9]{7}$/),
);
const realCategory = fc.constantFrom(...CATEGORIES);

const wellFormedStructure: fc.Arbitrary<StructureFacts> = fc
  .record({
    finess: realFiness,
    ogFiness: realFiness,
    departmentCode: realDepartment,
    regionCode: realRegion,
    category: realCategory,
  })
  .map(({ category, ...rest }) => ({
    ...rest,
    competence: category.competence,
    categoryCode: category.code,
  }));

function wellFormedOrganisationFacts(code: string): fc.Arbitrary<OrganisationFacts> {
  return fc
    .array(wellFormedStructure, { maxLength: 3 })
    .map((structures) => ({ finess: code, structures: structures.map((s) => ({ ...s, ogFiness: code })) }));
}

const orderedDates = fc
  .tuple(
    fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
    fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
  )
  .map(([a, b]) => {
    const iso = (days: number) => new Date(Date.UTC(2020, 0, 1 + days)).toISOString().slice(0, 10);
    if (a !== null && b !== null) return { validFrom: iso(Math.min(a, b)), validUntil: iso(Math.max(a, b)) };
    return { validFrom: a === null ? null : iso(a), validUntil: b === null ? null : iso(b) };
  });

/** Structures and OGs: half of the time those of the fixtures, that the plausible actors meet. */
const someStructure = fc.oneof(
  fc.constantFrom(EHPAD_45, SAVS_45, IME_45, EANM_45, EHPAD_37, EHPAD_11),
  wellFormedStructure,
);
const someOrganisation = fc.oneof(
  fc.constantFrom(ORG_45, ORG_EANM, ORG_37, ORG_11),
  realFiness.chain(wellFormedOrganisationFacts),
);

type Target = Pick<ManagedGrant, 'targetStructure' | 'targetOrganisation'> & { code: string };

function targetOfKind(kind: OrganisationKind): fc.Arbitrary<Target> {
  switch (kind) {
    case 'NATIONAL':
      return fc.constant({ code: 'FR' });
    case 'ARS':
      return realRegion.map((code) => ({ code }));
    case 'CD':
      return realDepartment.map((code) => ({ code }));
    case 'OG':
      return someOrganisation.map((o) => ({ code: o.finess, targetOrganisation: o }));
    case 'ESMS':
      return someStructure.map((s) => ({ code: s.finess, targetStructure: s }));
  }
}

/** A grant that passes validateGrantShape, with consistent facts for its organisation. */
const wellFormedManagedGrant: fc.Arbitrary<ManagedGrant> = fc
  .constantFrom<OrganisationKind>('NATIONAL', 'ARS', 'CD', 'OG', 'ESMS')
  .chain((kind) =>
    fc.record({
      kind: fc.constant(kind),
      target: targetOfKind(kind),
      role: fc.constantFrom(...ROLES_BY_KIND[kind]),
      rights: fc.subarray([...USER_RIGHTS], { minLength: 1 }),
      domains: fc.option(fc.subarray([...FORM_DOMAINS], { minLength: 1 }), { nil: null }),
      dates: orderedDates,
      hasApe: fc.option(fc.boolean(), { nil: undefined }),
      remaining: fc.option(fc.nat(3), { nil: undefined }),
    }),
  )
  .map(
    ({
      kind,
      target: { code, ...facts },
      role,
      rights,
      domains,
      dates,
      hasApe,
      remaining,
    }): ManagedGrant => ({
      organisation: { kind, code },
      role,
      rights: role === 'USER' ? rights : [],
      entryDomains: role === 'USER' && rights.includes('ENTRY') ? domains : null,
      ...dates,
      ...facts,
      targetHasApe: hasApe,
      remainingApeCount: remaining,
    }),
  );

function split(m: ManagedGrant) {
  const { targetStructure, targetOrganisation, targetHasApe, remainingApeCount, ...grant } = m;
  return { grant, facts: { targetStructure, targetOrganisation, targetHasApe }, remainingApeCount };
}

const isLastApe = (m: ManagedGrant) => m.role === 'APE' && m.remainingApeCount === 0;

type Generated = { request: AccessRequest; removesLastApe: boolean };
const ok = (request: AccessRequest, removesLastApe = false): Generated => ({ request, removesLastApe });
const authorityRef = fc.oneof(
  realRegion.map((code): OrganisationRef => ({ kind: 'ARS', code })),
  realDepartment.map((code): OrganisationRef => ({ kind: 'CD', code })),
);

/** Well-formed requests, with whether they remove the last APE of an organisation. */
const wellFormedRequest: fc.Arbitrary<Generated> = fc.oneof(
  someStructure.map((structure) => ok({ type: 'structure.read', structure })),
  fc
    .tuple(someStructure, fc.option(realCategory, { nil: undefined }))
    .map(([structure, category]) =>
      ok({ type: 'structure.correctCategory', structure, newCategoryCode: category?.code }),
    ),
  someOrganisation.map((organisation) => ok({ type: 'organisation.read', organisation })),
  fc.constant(ok({ type: 'finess.import' })),
  fc.constant(ok({ type: 'emails.read' })),
  fc.constant(ok({ type: 'settings.manage' })),
  wellFormedManagedGrant.map((m) => {
    const { grant, facts } = split(m);
    return ok({ type: 'grant.create', target: grant, ...facts });
  }),
  wellFormedManagedGrant.map((m) => {
    const { grant, facts, remainingApeCount } = split(m);
    return ok({ type: 'grant.revoke', grant, ...facts, remainingApeCount }, isLastApe(m));
  }),
  fc
    .array(wellFormedManagedGrant, { maxLength: 3 })
    .map((targetGrants) => ok({ type: 'account.read', targetAccountId: 'someone', targetGrants })),
  fc
    .tuple(
      fc.array(wellFormedManagedGrant, { maxLength: 3 }),
      fc.subarray([...ACCOUNT_CHANGES], { minLength: 1 }),
    )
    .map(([targetGrants, changes]) =>
      ok(
        { type: 'account.update', targetAccountId: 'someone', targetGrants, changes },
        changes.includes('disable') && targetGrants.some(isLastApe),
      ),
    ),
  fc
    .option(
      fc.oneof(
        authorityRef.map((organisation) => ({ organisation })),
        someStructure.map((structure) => ({
          organisation: { kind: 'ESMS' as const, code: structure.finess },
          structure,
        })),
      ),
      { nil: undefined },
    )
    .map((subject) => ok({ type: 'audit.read', subject })),
  authorityRef.map((organisation) => ok({ type: 'apiToken.manage', organisation })),
  fc.constant(ok({ type: 'campaign.manage' })),
  someStructure.map((structure) => ok({ type: 'submission.read', structure })),
  fc
    .tuple(someStructure, fc.subarray([...FORM_DOMAINS]))
    .map(([structure, domains]) => ok({ type: 'submission.edit', structure, domains })),
);

// Any request: well-formed ones (so that some are allowed) and arbitrary ones.
const anyRequest: fc.Arbitrary<AccessRequest> = fc.oneof(
  { arbitrary: wellFormedRequest.map(({ request }) => request), weight: 12 },
  anyStructure.map((structure): AccessRequest => ({ type: 'structure.read', structure })),
  fc
    .tuple(anyStructure, fc.option(fc.constantFrom('EHPAD', 'EANM', 'IME', 'NOPE'), { nil: undefined }))
    .map(([structure, newCategoryCode]): AccessRequest => ({
      type: 'structure.correctCategory',
      structure,
      newCategoryCode,
    })),
  anyOrganisationFacts.map((organisation): AccessRequest => ({ type: 'organisation.read', organisation })),
  fc.constant<AccessRequest>({ type: 'finess.import' }),
  anyManagedGrant.map(
    ({
      targetStructure,
      targetOrganisation,
      targetHasApe,
      remainingApeCount: _r,
      ...target
    }): AccessRequest => ({
      type: 'grant.create',
      target,
      targetStructure,
      targetOrganisation,
      targetHasApe,
    }),
  ),
  anyManagedGrant.map(
    ({ targetStructure, targetOrganisation, targetHasApe, remainingApeCount, ...grant }): AccessRequest => ({
      type: 'grant.revoke',
      grant,
      targetStructure,
      targetOrganisation,
      targetHasApe,
      remainingApeCount,
    }),
  ),
  fc
    .tuple(fc.constantFrom('me', 'other'), fc.array(anyManagedGrant, { maxLength: 3 }))
    .map(([targetAccountId, targetGrants]): AccessRequest => ({
      type: 'account.read',
      targetAccountId,
      targetGrants,
    })),
  fc
    .tuple(
      fc.constantFrom('me', 'other'),
      fc.array(anyManagedGrant, { maxLength: 3 }),
      fc.subarray<AccountChange>([...ACCOUNT_CHANGES, 'email' as AccountChange]),
    )
    .map(([targetAccountId, targetGrants, changes]): AccessRequest => ({
      type: 'account.update',
      targetAccountId,
      targetGrants,
      changes,
    })),
  fc
    .option(
      fc.record(
        {
          organisation: anyOrganisation,
          structure: anyStructure,
          organisationFacts: anyOrganisationFacts,
        },
        { requiredKeys: ['organisation'] },
      ),
      { nil: undefined },
    )
    .map((subject): AccessRequest => ({ type: 'audit.read', subject })),
  fc.constant<AccessRequest>({ type: 'emails.read' }),
  fc.constant<AccessRequest>({ type: 'settings.manage' }),
  anyOrganisation.map((organisation): AccessRequest => ({ type: 'apiToken.manage', organisation })),
  fc.constant<AccessRequest>({ type: 'campaign.manage' }),
  anyStructure.map((structure): AccessRequest => ({ type: 'submission.read', structure })),
  fc
    .tuple(anyStructure, fc.subarray<FormDomain>([...FORM_DOMAINS, 'RH' as FormDomain]))
    .map(([structure, domains]): AccessRequest => ({ type: 'submission.edit', structure, domains })),
  // What a buggy caller might send despite the types.
  fc.constantFrom<AccessRequest>(
    { type: 'structure.read', structure: null as never },
    { type: 'organisation.read', organisation: { finess: 'X', structures: null as never } },
    { type: 'grant.create', target: null as never },
    { type: 'grant.revoke', grant: { organisation: null as never, role: 'APE' } },
    { type: 'account.read', targetAccountId: 'x', targetGrants: [null as never] },
    { type: 'account.update', targetAccountId: 'x', targetGrants: null as never, changes: ['disable'] },
    { type: 'audit.read', subject: { organisation: null as never } },
    { type: 'apiToken.manage', organisation: null as never },
    { type: 'submission.read', structure: null as never },
    { type: 'submission.edit', structure: null as never, domains: ['FINANCES'] },
    { type: 'submission.edit', structure: EHPAD_45, domains: null as never },
    { type: 'unknown.action' } as never,
    null as never,
  ),
);

// ---------------------------------------------------------------------------------------------

describe('decide — properties', () => {
  it('never throws, and every refusal carries a French reason and a code', () => {
    fc.assert(
      fc.property(
        anyActor,
        anyRequest,
        fc.constantFrom(TODAY, '2024-02-30', 'n/a'),
        (actor, request, today) => {
          const decision = decide(actor, request, today);
          expect(typeof decision.allowed).toBe('boolean');
          if (!decision.allowed) {
            expect(decision.reason.length).toBeGreaterThan(10);
            expect([
              'FORBIDDEN',
              'INVALID_REQUEST',
              'LAST_APE',
              'INACTIVE_GRANT',
              'PRINCIPAL_HELD',
            ]).toContain(decision.code);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('allows an active national administrator every well-formed action except removing the last APE and entering data', () => {
    fc.assert(
      fc.property(
        fc.array(anyActorGrant, { maxLength: 2 }),
        wellFormedRequest,
        (others, { request, removesLastApe }) => {
          fc.pre(request.type !== 'submission.edit');
          const actor: Actor = { accountId: 'national', grants: [...others, NATIONAL_GRANT] };
          const decision = decide(actor, request, TODAY);
          if (removesLastApe) {
            expect(decision).toMatchObject({ allowed: false, code: 'LAST_APE' });
          } else {
            expect(decision).toEqual({ allowed: true });
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is monotonic: an extra grant never takes a permission away', () => {
    fc.assert(
      fc.property(anyActor, anyActorGrant, anyRequest, (actor, extra, request) => {
        fc.pre(decide(actor, request, TODAY).allowed);
        expect(decide({ ...actor, grants: [...actor.grants, extra] }, request, TODAY).allowed).toBe(true);
      }),
      RUNS,
    );
  });

  it('an expired or future grant gives no permission', () => {
    const inactive = anyActorGrant.map((g) => ({ ...g, validUntil: '2024-05-31' }));
    fc.assert(
      fc.property(anyActor, inactive, anyRequest, (actor, extra, request) => {
        const without = decide(actor, request, TODAY).allowed;
        expect(decide({ ...actor, grants: [...actor.grants, extra] }, request, TODAY).allowed).toBe(without);
      }),
      RUNS,
    );
  });

  it('reading a structure or an OG agrees with the Scope the API turns into SQL', () => {
    fc.assert(
      fc.property(anyActor, anyStructure, anyOrganisationFacts, (actor, structure, organisation) => {
        const scope = scopeOf(actor, TODAY);
        expect(decide(actor, { type: 'structure.read', structure }, TODAY).allowed).toBe(
          structureInScope(scope, structure),
        );
        expect(decide(actor, { type: 'organisation.read', organisation }, TODAY).allowed).toBe(
          organisationInScope(scope, organisation),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('reading a submission agrees with the Scope, and with having a workflow role', () => {
    fc.assert(
      fc.property(anyActor, anyStructure, (actor, structure) => {
        const inScope = structureInScope(scopeOf(actor, TODAY), structure);
        expect(decide(actor, { type: 'submission.read', structure }, TODAY).allowed).toBe(inScope);
        expect(workflowRoleOf(actor, structure, TODAY) !== null).toBe(inScope);
      }),
      { numRuns: 2000 },
    );
  });

  it('entering data needs a structure role, and what may be entered may be read', () => {
    fc.assert(
      fc.property(anyActor, someStructure, fc.subarray([...FORM_DOMAINS]), (actor, structure, domains) => {
        fc.pre(decide(actor, { type: 'submission.edit', structure, domains }, TODAY).allowed);
        expect(decide(actor, { type: 'submission.read', structure }, TODAY).allowed).toBe(true);
        const structureOnly: Actor = {
          ...actor,
          grants: actor.grants.filter((g) => g.role === 'APE' || g.role === 'USER'),
        };
        expect(['STRUCTURE_ENTRY', 'STRUCTURE_VALIDATION']).toContain(
          workflowRoleOf(structureOnly, structure, TODAY),
        );
      }),
      RUNS,
    );
  });

  it('a national administrator never enters data', () => {
    fc.assert(
      fc.property(someStructure, fc.subarray([...FORM_DOMAINS]), (structure, domains) => {
        const actor: Actor = { accountId: 'national', grants: [NATIONAL_GRANT] };
        expect(decide(actor, { type: 'submission.edit', structure, domains }, TODAY)).toMatchObject({
          allowed: false,
          code: 'FORBIDDEN',
        });
      }),
      RUNS,
    );
  });

  it('revoking a grant is allowed exactly when creating it would be (APE count aside)', () => {
    fc.assert(
      fc.property(anyActor, wellFormedManagedGrant, (actor, managed) => {
        const { grant, facts } = split(managed);
        const create = decide(actor, { type: 'grant.create', target: grant, ...facts }, TODAY);
        const revoke = decide(actor, { type: 'grant.revoke', grant, ...facts }, TODAY);
        expect(revoke.allowed).toBe(create.allowed);
      }),
      { numRuns: 2000 },
    );
  });

  it('who may disable an account may also see it', () => {
    fc.assert(
      fc.property(anyActor, fc.array(wellFormedManagedGrant, { maxLength: 3 }), (actor, targetGrants) => {
        const update = decide(
          actor,
          { type: 'account.update', targetAccountId: 'x', targetGrants, changes: ['disable'] },
          TODAY,
        );
        fc.pre(update.allowed);
        expect(
          decide(actor, { type: 'account.read', targetAccountId: 'x', targetGrants }, TODAY).allowed,
        ).toBe(true);
      }),
      RUNS,
    );
  });
});
