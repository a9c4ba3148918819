/**
 * The authorization matrix, through HTTP: every endpoint of the OpenAPI document × every role ×
 * a resource in the actor's scope and one outside it. "Allowed" means the request got past
 * authorization (any answer but 401 UNAUTHENTICATED or 403); write cells are built so that an
 * allowed request stops at a business rule (stale version, last APE, duplicate grant) and changes
 * nothing. An endpoint missing from the table fails the test. Every decision of the policy made
 * during a cell is recorded, to prove that each route checks the action it declares.
 */
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import request from 'supertest';
import type { GrantInput } from '@tdb/contracts';
import type { AccessRequest } from '@tdb/access';
import { AccessService } from '../../src/common/auth/access.service';
import { AUTHORIZATION_KEY, type RouteRule } from '../../src/common/auth/authorize.decorator';
import { NATIONAL, loginAs, persistAccount } from '../factories/accounts';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, OG_75, EHPAD_45, IME_45, FOYER_45, EHPAD_75, IME_75 } = REGISTRY;

const ROLES = {
  ANONYMOUS: null,
  NATIONAL: NATIONAL,
  ARS_APR: { organisation: { kind: 'ARS', code: '24' }, role: 'APR' },
  ARS_CONTROLLER: { organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' },
  ARS_READER: { organisation: { kind: 'ARS', code: '24' }, role: 'READER' },
  CD_APR: { organisation: { kind: 'CD', code: '45' }, role: 'APR' },
  CD_CONTROLLER: { organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' },
  CD_READER: { organisation: { kind: 'CD', code: '45' }, role: 'READER' },
  OG_APE: { organisation: { kind: 'OG', code: OG_45 }, role: 'APE' },
  OG_USER: { organisation: { kind: 'OG', code: OG_45 }, role: 'USER', rights: ['READ'] },
  ESMS_APE: { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' },
  ESMS_USER: { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'USER', rights: ['ENTRY', 'READ'] },
} as const satisfies Record<string, GrantInput | null>;
type RoleName = keyof typeof ROLES;
const AUTHENTICATED = (Object.keys(ROLES) as RoleName[]).filter((r) => r !== 'ANONYMOUS');
const EVERYONE = Object.keys(ROLES) as RoleName[];
/** Who manages the APE of a foyer de vie (EANM) of the Loiret: never the ARS (Département-only). */
const ACCOUNT_MANAGERS_IN: RoleName[] = ['NATIONAL', 'CD_APR', 'OG_APE'];

interface Fixtures {
  /** API tokens of ARS 24 (in scope of the ARS 24 APR) and of ARS 11. */
  tokenIn: string;
  tokenOut: string;
  /** The sole APE of FOYER_45 (in scope) and of EHPAD_75 (out of scope). */
  apeIn: { id: string; grantId: string };
  apeOut: { id: string; grantId: string };
}
type Scope = 'in' | 'out';
type Cell = (http: TestApp['http'], auth: string | null, scope: Scope, f: Fixtures) => request.Test;
interface Row {
  call: Cell;
  allowed: Record<Scope, RoleName[]>;
  /**
   * How a refusal for this target answers, when not 403: 404 where the answer must not tell that
   * the record exists (accounts one does not manage). A role refused whatever the target gets 403.
   */
  deniedAs?: 404;
}

const withAuth = (test: request.Test, auth: string | null) => (auth ? test.set('Authorization', auth) : test);
const same = (roles: RoleName[]) => ({ in: roles, out: roles });
let counter = 0;

const CAMPAIGN = 2026;
const submission = (s: Scope) => `/api/campaigns/${CAMPAIGN}/submissions/${s === 'in' ? EHPAD_45 : EHPAD_75}`;
const organisationEntry = (s: Scope) =>
  `/api/campaigns/${CAMPAIGN}/organisations/${s === 'in' ? OG_45 : OG_75}`;
/** Who enters EHPAD_45's data: the APE of its OG, its APE and its user with the entry right. */
const STRUCTURE_ENTRY: RoleName[] = ['OG_APE', 'ESMS_APE', 'ESMS_USER'];

/** Atypia flags of EHPAD_45 (in scope) and EHPAD_75 (out of scope), inserted at the end of beforeAll. */
const atypiaFlags: Record<Scope, string> = { in: '', out: '' };
/** Who decides on EHPAD_45's flags (shared competence): its ARS and Département staff, national. */
const AUTHORITY_STAFF: RoleName[] = ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'CD_APR', 'CD_CONTROLLER'];
/** Support questions about EHPAD_45 (in scope) and EHPAD_75 (out of scope), inserted in beforeAll. */
const supportQuestions: Record<Scope, string> = { in: '', out: '' };
/** Who asks about EHPAD_45: its APE and user, and those of its OG (any right). */
const STRUCTURE_SIDE: RoleName[] = ['OG_APE', 'OG_USER', 'ESMS_APE', 'ESMS_USER'];
/** Regional FAQ entries of the ARS 24 (in scope) and of the ARS 11 (out), inserted in beforeAll. */
const faqEntries: Record<Scope, string> = { in: '', out: '' };
const question = (s: Scope) => `/api/campaigns/${CAMPAIGN}/support/questions/${supportQuestions[s]}`;
const AUTHORITIES_AND_NATIONAL: RoleName[] = [
  'NATIONAL',
  'ARS_APR',
  'ARS_CONTROLLER',
  'ARS_READER',
  'CD_APR',
  'CD_CONTROLLER',
  'CD_READER',
];

const MATRIX: Record<string, Row> = {
  'GET /api/campaigns/{year}/support/questions': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/support/questions`), a),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/campaigns/{year}/support/questions': {
    // Allowed calls stop at the unknown item code: nothing is asked.
    call: (h, a, s) =>
      withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/support/questions`), a).send({
        finess: s === 'in' ? EHPAD_45 : EHPAD_75,
        subject: 'Matrice',
        body: 'Vérification des droits',
        itemCode: 'donnee_inconnue_matrice',
      }),
    allowed: { in: STRUCTURE_SIDE, out: [] },
  },
  'GET /api/campaigns/{year}/support/stats': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/support/stats`), a),
    allowed: same(AUTHORITIES_AND_NATIONAL),
  },
  'GET /api/campaigns/{year}/support/questions/{id}': {
    call: (h, a, s) => withAuth(request(h).get(question(s)), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/support/questions/{id}/messages': {
    call: (h, a, s) =>
      withAuth(request(h).post(`${question(s)}/messages`), a).send({ body: 'Matrice', version: 999999 }),
    allowed: { in: [...AUTHORITY_STAFF, ...STRUCTURE_SIDE], out: ['NATIONAL'] },
  },
  'PUT /api/campaigns/{year}/support/questions/{id}/assignment': {
    call: (h, a, s) =>
      withAuth(request(h).put(`${question(s)}/assignment`), a).send({ assigneeId: null, version: 999999 }),
    allowed: { in: AUTHORITY_STAFF, out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/support/questions/{id}/status': {
    call: (h, a, s) =>
      withAuth(request(h).post(`${question(s)}/status`), a).send({ action: 'CLOSE', version: 999999 }),
    allowed: { in: AUTHORITY_STAFF, out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/support/questions/{id}/faq': {
    call: (h, a, s) =>
      withAuth(request(h).post(`${question(s)}/faq`), a).send({
        question: 'Question de la matrice',
        answer: 'Réponse de la matrice',
        target: 'REGION',
        version: 999999,
      }),
    allowed: { in: AUTHORITY_STAFF, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/faq': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/faq?q=matrice`), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/campaigns/{year}/faq/summary': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/faq/summary`), a),
    allowed: same(AUTHENTICATED),
  },
  'DELETE /api/campaigns/{year}/faq/{id}': {
    // Allowed calls stop at the stale version: nothing is withdrawn.
    call: (h, a, s) =>
      withAuth(request(h).delete(`/api/campaigns/${CAMPAIGN}/faq/${faqEntries[s]}?version=999999`), a),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER'], out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/faq/{id}/national': {
    // No such entry: the national administrator stops at 404.
    call: (h, a) =>
      withAuth(
        request(h).post(`/api/campaigns/${CAMPAIGN}/faq/00000000-0000-4000-8000-000000000000/national`),
        a,
      ),
    allowed: same(['NATIONAL']),
  },
  'GET /api/campaigns/{year}/atypia': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/atypia`), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/campaigns/{year}/atypia.xlsx': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/atypia.xlsx`), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/campaigns/{year}/atypia/{flagId}': {
    call: (h, a, s) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/atypia/${atypiaFlags[s]}`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/atypia/{flagId}/messages': {
    // Justification (the structure) or comment (its authorities): allowed calls stop at the stale version.
    call: (h, a, s) =>
      withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/atypia/${atypiaFlags[s]}/messages`), a).send({
        body: 'Vérification des droits',
        version: 999999,
      }),
    allowed: { in: [...AUTHORITY_STAFF, ...STRUCTURE_ENTRY], out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/atypia/decisions': {
    call: (h, a, s) =>
      withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/atypia/decisions`), a).send({
        flagIds: [atypiaFlags[s]],
        decision: 'ACCEPTED',
        comment: 'Vérification des droits',
        versions: { [atypiaFlags[s]]: 999999 },
      }),
    allowed: { in: AUTHORITY_STAFF, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/submissions/{finess}/changes-since-validation': {
    call: (h, a, s) => withAuth(request(h).get(`${submission(s)}/changes-since-validation`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/fiabilisation/assignments': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/fiabilisation/assignments`), a),
    allowed: same(AUTHENTICATED),
  },
  'PUT /api/campaigns/{year}/fiabilisation/assignments': {
    call: (h, a, s) =>
      withAuth(request(h).put(`/api/campaigns/${CAMPAIGN}/fiabilisation/assignments`), a).send({
        items: [
          { finess: s === 'in' ? EHPAD_45 : EHPAD_75, controllerId: null, priority: 0, version: 999999 },
        ],
      }),
    allowed: { in: AUTHORITY_STAFF, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/fiabilisation/controllers': {
    call: (h, a, s) =>
      withAuth(
        request(h).get(
          `/api/campaigns/${CAMPAIGN}/fiabilisation/controllers${s === 'in' ? '' : '?kind=ARS&code=11'}`,
        ),
        a,
      ),
    allowed: {
      in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'ARS_READER', 'CD_APR', 'CD_CONTROLLER', 'CD_READER'],
      out: ['NATIONAL'],
    },
  },
  'GET /api/campaigns/{year}/fiabilisation/priorities': {
    call: (h, a, s) =>
      withAuth(
        request(h).get(
          `/api/campaigns/${CAMPAIGN}/fiabilisation/priorities?kind=ARS&code=${s === 'in' ? '24' : '11'}`,
        ),
        a,
      ),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'ARS_READER'], out: ['NATIONAL'] },
  },
  'PUT /api/campaigns/{year}/fiabilisation/priorities': {
    call: (h, a, s) =>
      withAuth(
        request(h).put(
          `/api/campaigns/${CAMPAIGN}/fiabilisation/priorities?kind=ARS&code=${s === 'in' ? '24' : '11'}`,
        ),
        a,
      ).send({ indicatorCodes: [], ruleCodes: [], version: 999999 }),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER'], out: ['NATIONAL'] },
  },
  'GET /api/campaigns': {
    call: (h, a) => withAuth(request(h).get('/api/campaigns'), a),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/campaigns': {
    call: (h, a) => withAuth(request(h).post('/api/campaigns'), a).send({ year: CAMPAIGN }),
    allowed: same(['NATIONAL']),
  },
  'GET /api/campaigns/{year}': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}`), a),
    allowed: same(AUTHENTICATED),
  },
  'PATCH /api/campaigns/{year}': {
    call: (h, a) =>
      withAuth(request(h).patch(`/api/campaigns/${CAMPAIGN}`), a).send({ version: 999999, threshold: 0.5 }),
    allowed: same(['NATIONAL']),
  },
  'POST /api/campaigns/{year}/open': {
    call: (h, a) => withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/open`), a).send({ version: 999999 }),
    allowed: same(['NATIONAL']),
  },
  'POST /api/campaigns/{year}/close': {
    call: (h, a) =>
      withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/close`), a).send({ version: 999999 }),
    allowed: same(['NATIONAL']),
  },
  'GET /api/campaigns/{year}/dictionary': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/dictionary`), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/campaigns/{year}/submissions': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/submissions`), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/campaigns/{year}/submissions/{finess}': {
    call: (h, a, s) => withAuth(request(h).get(submission(s)), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'PUT /api/campaigns/{year}/submissions/{finess}/values': {
    call: (h, a, s) =>
      withAuth(request(h).put(`${submission(s)}/values`), a).send({ version: 999999, values: {} }),
    allowed: { in: STRUCTURE_ENTRY, out: [] },
  },
  'POST /api/campaigns/{year}/submissions/{finess}/transitions': {
    // Confirming a shared-competence structure: the ARS (and the national administrator) may; the
    // allowed calls stop at the phase, the status or the stale version.
    call: (h, a, s) =>
      withAuth(request(h).post(`${submission(s)}/transitions`), a).send({
        action: 'CONFIRM',
        version: 999999,
      }),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER'], out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/submissions/{finess}/extension': {
    // The competent authorities of a shared-competence structure and the national administrator;
    // allowed calls stop at the date (before the end of the collection), nothing is granted.
    call: (h, a, s) =>
      withAuth(request(h).post(`${submission(s)}/extension`), a).send({
        until: '2000-01-01',
        reason: 'Matrice',
      }),
    allowed: { in: AUTHORITY_STAFF, out: ['NATIONAL'] },
  },
  'DELETE /api/campaigns/{year}/submissions/{finess}/extension': {
    // Nothing to withdraw: allowed callers get 404.
    call: (h, a, s) => withAuth(request(h).delete(`${submission(s)}/extension`), a),
    allowed: { in: AUTHORITY_STAFF, out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/extension': {
    // A year without campaign: the national administrator stops at 404, nothing is extended.
    call: (h, a) =>
      withAuth(request(h).post('/api/campaigns/1999/extension'), a).send({
        until: '2000-01-01',
        reason: 'Matrice',
      }),
    allowed: same(['NATIONAL']),
  },
  'GET /api/campaigns/{year}/submissions/{finess}/history': {
    call: (h, a, s) => withAuth(request(h).get(`${submission(s)}/history`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/submissions/{finess}/indicators': {
    call: (h, a, s) => withAuth(request(h).get(`${submission(s)}/indicators`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/jobs/recompute-indicators': {
    // A year without campaign: allowed callers stop at 404, nothing is queued.
    call: (h, a) => withAuth(request(h).post('/api/campaigns/1999/jobs/recompute-indicators'), a),
    allowed: same(['NATIONAL']),
  },
  'GET /api/campaigns/{year}/jobs': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/jobs`), a),
    allowed: same(['NATIONAL']),
  },
  'POST /api/campaigns/{year}/distributions/recompute': {
    // A year without campaign: allowed callers stop at 404, nothing is computed.
    call: (h, a) => withAuth(request(h).post('/api/campaigns/1999/distributions/recompute'), a),
    allowed: same(['NATIONAL']),
  },
  'GET /api/campaigns/{year}/submissions/{finess}/restitution': {
    call: (h, a, s) => withAuth(request(h).get(`${submission(s)}/restitution`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/submissions/{finess}/restitution/practices': {
    call: (h, a, s) => withAuth(request(h).get(`${submission(s)}/restitution/practices`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/submissions/{finess}/restitution.pdf': {
    call: (h, a, s) => withAuth(request(h).get(`${submission(s)}/restitution.pdf`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/submissions/{finess}/restitution.xlsx': {
    call: (h, a, s) => withAuth(request(h).get(`${submission(s)}/restitution.xlsx`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/restitution/table': {
    // Every account: the rows are those of its scope (a structure's user gets its own row only).
    call: (h, a) =>
      withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/restitution/table?indicators=P15`), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/campaigns/{year}/restitution/table.xlsx': {
    call: (h, a) =>
      withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/restitution/table.xlsx?indicators=P15`), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/campaigns/{year}/restitution/map': {
    // Authorities (every role) and national; structures and OGs are refused.
    call: (h, a) =>
      withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/restitution/map?indicator=P15&category=EHPAD`), a),
    allowed: same([
      'NATIONAL',
      'ARS_APR',
      'ARS_CONTROLLER',
      'ARS_READER',
      'CD_APR',
      'CD_CONTROLLER',
      'CD_READER',
    ]),
  },
  'GET /api/campaigns/{year}/restitution/scatter': {
    call: (h, a) =>
      withAuth(
        request(h).get(`/api/campaigns/${CAMPAIGN}/restitution/scatter?x=R04&y=R06&category=EHPAD`),
        a,
      ),
    allowed: same([
      'NATIONAL',
      'ARS_APR',
      'ARS_CONTROLLER',
      'ARS_READER',
      'CD_APR',
      'CD_CONTROLLER',
      'CD_READER',
    ]),
  },
  'GET /api/campaigns/{year}/restitution/item-benchmark': {
    // The benchmark of a data item over a territory: in scope the Loiret (45), out Paris (75). Its
    // Département, the ARS of its region (every role) and national; never structures nor OGs.
    call: (h, a, s) =>
      withAuth(
        request(h).get(
          `/api/campaigns/${CAMPAIGN}/restitution/item-benchmark?item=personnes_accompagnees_31_12&department=${s === 'in' ? '45' : '75'}`,
        ),
        a,
      ),
    allowed: {
      in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'ARS_READER', 'CD_APR', 'CD_CONTROLLER', 'CD_READER'],
      out: ['NATIONAL'],
    },
  },
  'GET /api/campaigns/{year}/restitution/organisations/{ogFiness}': {
    // organisation.read: the OG's users and those of its ESMS (who see their own ESMS only), its authorities.
    call: (h, a, s) =>
      withAuth(
        request(h).get(`/api/campaigns/${CAMPAIGN}/restitution/organisations/${s === 'in' ? OG_45 : OG_75}`),
        a,
      ),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/restitution/territory-report.pdf': {
    // In scope: the report of ARS 24; out: of ARS 11. Only the ARS itself (every role) and national.
    call: (h, a, s) =>
      withAuth(
        request(h).get(
          `/api/campaigns/${CAMPAIGN}/restitution/territory-report.pdf?kind=ARS&code=${s === 'in' ? '24' : '11'}`,
        ),
        a,
      ),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'ARS_READER'], out: ['NATIONAL'] },
  },
  'GET /api/indicators/guide': {
    call: (h, a) => withAuth(request(h).get('/api/indicators/guide'), a),
    allowed: same(EVERYONE),
  },
  'GET /api/campaigns/{year}/submissions/{finess}/grid.xlsx': {
    call: (h, a, s) => withAuth(request(h).get(`${submission(s)}/grid.xlsx`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/submissions/{finess}/grid': {
    call: (h, a, s) =>
      withAuth(request(h).post(`${submission(s)}/grid`), a).attach(
        'file',
        Buffer.from('not a workbook'),
        'grille.xlsx',
      ),
    allowed: { in: STRUCTURE_ENTRY, out: [] },
  },
  'GET /api/campaigns/{year}/organisations/{finess}': {
    call: (h, a, s) => withAuth(request(h).get(organisationEntry(s)), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'PUT /api/campaigns/{year}/organisations/{finess}/values': {
    // OG_45 has an APE: it alone (with the OG's entry users) enters the OG-level items.
    call: (h, a, s) =>
      withAuth(request(h).put(`${organisationEntry(s)}/values`), a).send({ version: 999999, values: {} }),
    allowed: { in: ['OG_APE'], out: [] },
  },
  'GET /api/campaigns/{year}/organisations/{finess}/grid.xlsx': {
    call: (h, a, s) => withAuth(request(h).get(`${organisationEntry(s)}/grid.xlsx`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/organisations/{finess}/grid': {
    call: (h, a, s) =>
      withAuth(request(h).post(`${organisationEntry(s)}/grid`), a).attach(
        'file',
        Buffer.from('not a workbook'),
        'grille.xlsx',
      ),
    allowed: { in: STRUCTURE_ENTRY, out: [] },
  },
  'POST /api/campaigns/{year}/bulk': {
    call: (h, a, s) =>
      withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/bulk`), a).send({
        structures: [{ finess: s === 'in' ? EHPAD_45 : EHPAD_75, version: 999999, values: {} }],
      }),
    allowed: { in: STRUCTURE_ENTRY, out: [] },
  },
  'GET /api/health': { call: (h, a) => withAuth(request(h).get('/api/health'), a), allowed: same(EVERYONE) },
  // Probes: public, for orchestrators (no account).
  'GET /api/health/live': {
    call: (h, a) => withAuth(request(h).get('/api/health/live'), a),
    allowed: same(EVERYONE),
  },
  'GET /api/health/ready': {
    call: (h, a) => withAuth(request(h).get('/api/health/ready'), a),
    allowed: same(EVERYONE),
  },
  // Outside the policy: @Public for the accounts' guard, guarded by its own token (METRICS_TOKEN,
  // unset here: 404 for everyone; the token itself is tested in health-and-metrics.spec.ts).
  'GET /api/metrics': {
    call: (h, a) => withAuth(request(h).get('/api/metrics'), a),
    allowed: same(EVERYONE),
  },
  'GET /api/reference': {
    call: (h, a) => withAuth(request(h).get('/api/reference'), a),
    allowed: same(EVERYONE),
  },
  'GET /api/structures': {
    call: (h, a) => withAuth(request(h).get('/api/structures'), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/structures/{finess}': {
    call: (h, a, s) => withAuth(request(h).get(`/api/structures/${s === 'in' ? EHPAD_45 : EHPAD_75}`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'PATCH /api/structures/{finess}/category': {
    call: (h, a, s) =>
      withAuth(request(h).patch(`/api/structures/${s === 'in' ? EHPAD_45 : EHPAD_75}/category`), a).send({
        categoryCode: 'EAM',
        reason: 'Vérification des droits',
        version: 999999,
      }),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'CD_APR', 'CD_CONTROLLER'], out: ['NATIONAL'] },
  },
  'GET /api/organisations/{finess}': {
    call: (h, a, s) => withAuth(request(h).get(`/api/organisations/${s === 'in' ? OG_45 : OG_75}`), a),
    allowed: { in: AUTHENTICATED, out: ['NATIONAL'] },
  },
  'POST /api/imports/finess': {
    call: (h, a) => withAuth(request(h).post('/api/imports/finess'), a),
    allowed: same(['NATIONAL']),
  },
  'POST /api/imports/finess-equipements': {
    call: (h, a) => withAuth(request(h).post('/api/imports/finess-equipements'), a),
    allowed: same(['NATIONAL']),
  },
  'POST /api/campaigns/{year}/register-prefill': {
    call: (h, a) => withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/register-prefill`), a),
    allowed: same(['NATIONAL']),
  },
  'POST /api/auth/login': {
    call: (h, a) =>
      withAuth(request(h).post('/api/auth/login'), a).send({ email: 'nobody@test.tdb', password: 'x' }),
    allowed: same(EVERYONE),
  },
  'POST /api/auth/refresh': {
    call: (h, a) => withAuth(request(h).post('/api/auth/refresh'), a),
    allowed: same(EVERYONE),
  },
  'POST /api/auth/logout': {
    call: (h, a) => withAuth(request(h).post('/api/auth/logout'), a),
    allowed: same(EVERYONE),
  },
  'GET /api/auth/me': {
    call: (h, a) => withAuth(request(h).get('/api/auth/me'), a),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/auth/password': {
    call: (h, a) =>
      withAuth(request(h).post('/api/auth/password'), a).send({ currentPassword: 'wrong', newPassword: 'x' }),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/auth/forgot-password': {
    call: (h, a) =>
      withAuth(request(h).post('/api/auth/forgot-password'), a).send({ email: 'nobody@test.tdb' }),
    allowed: same(EVERYONE),
  },
  'GET /api/auth/tokens/{token}': {
    call: (h, a) => withAuth(request(h).get('/api/auth/tokens/unknown'), a),
    allowed: same(EVERYONE),
  },
  'POST /api/auth/accept-invitation': {
    call: (h, a) =>
      withAuth(request(h).post('/api/auth/accept-invitation'), a).send({ token: 'unknown', password: 'x' }),
    allowed: same(EVERYONE),
  },
  'POST /api/auth/reset-password': {
    call: (h, a) =>
      withAuth(request(h).post('/api/auth/reset-password'), a).send({ token: 'unknown', password: 'x' }),
    allowed: same(EVERYONE),
  },
  'GET /api/auth/sessions': {
    call: (h, a) => withAuth(request(h).get('/api/auth/sessions'), a),
    allowed: same(AUTHENTICATED),
  },
  'DELETE /api/auth/sessions/{id}': {
    call: (h, a) => withAuth(request(h).delete('/api/auth/sessions/00000000-0000-4000-8000-000000000000'), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/accounts': {
    call: (h, a) => withAuth(request(h).get('/api/accounts'), a),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/accounts': {
    // Creates an APE of an ARS-only IME: the CD has no competence there. Once the first allowed call
    // has designated one, the others stop at the principal seat (409 PRINCIPAL_HELD).
    call: (h, a, s) =>
      withAuth(request(h).post('/api/accounts'), a).send({
        email: `matrix${++counter}@test.tdb`,
        firstName: 'Matrice',
        lastName: `Cellule ${counter}`,
        grant: { organisation: { kind: 'ESMS', code: s === 'in' ? IME_45 : IME_75 }, role: 'APE' },
      }),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'OG_APE'], out: ['NATIONAL'] },
  },
  'GET /api/accounts/principal': {
    // The APE seat of the foyer (held by the in-scope fixture): those who may designate its APE.
    call: (h, a, s) =>
      withAuth(
        request(h).get(`/api/accounts/principal?kind=ESMS&code=${s === 'in' ? FOYER_45 : EHPAD_75}`),
        a,
      ),
    allowed: { in: ACCOUNT_MANAGERS_IN, out: ['NATIONAL'] },
  },
  'GET /api/accounts/{id}': {
    call: (h, a, s, f) =>
      withAuth(request(h).get(`/api/accounts/${(s === 'in' ? f.apeIn : f.apeOut).id}`), a),
    allowed: { in: ACCOUNT_MANAGERS_IN, out: ['NATIONAL'] },
    deniedAs: 404,
  },
  'PATCH /api/accounts/{id}': {
    call: (h, a, s, f) =>
      withAuth(request(h).patch(`/api/accounts/${(s === 'in' ? f.apeIn : f.apeOut).id}`), a).send({
        phone: '0102030405',
        version: 999999,
      }),
    allowed: { in: ACCOUNT_MANAGERS_IN, out: ['NATIONAL'] },
    deniedAs: 404,
  },
  'POST /api/accounts/{id}/grants': {
    // The grant it already has: allowed callers stop at the duplicate (409).
    call: (h, a, s, f) =>
      withAuth(request(h).post(`/api/accounts/${(s === 'in' ? f.apeIn : f.apeOut).id}/grants`), a).send({
        organisation: { kind: 'ESMS', code: s === 'in' ? FOYER_45 : EHPAD_75 },
        role: 'APE',
      }),
    allowed: { in: ACCOUNT_MANAGERS_IN, out: ['NATIONAL'] },
    deniedAs: 404,
  },
  'DELETE /api/accounts/{id}/grants/{grantId}': {
    // The last APE: allowed callers stop at the integrity rule (409).
    call: (h, a, s, f) => {
      const target = s === 'in' ? f.apeIn : f.apeOut;
      return withAuth(request(h).delete(`/api/accounts/${target.id}/grants/${target.grantId}`), a);
    },
    allowed: { in: ACCOUNT_MANAGERS_IN, out: ['NATIONAL'] },
    deniedAs: 404,
  },
  'POST /api/accounts/{id}/disable': {
    call: (h, a, s, f) =>
      withAuth(request(h).post(`/api/accounts/${(s === 'in' ? f.apeIn : f.apeOut).id}/disable`), a),
    allowed: { in: ACCOUNT_MANAGERS_IN, out: ['NATIONAL'] },
    deniedAs: 404,
  },
  'POST /api/accounts/{id}/enable': {
    call: (h, a, s, f) =>
      withAuth(request(h).post(`/api/accounts/${(s === 'in' ? f.apeIn : f.apeOut).id}/enable`), a),
    allowed: { in: ACCOUNT_MANAGERS_IN, out: ['NATIONAL'] },
    deniedAs: 404,
  },
  'POST /api/accounts/{id}/resend-invitation': {
    call: (h, a, s, f) =>
      withAuth(request(h).post(`/api/accounts/${(s === 'in' ? f.apeIn : f.apeOut).id}/resend-invitation`), a),
    allowed: { in: ACCOUNT_MANAGERS_IN, out: ['NATIONAL'] },
    deniedAs: 404,
  },
  'GET /api/grant-invitations/{token}': {
    // The emailed link of an offered grant: the token is the credential (an unknown one is 404).
    call: (h, a) => withAuth(request(h).get('/api/grant-invitations/inconnu'), a),
    allowed: same(EVERYONE),
  },
  'POST /api/grant-invitations/{token}/accept': {
    call: (h, a) => withAuth(request(h).post('/api/grant-invitations/inconnu/accept'), a),
    allowed: same(EVERYONE),
  },
  'POST /api/grant-invitations/{token}/decline': {
    call: (h, a) => withAuth(request(h).post('/api/grant-invitations/inconnu/decline'), a),
    allowed: same(EVERYONE),
  },
  'POST /api/auth/totp/setup': {
    call: (h, a) => withAuth(request(h).post('/api/auth/totp/setup'), a),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/auth/totp/enable': {
    call: (h, a) => withAuth(request(h).post('/api/auth/totp/enable'), a).send({ code: '000000' }),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/auth/totp/disable': {
    call: (h, a) => withAuth(request(h).post('/api/auth/totp/disable'), a).send({ password: 'wrong' }),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/api-tokens': {
    call: (h, a) => withAuth(request(h).get('/api/api-tokens'), a),
    allowed: same(['NATIONAL', 'ARS_APR', 'CD_APR']),
  },
  'POST /api/api-tokens': {
    // In scope: the caller's own ARS or CD (the default); out: the ARS of Île-de-France.
    call: (h, a, s) =>
      withAuth(request(h).post('/api/api-tokens'), a).send(
        s === 'in' ? { name: 'Matrice' } : { name: 'Matrice', organisation: { kind: 'ARS', code: '11' } },
      ),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'CD_APR'], out: ['NATIONAL'] },
  },
  'DELETE /api/api-tokens/{id}': {
    call: (h, a, s, f) =>
      withAuth(request(h).delete(`/api/api-tokens/${s === 'in' ? f.tokenIn : f.tokenOut}`), a),
    allowed: { in: ['NATIONAL', 'ARS_APR'], out: ['NATIONAL'] },
  },
  'GET /api/settings/security': {
    call: (h, a) => withAuth(request(h).get('/api/settings/security'), a),
    allowed: same(['NATIONAL']),
  },
  'PUT /api/settings/security': {
    call: (h, a) =>
      withAuth(request(h).put('/api/settings/security'), a).send({ totpRequiredForAdmins: false }),
    allowed: same(['NATIONAL']),
  },
  // Sign-in through the identity provider (not configured here: the start answers 404, the callback
  // sends the browser to the refusal page); oidc.spec.ts tests them against a real provider.
  'GET /api/auth/oidc': {
    call: (h, a) => withAuth(request(h).get('/api/auth/oidc'), a),
    allowed: same(EVERYONE),
  },
  'GET /api/auth/oidc/login': {
    call: (h, a) => withAuth(request(h).get('/api/auth/oidc/login'), a),
    allowed: same(EVERYONE),
  },
  'GET /api/auth/oidc/callback': {
    call: (h, a) => withAuth(request(h).get('/api/auth/oidc/callback?code=x&state=y'), a),
    allowed: same(EVERYONE),
  },
  'GET /api/settings/sign-in': {
    call: (h, a) => withAuth(request(h).get('/api/settings/sign-in'), a),
    allowed: same(['NATIONAL']),
  },
  'PUT /api/settings/sign-in/authorities/{kind}/{code}': {
    call: (h, a) =>
      withAuth(request(h).put('/api/settings/sign-in/authorities/ARS/24'), a).send({
        providerRequired: false,
      }),
    allowed: same(['NATIONAL']),
  },
  'GET /api/emails': {
    call: (h, a) => withAuth(request(h).get('/api/emails'), a),
    allowed: same(['NATIONAL']),
  },
  'POST /api/accounts/import': {
    // The route is open to administrators; each line is then judged by the policy (a line outside the
    // caller's competence rejects the file with 422, see provisioning.spec.ts).
    call: (h, a, s) =>
      withAuth(request(h).post('/api/accounts/import'), a).attach(
        'file',
        Buffer.from(
          `FINESS;Nom;Prénom;Courriel\n${s === 'in' ? FOYER_45 : EHPAD_75};Import;Matrice;import${++counter}@test.tdb\n`,
        ),
        'ape.csv',
      ),
    allowed: same(['NATIONAL', 'ARS_APR', 'CD_APR', 'OG_APE', 'ESMS_APE']),
  },
  'GET /api/audit': {
    call: (h, a) => withAuth(request(h).get('/api/audit'), a),
    allowed: same(['NATIONAL', 'ARS_APR', 'CD_APR']),
  },
  'GET /api/campaigns/{year}/follow-up': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/follow-up`), a),
    allowed: same(AUTHENTICATED),
  },
  'GET /api/campaigns/{year}/my-steps': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/my-steps`), a),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/campaigns/{year}/reminders/preview': {
    // In scope: ARS 24; out: ARS 11. A preview writes nothing.
    call: (h, a, s) =>
      withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/reminders/preview`), a).send({
        organisation: { kind: 'ARS', code: s === 'in' ? '24' : '11' },
      }),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER'], out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/reminders': {
    // A campaign that does not exist: allowed calls stop at 404 and send nothing.
    call: (h, a, s) =>
      withAuth(request(h).post(`/api/campaigns/2099/reminders`), a).send({
        organisation: { kind: 'ARS', code: s === 'in' ? '24' : '11' },
      }),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER'], out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/launch-email/preview': {
    call: (h, a, s) =>
      withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/launch-email/preview`), a).send({
        organisation: { kind: 'CD', code: s === 'in' ? '45' : '75' },
      }),
    allowed: { in: ['NATIONAL', 'CD_APR', 'CD_CONTROLLER'], out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/launch-email': {
    call: (h, a, s) =>
      withAuth(request(h).post(`/api/campaigns/2099/launch-email`), a).send({
        organisation: { kind: 'CD', code: s === 'in' ? '45' : '75' },
      }),
    allowed: { in: ['NATIONAL', 'CD_APR', 'CD_CONTROLLER'], out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/mailings': {
    call: (h, a) => withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/mailings`), a),
    allowed: same(['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'CD_APR', 'CD_CONTROLLER']),
  },
  'GET /api/referents': {
    // Referents are public contacts: anyone signed in reads those of any authority.
    call: (h, a, s) =>
      withAuth(request(h).get(`/api/referents?kind=ARS&code=${s === 'in' ? '24' : '11'}`), a),
    allowed: same(AUTHENTICATED),
  },
  'POST /api/referents': {
    // The referent already exists (fixture): every allowed call stops at the duplicate (409).
    call: (h, a, s) =>
      withAuth(request(h).post('/api/referents'), a).send({
        organisation: { kind: 'ARS', code: s === 'in' ? '24' : '11' },
        name: 'Référent Matrice',
        email: 'referent.matrice@test.tdb',
      }),
    allowed: { in: ['NATIONAL', 'ARS_APR'], out: ['NATIONAL'] },
  },
  'DELETE /api/referents/{id}': {
    // Unknown referent: those who may name referents get 404, the others 403 before the lookup.
    call: (h, a) => withAuth(request(h).delete('/api/referents/00000000-0000-4000-8000-000000000000'), a),
    allowed: same(['NATIONAL', 'ARS_APR', 'CD_APR']),
  },
  'GET /api/campaigns/{year}/scope.xlsx': {
    call: (h, a, s) =>
      withAuth(request(h).get(`/api/campaigns/${CAMPAIGN}/scope.xlsx?region=${s === 'in' ? '24' : '11'}`), a),
    allowed: same(AUTHENTICATED),
  },
  'PATCH /api/campaigns/{year}/submissions/{finess}/scope': {
    // Stale version: allowed calls stop at 409 and change nothing.
    call: (h, a, s) =>
      withAuth(request(h).patch(`${submission(s)}/scope`), a).send({
        inScope: false,
        reason: 'Matrice',
        version: 999999,
      }),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'CD_APR', 'CD_CONTROLLER'], out: ['NATIONAL'] },
  },
  'POST /api/campaigns/{year}/scope': {
    // Open to those who keep a scope; each line is then judged (see campaign-follow-up.spec.ts). An
    // unreadable file stops every allowed call.
    call: (h, a) =>
      withAuth(request(h).post(`/api/campaigns/${CAMPAIGN}/scope`), a).attach(
        'file',
        Buffer.from('not a workbook'),
        'perimetre.xlsx',
      ),
    allowed: same(['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'CD_APR', 'CD_CONTROLLER']),
  },
  'GET /api/campaigns/{year}/exports/regional.xlsx': {
    // In scope: the Centre-Val de Loire (24); out: Île-de-France (11). Only the ARS of the region
    // (every role, and its API tokens) and the national administrator.
    call: (h, a, s) =>
      withAuth(
        request(h).get(`/api/campaigns/${CAMPAIGN}/exports/regional.xlsx?region=${s === 'in' ? '24' : '11'}`),
        a,
      ),
    allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'ARS_READER'], out: ['NATIONAL'] },
  },
  'GET /api/campaigns/{year}/exports/department.xlsx': {
    // In scope: the Loiret (45, region 24); out: Paris (75). The Département (every role, and its
    // API tokens), the ARS of its region (every role) and the national administrator.
    call: (h, a, s) =>
      withAuth(
        request(h).get(
          `/api/campaigns/${CAMPAIGN}/exports/department.xlsx?department=${s === 'in' ? '45' : '75'}`,
        ),
        a,
      ),
    allowed: {
      in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'ARS_READER', 'CD_APR', 'CD_CONTROLLER', 'CD_READER'],
      out: ['NATIONAL'],
    },
  },
  // The same exports as CSV and JSON lines: the same rule.
  ...Object.fromEntries(
    ['csv', 'jsonl'].flatMap((format): [string, Row][] => [
      [
        `GET /api/campaigns/{year}/exports/regional.${format}`,
        {
          call: (h, a, s) =>
            withAuth(
              request(h).get(
                `/api/campaigns/${CAMPAIGN}/exports/regional.${format}?region=${s === 'in' ? '24' : '11'}`,
              ),
              a,
            ),
          allowed: { in: ['NATIONAL', 'ARS_APR', 'ARS_CONTROLLER', 'ARS_READER'], out: ['NATIONAL'] },
        },
      ],
      [
        `GET /api/campaigns/{year}/exports/department.${format}`,
        {
          call: (h, a, s) =>
            withAuth(
              request(h).get(
                `/api/campaigns/${CAMPAIGN}/exports/department.${format}?department=${s === 'in' ? '45' : '75'}`,
              ),
              a,
            ),
          allowed: {
            in: [
              'NATIONAL',
              'ARS_APR',
              'ARS_CONTROLLER',
              'ARS_READER',
              'CD_APR',
              'CD_CONTROLLER',
              'CD_READER',
            ],
            out: ['NATIONAL'],
          },
        },
      ],
    ]),
  ),
  'GET /api/open-data/{year}/indicators': {
    call: (h, a) => withAuth(request(h).get(`/api/open-data/${CAMPAIGN}/indicators`), a),
    allowed: same(EVERYONE),
  },
  'GET /api/open-data/{year}/indicators.csv': {
    call: (h, a) => withAuth(request(h).get(`/api/open-data/${CAMPAIGN}/indicators.csv`), a),
    allowed: same(EVERYONE),
  },
};

describe('authorization matrix (HTTP, real database)', () => {
  let t: TestApp;
  const tokens = new Map<RoleName, string | null>();
  let fixtures: Fixtures;
  /** The actions the policy was asked about, per operation, while the matrix ran. */
  const checked = new Map<string, Set<string>>();
  let recording: Set<string> | null = null;

  beforeAll(async () => {
    let national: string;
    ({ t, national } = await startAppWithRegistry());
    const access = t.app.get(AccessService);
    const check = access.check.bind(access);
    jest.spyOn(access, 'check').mockImplementation((actor, accessRequest: AccessRequest) => {
      recording?.add(accessRequest.type);
      return check(actor, accessRequest);
    });
    const listScope = access.listScope.bind(access);
    jest.spyOn(access, 'listScope').mockImplementation((actor, action) => {
      recording?.add(action);
      return listScope(actor, action);
    });
    const decision = access.decision.bind(access);
    jest.spyOn(access, 'decision').mockImplementation((actor, accessRequest: AccessRequest) => {
      recording?.add(accessRequest.type);
      return decision(actor, accessRequest);
    });
    const authoritiesFor = access.authoritiesFor.bind(access);
    jest.spyOn(access, 'authoritiesFor').mockImplementation((actor, action) => {
      recording?.add(action);
      return authoritiesFor(actor, action);
    });
    // Default calendar of 2026: a submission per structure, nothing open for entry today.
    const campaign = await request(t.http)
      .post('/api/campaigns')
      .set('Authorization', national)
      .send({ year: CAMPAIGN })
      .expect(201);
    for (const code of ['24', '11']) {
      await t.dataSource.query(
        `INSERT INTO authority_referents (organisation_kind, organisation_code, name, email)
         VALUES ('ARS', $1, 'Référent Matrice', 'referent.matrice@test.tdb')`,
        [code],
      );
    }
    await request(t.http)
      .post(`/api/campaigns/${CAMPAIGN}/open`)
      .set('Authorization', national)
      .send({ version: campaign.body.version })
      .expect(201);
    for (const [name, grant] of Object.entries(ROLES) as [RoleName, GrantInput | null][]) {
      if (!grant) tokens.set(name, null);
      else tokens.set(name, await loginAs(t.http, (await persistAccount(t.dataSource, [grant])).email));
    }
    const sole = async (finess: string) => {
      const account = await persistAccount(t.dataSource, [
        { organisation: { kind: 'ESMS', code: finess }, role: 'APE' },
      ]);
      const [{ id }] = await t.dataSource.query(`SELECT id FROM grants WHERE account_id = $1`, [account.id]);
      return { id: account.id, grantId: id as string };
    };
    // ESMS_APE is an APE of EHPAD_45: the in-scope fixture is the sole APE of another ESMS.
    const token = async (region: string) =>
      (
        await t.dataSource.query(
          `INSERT INTO api_tokens (organisation_kind, organisation_code, name, token_hash) VALUES ('ARS', $1, 'fixture', md5(random()::text)) RETURNING id`,
          [region],
        )
      )[0].id as string;
    fixtures = {
      apeIn: await sole(FOYER_45),
      apeOut: await sole(EHPAD_75),
      tokenIn: await token('24'),
      tokenOut: await token('11'),
    };
    for (const [scope, finess] of [
      ['in', EHPAD_45],
      ['out', EHPAD_75],
    ] as const) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO atypia_flags (campaign_year, finess, rule_code, rule_label, kind, severity, target_kind, target_code, value, message)
         VALUES ($1, $2, 'MATRIX', 'Règle de la matrice', 'bounds', 'high', 'item', 'item_x', 1, 'Valeur hors bornes') RETURNING id`,
        [CAMPAIGN, finess],
      );
      atypiaFlags[scope] = id;
      const [question] = await t.dataSource.query(
        `INSERT INTO support_questions (campaign_year, finess, subject, asked_by_name)
         VALUES ($1, $2, 'Question de la matrice', 'Matrice') RETURNING id`,
        [CAMPAIGN, finess],
      );
      supportQuestions[scope] = question.id;
      const [entry] = await t.dataSource.query(
        `INSERT INTO faq_entries (campaign_year, level, region_code, question, answer, search_text, authority_kind,
                                  authority_code, published_by_name)
         VALUES ($1, 'REGION', $2, 'Question', 'Réponse', 'question reponse', 'ARS', $2, 'Matrice') RETURNING id`,
        [CAMPAIGN, scope === 'in' ? '24' : '11'],
      );
      faqEntries[scope] = entry.id;
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('has a row for every operation of the OpenAPI document, and no row for a missing one', async () => {
    const doc = await request(t.http).get('/api/docs-json').expect(200);
    const operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.filter((op) => !(op in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((row) => !operations.includes(row))).toEqual([]);
  });

  it('gives every route a rule (@Public or @Authorize)', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const missing: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const prototype = Object.getPrototypeOf(wrapper.instance);
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (!reflector.getAllAndOverride(AUTHORIZATION_KEY, [handler, wrapper.metatype]))
          missing.push(`${wrapper.name}.${method}`);
      }
    }
    expect(missing).toEqual([]);
  });

  const cases = Object.entries(MATRIX).flatMap(([operation, row]) =>
    (['in', 'out'] as Scope[]).flatMap((scope) => EVERYONE.map((role) => ({ operation, row, scope, role }))),
  );

  it.each(
    cases.map(
      (c) =>
        [
          c.operation,
          c.scope,
          c.role,
          c.row.allowed[c.scope].includes(c.role) ? 'allow' : 'deny',
          c,
        ] as const,
    ),
  )('%s (%s scope) as %s → %s', async (operation, scope, role, expected, c) => {
    recording = checked.get(operation) ?? new Set();
    checked.set(operation, recording);
    // supertest's Test is a thenable, not a Promise (no finally).
    const res = await Promise.resolve(c.row.call(t.http, tokens.get(role) ?? null, scope, fixtures)).finally(
      () => {
        recording = null;
      },
    );
    const refused = res.status === 403 || (res.status === 401 && res.body.code === 'UNAUTHENTICATED');
    if (expected === 'allow') {
      expect(refused ? `refused: ${res.status} ${res.body.message}` : 'passed').toBe('passed');
      expect(res.status).toBeLessThan(500);
    } else {
      if (role === 'ANONYMOUS') expect(res.status).toBe(401);
      // A role refused whatever the target gets 403; one refused for this target, the row's answer.
      else if (c.row.deniedAs) expect([403, c.row.deniedAs]).toContain(res.status);
      else expect(res.status).toBe(403);
      expect(res.body.message).toEqual(expect.any(String));
    }
  });

  it('checks, on every route, the action the route declares (in the guard or in the service)', async () => {
    const doc = await request(t.http).get('/api/docs-json').expect(200);
    const operationOf = new Map<string, string>();
    for (const [path, methods] of Object.entries(
      doc.body.paths as Record<string, Record<string, { operationId: string }>>,
    )) {
      for (const [method, operation] of Object.entries(methods))
        operationOf.set(operation.operationId, `${method.toUpperCase()} ${path}`);
    }
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const unchecked: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const prototype = Object.getPrototypeOf(wrapper.instance);
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const rule = reflector.getAllAndOverride<RouteRule | undefined>(AUTHORIZATION_KEY, [
          handler,
          wrapper.metatype,
        ]);
        if (rule?.kind !== 'action' || rule.action === 'self') continue;
        const operation = operationOf.get(`${wrapper.name}_${method}`);
        if (!operation) continue; // excluded from the document: the first test fails on it
        const seen = [...(checked.get(operation) ?? [])];
        if (!seen.includes(rule.action))
          unchecked.push(`${operation} declares ${rule.action}, checks [${seen.join(', ')}]`);
      }
    }
    expect(unchecked).toEqual([]);
  });

  it('left the protected fixtures as they were (allowed writes stopped at business rules)', async () => {
    const grants = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM grants WHERE account_id IN ($1, $2)`,
      [fixtures.apeIn.id, fixtures.apeOut.id],
    );
    expect(grants[0].n).toBe(2);
    const statuses = await t.dataSource.query(`SELECT DISTINCT status FROM accounts WHERE id IN ($1, $2)`, [
      fixtures.apeIn.id,
      fixtures.apeOut.id,
    ]);
    expect(statuses).toEqual([{ status: 'ACTIVE' }]);
    const ehpad = await t.dataSource.query(`SELECT category_code FROM structures WHERE finess IN ($1, $2)`, [
      EHPAD_45,
      EHPAD_75,
    ]);
    expect(ehpad.map((r: { category_code: string }) => r.category_code)).toEqual(['EHPAD', 'EHPAD']);
    const referents = await t.dataSource.query(`SELECT count(*)::int AS n FROM authority_referents`);
    expect(referents[0].n).toBe(2);
  });
});
