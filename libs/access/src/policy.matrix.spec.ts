/**
 * The policy as literal tables: every profile × every action × resources in and out of scope.
 * Y = allowed, _ = refused. Read a table row by row to audit who may do what.
 *
 * Resources (region 24 Centre-Val de Loire = departments 45 Loiret and 37 Indre-et-Loire):
 *   EHPAD 45  450000019  EHPAD, shared competence ARS + CD, OG 450000001
 *   SAVS 45   450000027  SAVS, Département only,          OG 450000001
 *   IME 45    450000035  IME, ARS only,                   OG 450000001
 *   EANM 45   450000118  foyer de vie (EANM), CD only,     OG 450000100
 *   EHPAD 37  370000019  EHPAD, shared, department 37,     OG 370000001
 *   EHPAD 11  750000019  EHPAD, shared, Paris (region 11),  OG 750000001
 * Profiles: "ESMS" = the EHPAD 45; "OG45" = OG 450000001; USERs hold entry + validation + read.
 */
import type { Actor } from './index';
import type { AccessRequest, AccessAction } from './index';
import { ACTIONS, decide } from './index';
import {
  ACTORS,
  ACTOR_NAMES,
  EANM_45,
  EHPAD_11,
  EHPAD_37,
  EHPAD_45,
  IME_45,
  NATIONAL_TARGET,
  ORG_11,
  ORG_37,
  ORG_45,
  ORG_EANM,
  SAVS_45,
  TODAY,
  createRequest,
  onAuthority,
  onOrganisation,
  onStructure,
  revokeRequest,
} from './test-fixtures';
import type { ActorName } from './test-fixtures';

const Y = true;
const _ = false;

type Column = [label: string, request: AccessRequest | ((actor: Actor) => AccessRequest)];
type Row = [ActorName, ...boolean[]];

const coveredActions = new Set<AccessAction>();

function matrix(title: string, columns: Column[], rows: Row[]): void {
  describe(title, () => {
    it('has one row per profile and one cell per column', () => {
      expect(rows.map(([name]) => name)).toEqual([...ACTOR_NAMES]);
      for (const [, ...cells] of rows) expect(cells).toHaveLength(columns.length);
    });

    const cases = rows.flatMap(([name, ...cells]) =>
      cells.map((expected, i) => {
        const [label, request] = columns[i] ?? ['?', { type: 'finess.import' }];
        return { name, label, expected, request, verdict: expected ? 'allowed' : 'refused' };
      }),
    );
    for (const [, request] of columns) {
      coveredActions.add(typeof request === 'function' ? request(ACTORS.NATIONAL).type : request.type);
    }

    it.each(cases)('$name × $label → $verdict', ({ name, expected, request }) => {
      const actor = ACTORS[name];
      const decision = decide(actor, typeof request === 'function' ? request(actor) : request, TODAY);
      expect(decision.allowed).toBe(expected);
      if (!decision.allowed) expect(decision.reason).toMatch(/^[A-ZÀ-ÖØ-Ý].*\.$/u);
    });
  });
}

const STRUCTURES = [EHPAD_45, SAVS_45, IME_45, EANM_45, EHPAD_37, EHPAD_11];
const STRUCTURE_LABELS = ['EHPAD 45', 'SAVS 45', 'IME 45', 'EANM 45', 'EHPAD 37', 'EHPAD 11'];
function perStructure(request: (s: (typeof STRUCTURES)[number]) => AccessRequest): Column[] {
  return STRUCTURES.map((s, i) => [STRUCTURE_LABELS[i] ?? s.finess, request(s)]);
}

