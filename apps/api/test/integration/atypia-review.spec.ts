/**
 * The review of atypia flags by ARS and CD (issue 6 §3 and §4), through HTTP on a real database:
 * the table over each one's scope, the thread of a flag, decisions on many flags at once (TO_CORRECT
 * sends a validated submission back), what changed since the validation, and the organisation of
 * the fiabilisation (assignments, priorities). Flags are inserted as fixtures.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { getAtypiaRules } from '@tdb/atypia';
import { getIndicatorDefinitions } from '@tdb/indicators';
import { loginAs, persistAccount } from '../factories/accounts';
import { movePhase, openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, IME_45, FOYER_45, EHPAD_75 } = REGISTRY;
const YEAR = 2026;

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Row {
  id: string;
  finess: string;
  ruleCode: string;
  status: string;
  version: number;
  priority: number;
  severity: string;
  structureName: string;
  controllerId: string | null;
  messages: number;
}

describe('atypia review (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let arsController: string;
  let cdController: string;
  let cdApr: string;
  let cdReader: string;
  let esmsApe: string;
  let esmsApeEmail: string;
  let cdControllerId: string;
  let arsControllerId: string;
  const flags: Record<string, string> = {};

  const get = (path: string, auth: string) =>
    request(t.http).get(`/api/campaigns/${YEAR}${path}`).set('Authorization', auth);
  const post = (path: string, auth: string) =>
    request(t.http).post(`/api/campaigns/${YEAR}${path}`).set('Authorization', auth);
  const put = (path: string, auth: string) =>
    request(t.http).put(`/api/campaigns/${YEAR}${path}`).set('Authorization', auth);
  const flagRow = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT status, version, accepted_value, value FROM atypia_flags WHERE id = $1`,
        [id],
      )
    )[0];
  const account = async (grant: Parameters<typeof persistAccount>[1][number]) => {
    const a = await persistAccount(t.dataSource, [grant]);
    return { ...a, auth: await loginAs(t.http, a.email) };
  };
  const flag = async (finess: string, rule: string, severity: string, value: number, target = 'item') => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO atypia_flags (campaign_year, finess, rule_code, rule_label, kind, severity, target_kind, target_code, value, message)
       VALUES ($1, $2, $3, $4, 'bounds', $5, $6, $7, $8, $9) RETURNING id`,
      [
        YEAR,
        finess,
        rule,
        `Règle ${rule}`,
        severity,
        target,
        target === 'item' ? 'item_x' : 'P01',
        value,
        `Valeur ${value} hors bornes`,
      ],
    );
    flags[`${finess}|${rule}`] = id;
    return id as string;
  };

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'FIABILISATION');
    const ars = await account({ organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' });
    arsController = ars.auth;
    arsControllerId = ars.id;
    const cd = await account({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' });
    cdController = cd.auth;
    cdControllerId = cd.id;
    cdApr = (await account({ organisation: { kind: 'CD', code: '45' }, role: 'APR' })).auth;
    cdReader = (await account({ organisation: { kind: 'CD', code: '45' }, role: 'READER' })).auth;
    const ape = await account({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    esmsApe = ape.auth;
    esmsApeEmail = ape.email;
    await flag(EHPAD_45, 'R_A', 'high', 10);
    await flag(EHPAD_45, 'R_B', 'low', 5);
    await flag(IME_45, 'R_A', 'medium', 7);
    await flag(FOYER_45, 'R_C', 'high', 3, 'indicator');
    await flag(FOYER_45, 'R_D', 'medium', 4);
    await flag(EHPAD_75, 'R_A', 'high', 99);
    const resolved = await flag(IME_45, 'R_E', 'low', 1);
    await t.dataSource.query(`UPDATE atypia_flags SET status = 'RESOLVED' WHERE id = $1`, [resolved]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const table = async (auth: string, query = '') => {
    const res = await get(`/atypia${query}`, auth).expect(200);
    return res.body as { items: Row[]; total: number };
  };
  const keys = (rows: Row[]) => rows.map((r) => `${r.finess}|${r.ruleCode}`);

  describe('the table', () => {
    it('shows each one the flags of its scope, resolved ones left out unless asked', async () => {
      expect(keys((await table(arsController)).items).sort()).toEqual(
        [`${EHPAD_45}|R_A`, `${EHPAD_45}|R_B`, `${IME_45}|R_A`].sort(),
      );
      expect(keys((await table(cdController)).items).sort()).toEqual(
        [`${EHPAD_45}|R_A`, `${EHPAD_45}|R_B`, `${FOYER_45}|R_C`, `${FOYER_45}|R_D`].sort(),
      );
      expect(keys((await table(esmsApe)).items).sort()).toEqual([`${EHPAD_45}|R_A`, `${EHPAD_45}|R_B`]);
      expect((await table(national)).total).toBe(6);
      expect((await table(national, '?status=ALL')).total).toBe(7);
      expect(keys((await table(arsController, '?status=RESOLVED')).items)).toEqual([`${IME_45}|R_E`]);
    });

    it('filters and sorts', async () => {
      const high = await table(cdController, '?severity=high');
      expect(keys(high.items).sort()).toEqual([`${EHPAD_45}|R_A`, `${FOYER_45}|R_C`].sort());
      // Default: priority (all 0 here), then severity, then structure name.
      const all = (await table(cdController)).items;
      expect(all.map((r) => r.severity)).toEqual(['high', 'high', 'medium', 'low']);
      expect(all[0]).toMatchObject({
        structureName: 'EHPAD LE PARC',
        categoryCode: 'EHPAD',
        departmentCode: '45',
      });
      const byStructure = (await table(cdController, '?sort=structure&order=desc')).items;
      expect(byStructure[0]?.structureName).toBe('FOYER DE VIE LES TILLEULS');
      expect(keys((await table(national, '?ruleCode=R_A&department=45&category=IME')).items)).toEqual([
        `${IME_45}|R_A`,
      ]);
      const page = await table(national, '?pageSize=2&page=2&sort=rule');
      expect(page).toMatchObject({ total: 6, page: 2, pageSize: 2 });
      expect(page.items).toHaveLength(2);
      await get('/atypia?status=NOPE', national).expect(400);
    });

    it('exports the filtered table as XLSX with French headers', async () => {
      const res = await get('/atypia.xlsx?severity=high', cdController)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet?.getRow(1).values).toEqual(
        expect.arrayContaining([
          'FINESS',
          'Structure',
          'Règle',
          'Gravité',
          'Statut du signalement',
          'Contrôleur',
        ]),
      );
      expect(sheet?.rowCount).toBe(3);
    });
  });

  describe('the thread of a flag', () => {
    it('lets the structure justify (→ JUSTIFIED) and a controller comment', async () => {
      const id = flags[`${EHPAD_45}|R_A`] as string;
      const mine = await get(`/atypia/${id}`, esmsApe).expect(200);
      expect(mine.body).toMatchObject({ canJustify: true, canDecide: false, messages: [] });
      const cd = await get(`/atypia/${id}`, cdController).expect(200);
      expect(cd.body).toMatchObject({ canJustify: false, canDecide: true });
      await get(
        `/atypia/${id}`,
        (await account({ organisation: { kind: 'ARS', code: '11' }, role: 'APR' })).auth,
      ).expect(403);
      await get('/atypia/00000000-0000-4000-8000-000000000000', national).expect(404);
      await get('/atypia/pas-un-uuid', national).expect(400);

      const empty = await post(`/atypia/${id}/messages`, esmsApe).send({ body: '  ' }).expect(400);
      expect(JSON.stringify(empty.body)).toMatch(/Le message est obligatoire/);
      await post(`/atypia/${id}/messages`, esmsApe).send({ body: 'Vrai', version: 42 }).expect(409);
      const justified = await post(`/atypia/${id}/messages`, esmsApe)
        .send({ body: 'Dix places temporaires ouvertes en 2025.', version: 1 })
        .expect(201);
      expect(justified.body.flag.status).toBe('JUSTIFIED');
      expect(justified.body.messages).toEqual([
        expect.objectContaining({ kind: 'JUSTIFICATION', body: 'Dix places temporaires ouvertes en 2025.' }),
      ]);
      const commented = await post(`/atypia/${id}/messages`, cdController)
        .send({ body: 'Pouvez-vous joindre l’arrêté ?' })
        .expect(201);
      expect(commented.body.flag.status).toBe('JUSTIFIED');
      expect(commented.body.messages.map((m: { kind: string }) => m.kind)).toEqual([
        'JUSTIFICATION',
        'COMMENT',
      ]);
      await post(`/atypia/${id}/messages`, cdReader).send({ body: 'Lu' }).expect(403);
      expect(
        (await table(cdController, '?ruleCode=R_A&department=45&category=EHPAD')).items[0]?.messages,
      ).toBe(2);
    });

    it('names its target in French with the unit of its figures, and gives its value now', async () => {
      const rules = getAtypiaRules(YEAR);
      // A year-over-year rule on an item entered by the structure (€), its value corrected since.
      const itemRule = rules.rules.find((r) => r.code === 'ATV03');
      if (itemRule?.kind !== 'year_over_year' || !('item' in itemRule.target)) throw new Error('ATV03');
      const item = itemRule.target.item;
      const [{ id: itemFlag }] = await t.dataSource.query(
        `INSERT INTO atypia_flags (campaign_year, finess, rule_code, rule_label, kind, severity, target_kind, target_code,
                                   value, reference, message)
         VALUES ($1, $2, 'ATV03', 'Dépenses', 'year_over_year', 'high', 'item', $3, 2400000,
                 '{"previous": 1200000, "change": "relative", "delta": 1, "ratio": 2}', 'Dépenses doublées') RETURNING id`,
        [YEAR, IME_45, item],
      );
      await t.dataSource.query(
        `UPDATE submissions SET values = values || jsonb_build_object($3::text, 1250000) WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, IME_45, item],
      );
      const byItem = await get(`/atypia/${itemFlag}`, arsController).expect(200);
      expect(rules.targets?.[`item:${item}`]?.label).toBeTruthy();
      expect(byItem.body.target).toEqual({
        label: rules.targets?.[`item:${item}`]?.label,
        unit: '€',
        currentValue: 1250000,
      });
      expect(byItem.body.target.label).not.toBe(item);
      // The flag keeps the figure that raised it.
      expect(byItem.body.flag.value).toBe(2400000);

      // An indicator: the definitions' label and unit, its stored value now.
      const indicator = getIndicatorDefinitions(YEAR).indicators.find((d) => d.code === 'P15');
      const [{ id: indicatorFlag }] = await t.dataSource.query(
        `INSERT INTO atypia_flags (campaign_year, finess, rule_code, rule_label, kind, severity, target_kind, target_code,
                                   value, reference, message)
         VALUES ($1, $2, 'ATB01', 'Occupation', 'bounds', 'high', 'indicator', 'P15', 140, '{"max": 105, "bound": 105}', 'Trop')
         RETURNING id`,
        [YEAR, IME_45],
      );
      await t.dataSource.query(
        `INSERT INTO structure_indicators (campaign_year, finess, scalars, dictionary_version) VALUES ($1, $2, '{"P15": 97.5}', '2026.1')
         ON CONFLICT (campaign_year, finess) DO UPDATE SET scalars = EXCLUDED.scalars`,
        [YEAR, IME_45],
      );
      const byIndicator = await get(`/atypia/${indicatorFlag}`, national).expect(200);
      expect(byIndicator.body.target).toEqual({ label: indicator?.label, unit: '%', currentValue: 97.5 });

      // A code the definitions do not know stays a code, without unit.
      const unknown = await get(`/atypia/${flags[`${IME_45}|R_A`]}`, national).expect(200);
      expect(unknown.body.target).toEqual({ label: 'item_x', unit: null, currentValue: null });
      // The OpenAPI document declares the new part of the answer.
      const openapi = (await request(t.http).get('/api/docs-json').expect(200)).body as {
        components: { schemas: Record<string, { properties: Record<string, unknown> }> };
      };
      expect(Object.keys(openapi.components.schemas['AtypiaThreadResponse']?.properties ?? {})).toContain(
        'target',
      );
      expect(Object.keys(openapi.components.schemas['AtypiaTargetResponse']?.properties ?? {})).toEqual([
        'label',
        'unit',
        'currentValue',
      ]);
    });
  });

  describe('decisions', () => {
    it('accepts two flags at once with one comment', async () => {
      const ids = [flags[`${FOYER_45}|R_C`], flags[`${FOYER_45}|R_D`]] as string[];
      const noComment = await post('/atypia/decisions', cdController)
        .send({ flagIds: ids, decision: 'ACCEPTED' })
        .expect(400);
      expect(JSON.stringify(noComment.body)).toMatch(/Le commentaire est obligatoire/);
      await post('/atypia/decisions', cdController)
        .send({ flagIds: ids, decision: 'ACCEPTED', comment: 'Ok', versions: { [ids[0] as string]: 7 } })
        .expect(409);
      const res = await post('/atypia/decisions', cdController)
        .send({
          flagIds: ids,
          decision: 'ACCEPTED',
          comment: 'Valeurs confirmées par téléphone.',
          versions: { [ids[0] as string]: 1 },
        })
        .expect(201);
      expect(res.body.flags.map((f: Row) => f.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
      expect(res.body.invalidated).toEqual([]);
      for (const id of ids) {
        const row = await flagRow(id);
        expect(row.status).toBe('ACCEPTED');
        expect(row.accepted_value).toBe(row.value);
        const thread = await get(`/atypia/${id}`, cdController).expect(200);
        expect(thread.body.messages).toEqual([
          expect.objectContaining({
            kind: 'DECISION',
            decision: 'ACCEPTED',
            body: 'Valeurs confirmées par téléphone.',
          }),
        ]);
      }
      const audit = await t.dataSource.query(
        `SELECT target_id FROM audit_log WHERE action = 'atypia.decide'`,
      );
      expect(audit.map((a: { target_id: string }) => a.target_id).sort()).toEqual([...ids].sort());
    });

    it('refuses the whole call when one flag is out of scope, and changes nothing', async () => {
      const ime = flags[`${IME_45}|R_A`] as string;
      const ehpad = flags[`${EHPAD_45}|R_B`] as string;
      const res = await post('/atypia/decisions', cdController)
        .send({ flagIds: [ehpad, ime], decision: 'ACCEPTED', comment: 'Tout va bien' })
        .expect(403);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: ime })]);
      expect((await flagRow(ime)).status).toBe('OPEN');
      expect((await flagRow(ehpad)).status).toBe('OPEN');
      await post('/atypia/decisions', esmsApe)
        .send({ flagIds: [ehpad], decision: 'ACCEPTED', comment: 'Moi-même' })
        .expect(403);
      await post('/atypia/decisions', national)
        .send({ flagIds: ['00000000-0000-4000-8000-000000000000'], decision: 'ACCEPTED', comment: 'x' })
        .expect(404);
    });

    it('marks TO_CORRECT without touching a submission that is not validated', async () => {
      const ime = flags[`${IME_45}|R_A`] as string;
      const res = await post('/atypia/decisions', arsController)
        .send({ flagIds: [ime], decision: 'TO_CORRECT', comment: 'Effectif à revoir' })
        .expect(201);
      expect(res.body).toMatchObject({
        invalidated: [],
        flags: [expect.objectContaining({ status: 'TO_CORRECT' })],
      });
      const [sub] = await t.dataSource.query(
        `SELECT status FROM submissions WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, IME_45],
      );
      expect(sub.status).toBe('NOT_STARTED');
    });

    it('sends a validated submission back (INVALIDATED, reason, emails) — refused by the status machine once the fiabilisation is over', async () => {
      await t.dataSource.query(
        `UPDATE submissions SET status = 'VALIDATED', validated_at = now() - interval '1 day' WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, EHPAD_45],
      );
      const id = flags[`${EHPAD_45}|R_B`] as string;
      await movePhase(t, national, YEAR, 'RESTITUTION');
      const late = await post('/atypia/decisions', arsController)
        .send({ flagIds: [id], decision: 'TO_CORRECT', comment: 'À revoir' })
        .expect(409);
      expect(late.body.message).toMatch(/fiabilisation est close depuis le/);
      expect((await flagRow(id)).status).toBe('OPEN');
      await movePhase(t, national, YEAR, 'FIABILISATION');

      const res = await post('/atypia/decisions', arsController)
        .send({
          flagIds: [id],
          decision: 'TO_CORRECT',
          comment: 'Le taux est incohérent avec les effectifs',
          versions: { [id]: 1 },
        })
        .expect(201);
      expect(res.body.invalidated).toEqual([EHPAD_45]);
      const [sub] = await t.dataSource.query(
        `SELECT status FROM submissions WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, EHPAD_45],
      );
      expect(sub.status).toBe('INVALIDATED');
      const [tr] = await t.dataSource.query(
        `SELECT reason FROM submission_transitions WHERE campaign_year = $1 AND finess = $2 AND action = 'INVALIDATE'`,
        [YEAR, EHPAD_45],
      );
      expect(tr.reason).toMatch(/^Le taux est incohérent avec les effectifs\./);
      expect(tr.reason).toContain('Règle R_B');
      const emails = await t.dataSource.query(
        `SELECT recipient, body_text FROM outbox_emails WHERE subject LIKE '%à corriger%'`,
      );
      expect(emails).toContainEqual({
        recipient: esmsApeEmail,
        body_text: expect.stringContaining('Le taux est incohérent'),
      });
      expect((await flagRow(id)).status).toBe('TO_CORRECT');
    });
  });

  describe('changes since the validation', () => {
    it('lists the values changed after the validation', async () => {
      const dictionary = (await get('/dictionary', national).expect(200)).body as {
        items: { code: string; label: string; ogLevel?: boolean }[];
      };
      const item = dictionary.items.find((i) => !i.ogLevel) as { code: string; label: string };
      await t.dataSource.query(
        `INSERT INTO value_history (campaign_year, holder_finess, og_level, item_code, old_value, new_value, source, actor_name, at)
         VALUES ($1, $2, false, $3, '1', '2', 'FORM', 'Avant', now() - interval '3 days'),
                ($1, $2, false, $3, '2', '3', 'FORM', 'Après', now())`,
        [YEAR, EHPAD_45, item.code],
      );
      const res = await get(`/submissions/${EHPAD_45}/changes-since-validation`, cdController).expect(200);
      expect(res.body).toMatchObject({
        validatedAt: expect.any(String),
        count: 1,
        changes: [
          { itemCode: item.code, itemLabel: item.label, oldValue: 2, newValue: 3, actorName: 'Après' },
        ],
      });
      const none = await get(`/submissions/${FOYER_45}/changes-since-validation`, cdController).expect(200);
      expect(none.body).toEqual({ validatedAt: null, count: 0, changes: [] });
      await get(`/submissions/${EHPAD_75}/changes-since-validation`, cdController).expect(403);
    });
  });

  describe('organising the fiabilisation', () => {
    it('lists the controllers of the authority', async () => {
      const res = await get('/fiabilisation/controllers', cdApr).expect(200);
      const ids = res.body.map((c: { id: string }) => c.id);
      expect(ids).toContain(cdControllerId);
      expect(ids).not.toContain(arsControllerId);
      await get('/fiabilisation/controllers', esmsApe).expect(403);
    });

    it('assigns structures to a controller of the same authority, with a priority; mine=true', async () => {
      await put('/fiabilisation/assignments', cdApr)
        .send({ items: [{ finess: FOYER_45, controllerId: arsControllerId, priority: 1 }] })
        .expect(400);
      await put('/fiabilisation/assignments', cdApr)
        .send({ items: [{ finess: IME_45, controllerId: cdControllerId, priority: 1 }] })
        .expect(403);
      await put('/fiabilisation/assignments', cdReader)
        .send({ items: [{ finess: FOYER_45, controllerId: cdControllerId, priority: 1 }] })
        .expect(403);
      await put('/fiabilisation/assignments', cdApr)
        .send({ items: [{ finess: FOYER_45, controllerId: cdControllerId, priority: 3, version: 5 }] })
        .expect(409);
      const res = await put('/fiabilisation/assignments', cdApr)
        .send({
          items: [
            {
              finess: FOYER_45,
              controllerId: cdControllerId,
              priority: 3,
              note: 'CPOM en négociation',
              version: 0,
            },
          ],
        })
        .expect(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          finess: FOYER_45,
          controllerId: cdControllerId,
          priority: 3,
          note: 'CPOM en négociation',
          version: 1,
        }),
      ]);
      // The assignments read back: the CD sees its foyer's, the ARS (not competent) does not.
      const listed = await get('/fiabilisation/assignments', cdController).expect(200);
      expect(listed.body.map((a: { finess: string; priority: number }) => [a.finess, a.priority])).toEqual([
        [FOYER_45, 3],
      ]);
      expect((await get('/fiabilisation/assignments', arsController).expect(200)).body).toEqual([]);
      const mine = await table(cdController, '?mine=true');
      expect(mine.items.length).toBe(2);
      expect(mine.items.every((r) => r.finess === FOYER_45 && r.controllerId === cdControllerId)).toBe(true);
      expect(keys((await table(cdController, '?view=mine&status=ALL')).items)).toEqual(keys(mine.items));
      expect((await table(cdApr, '?mine=true')).total).toBe(0);
      // Default sort: the priority structure first.
      const first = (await table(cdController, '?status=ALL')).items[0];
      expect(first).toMatchObject({ finess: FOYER_45, priority: 3 });
      expect(
        (await table(cdController, '?priorityOnly=true&status=ALL')).items.every(
          (r) => r.finess === FOYER_45,
        ),
      ).toBe(true);
    });

    it('records the priority indicators and rules of the authority', async () => {
      const initial = await get('/fiabilisation/priorities', cdApr).expect(200);
      expect(initial.body).toMatchObject({
        organisationKind: 'CD',
        organisationCode: '45',
        version: 0,
        ruleCodes: [],
      });
      const rule = getAtypiaRules(YEAR).rules[0]?.code as string;
      const indicator = getIndicatorDefinitions(YEAR).indicators[0]?.code as string;
      await put('/fiabilisation/priorities', cdApr)
        .send({ indicatorCodes: ['NOPE'], ruleCodes: [rule], version: 0 })
        .expect(400);
      await put('/fiabilisation/priorities', cdReader)
        .send({ indicatorCodes: [], ruleCodes: [], version: 0 })
        .expect(403);
      await put('/fiabilisation/priorities?kind=ARS&code=24', cdApr)
        .send({ indicatorCodes: [], ruleCodes: [], version: 0 })
        .expect(403);
      const saved = await put('/fiabilisation/priorities', cdApr)
        .send({ indicatorCodes: [indicator], ruleCodes: [rule, 'R_B'].slice(0, 1), version: 0 })
        .expect(200);
      expect(saved.body).toMatchObject({ indicatorCodes: [indicator], ruleCodes: [rule], version: 1 });
      await put('/fiabilisation/priorities', cdApr)
        .send({ indicatorCodes: [], ruleCodes: [], version: 0 })
        .expect(409);
      expect((await get('/fiabilisation/priorities', cdController).expect(200)).body.version).toBe(1);
      await get('/fiabilisation/priorities?kind=CD&code=45', arsController).expect(403);
      // A priority rule makes its flags "priority" for the authority.
      await t.dataSource.query(`UPDATE atypia_flags SET rule_code = $1 WHERE id = $2`, [
        rule,
        flags[`${EHPAD_45}|R_A`],
      ]);
      const priority = keys((await table(cdController, '?priorityOnly=true&status=ALL')).items);
      expect(priority).toContain(`${EHPAD_45}|${rule}`);
      expect(keys((await table(arsController, '?priorityOnly=true&status=ALL')).items)).toEqual([]);
    });
  });
});