matrix(
  'structure.read',
  perStructure((structure) => ({ type: 'structure.read', structure })),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            Y,     Y,     Y,    Y,     Y,      Y],
    ['ARS24 APR',           Y,     _,     Y,    _,     Y,      _],
    ['ARS24 CONTROLLER',    Y,     _,     Y,    _,     Y,      _],
    ['ARS24 READER',        Y,     _,     Y,    _,     Y,      _],
    ['CD45 APR',            Y,     Y,     _,    Y,     _,      _],
    ['CD45 CONTROLLER',     Y,     Y,     _,    Y,     _,      _],
    ['CD45 READER',         Y,     Y,     _,    Y,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     Y,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     Y,      _],
    ['CD37 READER',         _,     _,     _,    _,     Y,      _],
    ['OG45 APE',            Y,     Y,     Y,    _,     _,      _],
    ['OG45 USER',           Y,     Y,     Y,    _,     _,      _],
    ['ESMS APE',            Y,     _,     _,    _,     _,      _],
    ['ESMS USER',           Y,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'structure.correctCategory',
  perStructure((structure) => ({ type: 'structure.correctCategory', structure })),
  // Without a new category: may the authority correct it at all? Yes within its territory, toward
  // a category of its competence when the current one is not (policy.scenarios: which categories).
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            Y,     Y,     Y,    Y,     Y,      Y],
    ['ARS24 APR',           Y,     Y,     Y,    Y,     Y,      _],
    ['ARS24 CONTROLLER',    Y,     Y,     Y,    Y,     Y,      _],
    ['ARS24 READER',        _,     _,     _,    _,     _,      _],
    ['CD45 APR',            Y,     Y,     Y,    Y,     _,      _],
    ['CD45 CONTROLLER',     Y,     Y,     Y,    Y,     _,      _],
    ['CD45 READER',         _,     _,     _,    _,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     Y,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     Y,      _],
    ['CD37 READER',         _,     _,     _,    _,     _,      _],
    ['OG45 APE',            _,     _,     _,    _,     _,      _],
    ['OG45 USER',           _,     _,     _,    _,     _,      _],
    ['ESMS APE',            _,     _,     _,    _,     _,      _],
    ['ESMS USER',           _,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'organisation.read',
  [
    ['OG45 (EHPAD+SAVS+IME)', { type: 'organisation.read', organisation: ORG_45 }],
    ['OG EANM (CD only)', { type: 'organisation.read', organisation: ORG_EANM }],
    ['OG37', { type: 'organisation.read', organisation: ORG_37 }],
    ['OG11', { type: 'organisation.read', organisation: ORG_11 }],
  ],
  // prettier-ignore
  [
    //                   OG45 OG_EANM OG37 OG11
    ['NATIONAL',           Y,    Y,     Y,   Y],
    ['ARS24 APR',          Y,    _,     Y,   _],
    ['ARS24 CONTROLLER',   Y,    _,     Y,   _],
    ['ARS24 READER',       Y,    _,     Y,   _],
    ['CD45 APR',           Y,    Y,     _,   _],
    ['CD45 CONTROLLER',    Y,    Y,     _,   _],
    ['CD45 READER',        Y,    Y,     _,   _],
    ['CD37 APR',           _,    _,     Y,   _],
    ['CD37 CONTROLLER',    _,    _,     Y,   _],
    ['CD37 READER',        _,    _,     Y,   _],
    ['OG45 APE',           Y,    _,     _,   _],
    ['OG45 USER',          Y,    _,     _,   _],
    ['ESMS APE',           Y,    _,     _,   _],
    ['ESMS USER',          Y,    _,     _,   _],
  ],
);

matrix(
  'national-only actions (finess.import, emails.read, settings.manage, campaign.manage)',
  [
    ['finess.import', { type: 'finess.import' }],
    ['emails.read', { type: 'emails.read' }],
    ['settings.manage', { type: 'settings.manage' }],
    ['campaign.manage', { type: 'campaign.manage' }],
  ],
  // prettier-ignore
  [
    //                  import emails settings campaigns
    ['NATIONAL',           Y,    Y,       Y,        Y],
    ['ARS24 APR',          _,    _,       _,        _],
    ['ARS24 CONTROLLER',   _,    _,       _,        _],
    ['ARS24 READER',       _,    _,       _,        _],
    ['CD45 APR',           _,    _,       _,        _],
    ['CD45 CONTROLLER',    _,    _,       _,        _],
    ['CD45 READER',        _,    _,       _,        _],
    ['CD37 APR',           _,    _,       _,        _],
    ['CD37 CONTROLLER',    _,    _,       _,        _],
    ['CD37 READER',        _,    _,       _,        _],
    ['OG45 APE',           _,    _,       _,        _],
    ['OG45 USER',          _,    _,       _,        _],
    ['ESMS APE',           _,    _,       _,        _],
    ['ESMS USER',          _,    _,       _,        _],
  ],
);

matrix(
  'submission.read',
  perStructure((structure) => ({ type: 'submission.read', structure })),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            Y,     Y,     Y,    Y,     Y,      Y],
    ['ARS24 APR',           Y,     _,     Y,    _,     Y,      _],
    ['ARS24 CONTROLLER',    Y,     _,     Y,    _,     Y,      _],
    ['ARS24 READER',        Y,     _,     Y,    _,     Y,      _],
    ['CD45 APR',            Y,     Y,     _,    Y,     _,      _],
    ['CD45 CONTROLLER',     Y,     Y,     _,    Y,     _,      _],
    ['CD45 READER',         Y,     Y,     _,    Y,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     Y,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     Y,      _],
    ['CD37 READER',         _,     _,     _,    _,     Y,      _],
    ['OG45 APE',            Y,     Y,     Y,    _,     _,      _],
    ['OG45 USER',           Y,     Y,     Y,    _,     _,      _],
    ['ESMS APE',            Y,     _,     _,    _,     _,      _],
    ['ESMS USER',           Y,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'submission.edit — the finances domain',
  perStructure((structure) => ({ type: 'submission.edit', structure, domains: ['FINANCES'] })),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            _,     _,     _,    _,     _,      _],
    ['ARS24 APR',           _,     _,     _,    _,     _,      _],
    ['ARS24 CONTROLLER',    _,     _,     _,    _,     _,      _],
    ['ARS24 READER',        _,     _,     _,    _,     _,      _],
    ['CD45 APR',            _,     _,     _,    _,     _,      _],
    ['CD45 CONTROLLER',     _,     _,     _,    _,     _,      _],
    ['CD45 READER',         _,     _,     _,    _,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     _,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     _,      _],
    ['CD37 READER',         _,     _,     _,    _,     _,      _],
    ['OG45 APE',            Y,     Y,     Y,    _,     _,      _],
    ['OG45 USER',           Y,     Y,     Y,    _,     _,      _],
    ['ESMS APE',            Y,     _,     _,    _,     _,      _],
    ['ESMS USER',           Y,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'grant.create — APE of an ESMS',
  perStructure((s) => createRequest(onStructure('APE', s))),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            Y,     Y,     Y,    Y,     Y,      Y],
    ['ARS24 APR',           Y,     _,     Y,    _,     Y,      _],
    ['ARS24 CONTROLLER',    _,     _,     _,    _,     _,      _],
    ['ARS24 READER',        _,     _,     _,    _,     _,      _],
    ['CD45 APR',            Y,     Y,     _,    Y,     _,      _],
    ['CD45 CONTROLLER',     _,     _,     _,    _,     _,      _],
    ['CD45 READER',         _,     _,     _,    _,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     Y,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     _,      _],
    ['CD37 READER',         _,     _,     _,    _,     _,      _],
    ['OG45 APE',            Y,     Y,     Y,    _,     _,      _],
    ['OG45 USER',           _,     _,     _,    _,     _,      _],
    ['ESMS APE',            _,     _,     _,    _,     _,      _],
    ['ESMS USER',           _,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'grant.create — APE of an OG',
  [
    ['OG45', createRequest(onOrganisation('APE', ORG_45))],
    ['OG EANM', createRequest(onOrganisation('APE', ORG_EANM))],
    ['OG37', createRequest(onOrganisation('APE', ORG_37))],
    ['OG11', createRequest(onOrganisation('APE', ORG_11))],
  ],
  // prettier-ignore
  [
    //                   OG45 OG_EANM OG37 OG11
    ['NATIONAL',           Y,    Y,     Y,   Y],
    ['ARS24 APR',          Y,    _,     Y,   _],
    ['ARS24 CONTROLLER',   _,    _,     _,   _],
    ['ARS24 READER',       _,    _,     _,   _],
    ['CD45 APR',           Y,    Y,     _,   _],
    ['CD45 CONTROLLER',    _,    _,     _,   _],
    ['CD45 READER',        _,    _,     _,   _],
    ['CD37 APR',           _,    _,     Y,   _],
    ['CD37 CONTROLLER',    _,    _,     _,   _],
    ['CD37 READER',        _,    _,     _,   _],
    ['OG45 APE',           _,    _,     _,   _],
    ['OG45 USER',          _,    _,     _,   _],
    ['ESMS APE',           _,    _,     _,   _],
    ['ESMS USER',          _,    _,     _,   _],
  ],
);

matrix(
  'grant.create — USER with the read right',
  [
    ['EHPAD 45 (has an APE)', createRequest(onStructure('USER', EHPAD_45))],
    ['EHPAD 45 (no APE)', createRequest(onStructure('USER', EHPAD_45, { targetHasApe: false }))],
    ['SAVS 45 (no APE)', createRequest(onStructure('USER', SAVS_45, { targetHasApe: false }))],
    ['OG45 (has an APE)', createRequest(onOrganisation('USER', ORG_45))],
    ['EANM 45 (no APE)', createRequest(onStructure('USER', EANM_45, { targetHasApe: false }))],
    ['EHPAD 11 (no APE)', createRequest(onStructure('USER', EHPAD_11, { targetHasApe: false }))],
  ],
  // prettier-ignore
  [
    //                 EHPAD45 EHPAD45-noAPE SAVS45-noAPE OG45 EANM45-noAPE EHPAD11-noAPE
    ['NATIONAL',           Y,        Y,            Y,        Y,      Y,           Y],
    ['ARS24 APR',          _,        Y,            _,        _,      _,           _],
    ['ARS24 CONTROLLER',   _,        _,            _,        _,      _,           _],
    ['ARS24 READER',       _,        _,            _,        _,      _,           _],
    ['CD45 APR',           _,        Y,            Y,        _,      Y,           _],
    ['CD45 CONTROLLER',    _,        _,            _,        _,      _,           _],
    ['CD45 READER',        _,        _,            _,        _,      _,           _],
    ['CD37 APR',           _,        _,            _,        _,      _,           _],
    ['CD37 CONTROLLER',    _,        _,            _,        _,      _,           _],
    ['CD37 READER',        _,        _,            _,        _,      _,           _],
    ['OG45 APE',           Y,        Y,            Y,        Y,      _,           _],
    ['OG45 USER',          _,        _,            _,        _,      _,           _],
    ['ESMS APE',           Y,        Y,            _,        _,      _,           _],
    ['ESMS USER',          _,        _,            _,        _,      _,           _],
  ],
);

matrix(
  'grant.create — authority and national profiles',
  [
    ['CONTROLLER of ARS 24', createRequest(onAuthority('CONTROLLER', 'ARS', '24'))],
    ['READER of CD 45', createRequest(onAuthority('READER', 'CD', '45'))],
    ['READER of CD 37', createRequest(onAuthority('READER', 'CD', '37'))],
    ['APR of ARS 24', createRequest(onAuthority('APR', 'ARS', '24'))],
    ['APR of CD 45', createRequest(onAuthority('APR', 'CD', '45'))],
    ['NATIONAL_ADMIN', createRequest(NATIONAL_TARGET)],
  ],
  // prettier-ignore
  [
    //                 CTRL-ARS24 READ-CD45 READ-CD37 APR-ARS24 APR-CD45 NATIONAL
    ['NATIONAL',           Y,         Y,        Y,        Y,        Y,       Y],
    ['ARS24 APR',          Y,         _,        _,        _,        _,       _],
    ['ARS24 CONTROLLER',   _,         _,        _,        _,        _,       _],
    ['ARS24 READER',       _,         _,        _,        _,        _,       _],
    ['CD45 APR',           _,         Y,        _,        _,        _,       _],
    ['CD45 CONTROLLER',    _,         _,        _,        _,        _,       _],
    ['CD45 READER',        _,         _,        _,        _,        _,       _],
    ['CD37 APR',           _,         _,        Y,        _,        _,       _],
    ['CD37 CONTROLLER',    _,         _,        _,        _,        _,       _],
    ['CD37 READER',        _,         _,        _,        _,        _,       _],
    ['OG45 APE',           _,         _,        _,        _,        _,       _],
    ['OG45 USER',          _,         _,        _,        _,        _,       _],
    ['ESMS APE',           _,         _,        _,        _,        _,       _],
    ['ESMS USER',          _,         _,        _,        _,        _,       _],
  ],
);

matrix(
  'grant.revoke',
  [
    ['APE of EHPAD 45 (1 APE left)', revokeRequest(onStructure('APE', EHPAD_45, { remainingApeCount: 1 }))],
    ['APE of EANM 45 (1 APE left)', revokeRequest(onStructure('APE', EANM_45, { remainingApeCount: 1 }))],
    ['APE of EHPAD 45 (the last one)', revokeRequest(onStructure('APE', EHPAD_45, { remainingApeCount: 0 }))],
    ['USER of EHPAD 45', revokeRequest(onStructure('USER', EHPAD_45))],
    ['READER of CD 45', revokeRequest(onAuthority('READER', 'CD', '45'))],
    ['APR of CD 45', revokeRequest(onAuthority('APR', 'CD', '45'))],
  ],
  // prettier-ignore
  [
    //                 APE-EHPAD45 APE-EANM45 LAST-APE USER-EHPAD45 READER-CD45 APR-CD45
    ['NATIONAL',            Y,         Y,        _,         Y,           Y,         Y],
    ['ARS24 APR',           Y,         _,        _,         _,           _,         _],
    ['ARS24 CONTROLLER',    _,         _,        _,         _,           _,         _],
    ['ARS24 READER',        _,         _,        _,         _,           _,         _],
    ['CD45 APR',            Y,         Y,        _,         _,           Y,         _],
    ['CD45 CONTROLLER',     _,         _,        _,         _,           _,         _],
    ['CD45 READER',         _,         _,        _,         _,           _,         _],
    ['CD37 APR',            _,         _,        _,         _,           _,         _],
    ['CD37 CONTROLLER',     _,         _,        _,         _,           _,         _],
    ['CD37 READER',         _,         _,        _,         _,           _,         _],
    ['OG45 APE',            Y,         _,        _,         Y,           _,         _],
    ['OG45 USER',           _,         _,        _,         _,           _,         _],
    ['ESMS APE',            _,         _,        _,         Y,           _,         _],
    ['ESMS USER',           _,         _,        _,         _,           _,         _],
  ],
);

/** Target accounts, described by their grants. */
const ACCOUNT_APE_EANM = [onStructure('APE', EANM_45, { remainingApeCount: 1 })];
const ACCOUNT_USER_EHPAD = [onStructure('USER', EHPAD_45)];
const ACCOUNT_READER_CD45 = [onAuthority('READER', 'CD', '45')];
const ACCOUNT_APE_IME_AND_SAVS = [
  onStructure('APE', IME_45, { remainingApeCount: 1 }),
  onStructure('APE', SAVS_45, { remainingApeCount: 1 }),
];
const ACCOUNT_APR_ARS24 = [onAuthority('APR', 'ARS', '24')];

matrix(
  'account.read',
  [
    ['APE of EANM 45', { type: 'account.read', targetAccountId: 'x1', targetGrants: ACCOUNT_APE_EANM }],
    ['USER of EHPAD 45', { type: 'account.read', targetAccountId: 'x2', targetGrants: ACCOUNT_USER_EHPAD }],
    ['READER of CD 45', { type: 'account.read', targetAccountId: 'x3', targetGrants: ACCOUNT_READER_CD45 }],
    [
      'APE of IME 45 + APE of SAVS 45',
      { type: 'account.read', targetAccountId: 'x4', targetGrants: ACCOUNT_APE_IME_AND_SAVS },
    ],
    ['APR of ARS 24', { type: 'account.read', targetAccountId: 'x5', targetGrants: ACCOUNT_APR_ARS24 }],
    [
      'itself',
      (actor) => ({ type: 'account.read', targetAccountId: actor.accountId, targetGrants: actor.grants }),
    ],
  ],
  // prettier-ignore
  [
    //                 APE-EANM45 USER-EHPAD45 READER-CD45 APE-IME+SAVS APR-ARS24 itself
    ['NATIONAL',           Y,          Y,          Y,          Y,          Y,       Y],
    ['ARS24 APR',          _,          _,          _,          Y,          _,       Y],
    ['ARS24 CONTROLLER',   _,          _,          _,          _,          _,       Y],
    ['ARS24 READER',       _,          _,          _,          _,          _,       Y],
    ['CD45 APR',           Y,          _,          Y,          Y,          _,       Y],
    ['CD45 CONTROLLER',    _,          _,          _,          _,          _,       Y],
    ['CD45 READER',        _,          _,          _,          _,          _,       Y],
    ['CD37 APR',           _,          _,          _,          _,          _,       Y],
    ['CD37 CONTROLLER',    _,          _,          _,          _,          _,       Y],
    ['CD37 READER',        _,          _,          _,          _,          _,       Y],
    ['OG45 APE',           _,          Y,          _,          Y,          _,       Y],
    ['OG45 USER',          _,          _,          _,          _,          _,       Y],
    ['ESMS APE',           _,          Y,          _,          _,          _,       Y],
    ['ESMS USER',          _,          _,          _,          _,          _,       Y],
  ],
);

function disable(targetAccountId: string, targetGrants: typeof ACCOUNT_APE_EANM): AccessRequest {
  return { type: 'account.update', targetAccountId, targetGrants, changes: ['disable'] };
}

matrix(
  'account.update',
  [
    ['disable APE of EANM 45', disable('x1', ACCOUNT_APE_EANM)],
    ['disable USER of EHPAD 45', disable('x2', ACCOUNT_USER_EHPAD)],
    ['disable READER of CD 45', disable('x3', ACCOUNT_READER_CD45)],
    ['disable APE of IME 45 + SAVS 45', disable('x4', ACCOUNT_APE_IME_AND_SAVS)],
    ['disable APR of ARS 24', disable('x5', ACCOUNT_APR_ARS24)],
    [
      'own names and phone',
      (actor) => ({
        type: 'account.update',
        targetAccountId: actor.accountId,
        targetGrants: actor.grants,
        changes: ['names', 'phone'],
      }),
    ],
    ['disable itself', (actor) => disable(actor.accountId, actor.grants)],
  ],
  // prettier-ignore
  [
    //                 APE-EANM45 USER-EHPAD45 READER-CD45 APE-IME+SAVS APR-ARS24 own-names disable-self
    ['NATIONAL',           Y,          Y,          Y,          Y,          Y,         Y,        _],
    ['ARS24 APR',          _,          _,          _,          _,          _,         Y,        _],
    ['ARS24 CONTROLLER',   _,          _,          _,          _,          _,         Y,        _],
    ['ARS24 READER',       _,          _,          _,          _,          _,         Y,        _],
    ['CD45 APR',           Y,          _,          Y,          _,          _,         Y,        _],
    ['CD45 CONTROLLER',    _,          _,          _,          _,          _,         Y,        _],
    ['CD45 READER',        _,          _,          _,          _,          _,         Y,        _],
    ['CD37 APR',           _,          _,          _,          _,          _,         Y,        _],
    ['CD37 CONTROLLER',    _,          _,          _,          _,          _,         Y,        _],
    ['CD37 READER',        _,          _,          _,          _,          _,         Y,        _],
    ['OG45 APE',           _,          Y,          _,          Y,          _,         Y,        _],
    ['OG45 USER',          _,          _,          _,          _,          _,         Y,        _],
    ['ESMS APE',           _,          Y,          _,          _,          _,         Y,        _],
    ['ESMS USER',          _,          _,          _,          _,          _,         Y,        _],
  ],
);

matrix(
  'audit.read',
  [
    ['the journal page', { type: 'audit.read' }],
    ['entry about ARS 24', { type: 'audit.read', subject: { organisation: { kind: 'ARS', code: '24' } } }],
    ['entry about CD 45', { type: 'audit.read', subject: { organisation: { kind: 'CD', code: '45' } } }],
    [
      'entry about EANM 45',
      {
        type: 'audit.read',
        subject: { organisation: { kind: 'ESMS', code: EANM_45.finess }, structure: EANM_45 },
      },
    ],
    [
      'entry about IME 45',
      {
        type: 'audit.read',
        subject: { organisation: { kind: 'ESMS', code: IME_45.finess }, structure: IME_45 },
      },
    ],
    [
      'entry about EHPAD 11',
      {
        type: 'audit.read',
        subject: { organisation: { kind: 'ESMS', code: EHPAD_11.finess }, structure: EHPAD_11 },
      },
    ],
    [
      'entry about OG EANM',
      {
        type: 'audit.read',
        subject: { organisation: { kind: 'OG', code: ORG_EANM.finess }, organisationFacts: ORG_EANM },
      },
    ],
  ],
  // prettier-ignore
  [
    //                 page ARS24 CD45 EANM45 IME45 EHPAD11 OG_EANM
    ['NATIONAL',         Y,   Y,    Y,    Y,     Y,     Y,      Y],
    ['ARS24 APR',        Y,   Y,    _,    _,     Y,     _,      _],
    ['ARS24 CONTROLLER', _,   _,    _,    _,     _,     _,      _],
    ['ARS24 READER',     _,   _,    _,    _,     _,     _,      _],
    ['CD45 APR',         Y,   _,    Y,    Y,     _,     _,      Y],
    ['CD45 CONTROLLER',  _,   _,    _,    _,     _,     _,      _],
    ['CD45 READER',      _,   _,    _,    _,     _,     _,      _],
    ['CD37 APR',         Y,   _,    _,    _,     _,     _,      _],
    ['CD37 CONTROLLER',  _,   _,    _,    _,     _,     _,      _],
    ['CD37 READER',      _,   _,    _,    _,     _,     _,      _],
    ['OG45 APE',         _,   _,    _,    _,     _,     _,      _],
    ['OG45 USER',        _,   _,    _,    _,     _,     _,      _],
    ['ESMS APE',         _,   _,    _,    _,     _,     _,      _],
    ['ESMS USER',        _,   _,    _,    _,     _,     _,      _],
  ],
);

matrix(
  'apiToken.manage',
  [
    ['ARS 24', { type: 'apiToken.manage', organisation: { kind: 'ARS', code: '24' } }],
    ['CD 45', { type: 'apiToken.manage', organisation: { kind: 'CD', code: '45' } }],
    ['CD 37', { type: 'apiToken.manage', organisation: { kind: 'CD', code: '37' } }],
    ['ARS 11', { type: 'apiToken.manage', organisation: { kind: 'ARS', code: '11' } }],
    ['none named', { type: 'apiToken.manage', organisation: null }],
  ],
  // prettier-ignore
  [
    //                 ARS24 CD45 CD37 ARS11 none
    ['NATIONAL',          Y,   Y,   Y,    Y,   Y],
    ['ARS24 APR',         Y,   _,   _,    _,   _],
    ['ARS24 CONTROLLER',  _,   _,   _,    _,   _],
    ['ARS24 READER',      _,   _,   _,    _,   _],
    ['CD45 APR',          _,   Y,   _,    _,   _],
    ['CD45 CONTROLLER',   _,   _,   _,    _,   _],
    ['CD45 READER',       _,   _,   _,    _,   _],
    ['CD37 APR',          _,   _,   Y,    _,   _],
    ['CD37 CONTROLLER',   _,   _,   _,    _,   _],
    ['CD37 READER',       _,   _,   _,    _,   _],
    ['OG45 APE',          _,   _,   _,    _,   _],
    ['OG45 USER',         _,   _,   _,    _,   _],
    ['ESMS APE',          _,   _,   _,    _,   _],
    ['ESMS USER',         _,   _,   _,    _,   _],
  ],
);

matrix(
  'campaign.read',
  [['any campaign', { type: 'campaign.read' }]],
  // prettier-ignore
  [
    //                 campaigns
    ['NATIONAL',          Y],
    ['ARS24 APR',         Y],
    ['ARS24 CONTROLLER',  Y],
    ['ARS24 READER',      Y],
    ['CD45 APR',          Y],
    ['CD45 CONTROLLER',   Y],
    ['CD45 READER',       Y],
    ['CD37 APR',          Y],
    ['CD37 CONTROLLER',   Y],
    ['CD37 READER',       Y],
    ['OG45 APE',          Y],
    ['OG45 USER',         Y],
    ['ESMS APE',          Y],
    ['ESMS USER',         Y],
  ],
);

matrix(
  'campaign.scope',
  perStructure((structure) => ({ type: 'campaign.scope', structure })),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            Y,     Y,     Y,    Y,     Y,      Y],
    ['ARS24 APR',           Y,     _,     Y,    _,     Y,      _],
    ['ARS24 CONTROLLER',    Y,     _,     Y,    _,     Y,      _],
    ['ARS24 READER',        _,     _,     _,    _,     _,      _],
    ['CD45 APR',            Y,     Y,     _,    Y,     _,      _],
    ['CD45 CONTROLLER',     Y,     Y,     _,    Y,     _,      _],
    ['CD45 READER',         _,     _,     _,    _,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     Y,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     Y,      _],
    ['CD37 READER',         _,     _,     _,    _,     _,      _],
    ['OG45 APE',            _,     _,     _,    _,     _,      _],
    ['OG45 USER',           _,     _,     _,    _,     _,      _],
    ['ESMS APE',            _,     _,     _,    _,     _,      _],
    ['ESMS USER',           _,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'fiabilisation.organise',
  perStructure((structure) => ({ type: 'fiabilisation.organise', structure })),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            Y,     Y,     Y,    Y,     Y,      Y],
    ['ARS24 APR',           Y,     _,     Y,    _,     Y,      _],
    ['ARS24 CONTROLLER',    Y,     _,     Y,    _,     Y,      _],
    ['ARS24 READER',        _,     _,     _,    _,     _,      _],
    ['CD45 APR',            Y,     Y,     _,    Y,     _,      _],
    ['CD45 CONTROLLER',     Y,     Y,     _,    Y,     _,      _],
    ['CD45 READER',         _,     _,     _,    _,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     Y,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     Y,      _],
    ['CD37 READER',         _,     _,     _,    _,     _,      _],
    ['OG45 APE',            _,     _,     _,    _,     _,      _],
    ['OG45 USER',           _,     _,     _,    _,     _,      _],
    ['ESMS APE',            _,     _,     _,    _,     _,      _],
    ['ESMS USER',           _,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'campaign.scope',
  [['the scope list at all', { type: 'campaign.scope' }]],
  // prettier-ignore
  [
    //                 scope list
    ['NATIONAL',          Y],
    ['ARS24 APR',         Y],
    ['ARS24 CONTROLLER',  Y],
    ['ARS24 READER',      _],
    ['CD45 APR',          Y],
    ['CD45 CONTROLLER',   Y],
    ['CD45 READER',       _],
    ['CD37 APR',          Y],
    ['CD37 CONTROLLER',   Y],
    ['CD37 READER',       _],
    ['OG45 APE',          _],
    ['OG45 USER',         _],
    ['ESMS APE',          _],
    ['ESMS USER',         _],
  ],
);

matrix(
  'campaign.communicate',
  [
    ['ARS 24', { type: 'campaign.communicate', organisation: { kind: 'ARS', code: '24' } }],
    ['CD 45', { type: 'campaign.communicate', organisation: { kind: 'CD', code: '45' } }],
    ['CD 37', { type: 'campaign.communicate', organisation: { kind: 'CD', code: '37' } }],
    ['ARS 11', { type: 'campaign.communicate', organisation: { kind: 'ARS', code: '11' } }],
    ['none named', { type: 'campaign.communicate', organisation: null }],
  ],
  // prettier-ignore
  [
    //                 ARS24 CD45 CD37 ARS11 none
    ['NATIONAL',          Y,   Y,   Y,    Y,   Y],
    ['ARS24 APR',         Y,   _,   _,    _,   _],
    ['ARS24 CONTROLLER',  Y,   _,   _,    _,   _],
    ['ARS24 READER',      _,   _,   _,    _,   _],
    ['CD45 APR',          _,   Y,   _,    _,   _],
    ['CD45 CONTROLLER',   _,   Y,   _,    _,   _],
    ['CD45 READER',       _,   _,   _,    _,   _],
    ['CD37 APR',          _,   _,   Y,    _,   _],
    ['CD37 CONTROLLER',   _,   _,   Y,    _,   _],
    ['CD37 READER',       _,   _,   _,    _,   _],
    ['OG45 APE',          _,   _,   _,    _,   _],
    ['OG45 USER',         _,   _,   _,    _,   _],
    ['ESMS APE',          _,   _,   _,    _,   _],
    ['ESMS USER',         _,   _,   _,    _,   _],
  ],
);

matrix(
  'referent.manage',
  [
    ['ARS 24', { type: 'referent.manage', organisation: { kind: 'ARS', code: '24' } }],
    ['CD 45', { type: 'referent.manage', organisation: { kind: 'CD', code: '45' } }],
    ['CD 37', { type: 'referent.manage', organisation: { kind: 'CD', code: '37' } }],
    ['ARS 11', { type: 'referent.manage', organisation: { kind: 'ARS', code: '11' } }],
    ['none named', { type: 'referent.manage', organisation: null }],
  ],
  // prettier-ignore
  [
    //                 ARS24 CD45 CD37 ARS11 none
    ['NATIONAL',          Y,   Y,   Y,    Y,   Y],
    ['ARS24 APR',         Y,   _,   _,    _,   _],
    ['ARS24 CONTROLLER',  _,   _,   _,    _,   _],
    ['ARS24 READER',      _,   _,   _,    _,   _],
    ['CD45 APR',          _,   Y,   _,    _,   _],
    ['CD45 CONTROLLER',   _,   _,   _,    _,   _],
    ['CD45 READER',       _,   _,   _,    _,   _],
    ['CD37 APR',          _,   _,   Y,    _,   _],
    ['CD37 CONTROLLER',   _,   _,   _,    _,   _],
    ['CD37 READER',       _,   _,   _,    _,   _],
    ['OG45 APE',          _,   _,   _,    _,   _],
    ['OG45 USER',         _,   _,   _,    _,   _],
    ['ESMS APE',          _,   _,   _,    _,   _],
    ['ESMS USER',         _,   _,   _,    _,   _],
  ],
);

matrix(
  'support.ask',
  perStructure((structure) => ({ type: 'support.ask', structure })),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            _,     _,     _,    _,     _,      _],
    ['ARS24 APR',           _,     _,     _,    _,     _,      _],
    ['ARS24 CONTROLLER',    _,     _,     _,    _,     _,      _],
    ['ARS24 READER',        _,     _,     _,    _,     _,      _],
    ['CD45 APR',            _,     _,     _,    _,     _,      _],
    ['CD45 CONTROLLER',     _,     _,     _,    _,     _,      _],
    ['CD45 READER',         _,     _,     _,    _,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     _,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     _,      _],
    ['CD37 READER',         _,     _,     _,    _,     _,      _],
    ['OG45 APE',            Y,     Y,     Y,    _,     _,      _],
    ['OG45 USER',           Y,     Y,     Y,    _,     _,      _],
    ['ESMS APE',            Y,     _,     _,    _,     _,      _],
    ['ESMS USER',           Y,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'support.read',
  perStructure((structure) => ({ type: 'support.read', structure })),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            Y,     Y,     Y,    Y,     Y,      Y],
    ['ARS24 APR',           Y,     _,     Y,    _,     Y,      _],
    ['ARS24 CONTROLLER',    Y,     _,     Y,    _,     Y,      _],
    ['ARS24 READER',        Y,     _,     Y,    _,     Y,      _],
    ['CD45 APR',            Y,     Y,     _,    Y,     _,      _],
    ['CD45 CONTROLLER',     Y,     Y,     _,    Y,     _,      _],
    ['CD45 READER',         Y,     Y,     _,    Y,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     Y,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     Y,      _],
    ['CD37 READER',         _,     _,     _,    _,     Y,      _],
    ['OG45 APE',            Y,     Y,     Y,    _,     _,      _],
    ['OG45 USER',           Y,     Y,     Y,    _,     _,      _],
    ['ESMS APE',            Y,     _,     _,    _,     _,      _],
    ['ESMS USER',           Y,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'support.answer',
  perStructure((structure) => ({ type: 'support.answer', structure })),
  // prettier-ignore
  [
    //                   EHPAD45 SAVS45 IME45 EANM45 EHPAD37 EHPAD11
    ['NATIONAL',            Y,     Y,     Y,    Y,     Y,      Y],
    ['ARS24 APR',           Y,     _,     Y,    _,     Y,      _],
    ['ARS24 CONTROLLER',    Y,     _,     Y,    _,     Y,      _],
    ['ARS24 READER',        _,     _,     _,    _,     _,      _],
    ['CD45 APR',            Y,     Y,     _,    Y,     _,      _],
    ['CD45 CONTROLLER',     Y,     Y,     _,    Y,     _,      _],
    ['CD45 READER',         _,     _,     _,    _,     _,      _],
    ['CD37 APR',            _,     _,     _,    _,     Y,      _],
    ['CD37 CONTROLLER',     _,     _,     _,    _,     Y,      _],
    ['CD37 READER',         _,     _,     _,    _,     _,      _],
    ['OG45 APE',            _,     _,     _,    _,     _,      _],
    ['OG45 USER',           _,     _,     _,    _,     _,      _],
    ['ESMS APE',            _,     _,     _,    _,     _,      _],
    ['ESMS USER',           _,     _,     _,    _,     _,      _],
  ],
);

matrix(
  'faq',
  [
    ['read the FAQ', { type: 'faq.read' }],
    ['publish nationally', { type: 'faq.publishNational' }],
  ],
  // prettier-ignore
  [
    //                 read publishNational
    ['NATIONAL',          Y,   Y],
    ['ARS24 APR',         Y,   _],
    ['ARS24 CONTROLLER',  Y,   _],
    ['ARS24 READER',      Y,   _],
    ['CD45 APR',          Y,   _],
    ['CD45 CONTROLLER',   Y,   _],
    ['CD45 READER',       Y,   _],
    ['CD37 APR',          Y,   _],
    ['CD37 CONTROLLER',   Y,   _],
    ['CD37 READER',       Y,   _],
    ['OG45 APE',          Y,   _],
    ['OG45 USER',         Y,   _],
    ['ESMS APE',          Y,   _],
    ['ESMS USER',         Y,   _],
  ],
);

matrix(
  'faq.withdraw',
  [
    ['ARS 24', { type: 'faq.withdraw', organisation: { kind: 'ARS', code: '24' } }],
    ['CD 45', { type: 'faq.withdraw', organisation: { kind: 'CD', code: '45' } }],
    ['ARS 11', { type: 'faq.withdraw', organisation: { kind: 'ARS', code: '11' } }],
    ['national', { type: 'faq.withdraw', organisation: null }],
  ],
  // prettier-ignore
  [
    //                 ARS24 CD45 ARS11 national
    ['NATIONAL',          Y,   Y,   Y,    Y],
    ['ARS24 APR',         Y,   _,   _,    _],
    ['ARS24 CONTROLLER',  Y,   _,   _,    _],
    ['ARS24 READER',      _,   _,   _,    _],
    ['CD45 APR',          _,   Y,   _,    _],
    ['CD45 CONTROLLER',   _,   Y,   _,    _],
    ['CD45 READER',       _,   _,   _,    _],
    ['CD37 APR',          _,   _,   _,    _],
    ['CD37 CONTROLLER',   _,   _,   _,    _],
    ['CD37 READER',       _,   _,   _,    _],
    ['OG45 APE',          _,   _,   _,    _],
    ['OG45 USER',         _,   _,   _,    _],
    ['ESMS APE',          _,   _,   _,    _],
    ['ESMS USER',         _,   _,   _,    _],
  ],
);

describe('the matrix', () => {
  it('covers every action of the policy', () => {
    expect([...coveredActions].sort()).toEqual([...ACTIONS].sort());
  });
});
