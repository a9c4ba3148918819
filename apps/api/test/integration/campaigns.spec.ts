/**
 * Campaigns and data entry through HTTP on a real database: the national calendar, saving values
 * with their checks, optimistic concurrency, history, the whole status loop between a structure
 * and its authorities, OG-level items and the all-or-nothing bulk batch.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { getDictionary, itemsFor, type Item } from '@tdb/dictionary';
import { loginAs, persistAccount } from '../factories/accounts';
import { datesFor, movePhase, openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, EHPAD_45, IME_45, FOYER_45, EHPAD_75 } = REGISTRY;
const YEAR = 2026;
const dictionary = getDictionary(YEAR);

/** A value every item accepts (lowest bound, first choice…), for filling a whole form. */
function validValue(item: Item): number | boolean | string {
  switch (item.type) {
    case 'boolean':
      return true;
    case 'choice':
      return item.choices?.[0]?.code ?? '';
    case 'date':
      return '2025-01-01';
    case 'text':
      return 'Texte';
    case 'percentage':
      return Math.max(item.min ?? 0, Math.min(item.max ?? 100, 50));
    default:
      return Math.max(item.min ?? 0, Math.min(item.max ?? 1e9, 1));
  }
}

function fullValues(category: string, ogLevel: boolean): Record<string, unknown> {
  return Object.fromEntries(
    itemsFor(dictionary, category)
      .filter((i) => i.ogLevel === ogLevel)
      .map((i) => [i.code, validValue(i)]),
  );
}

describe('campaigns and data entry (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let esmsApe: string;
  let esmsApeEmail: string;
  let ogApe: string;
  let cdController: string;
  let arsController: string;
  let reader: string;

  const get = (path: string, auth: string) =>
    request(t.http).get(`/api/campaigns/${YEAR}${path}`).set('Authorization', auth);
  const detail = (finess: string, auth = esmsApe) => get(`/submissions/${finess}`, auth).expect(200);
  const save = (finess: string, auth: string, version: number, values: Record<string, unknown>) =>
    request(t.http)
      .put(`/api/campaigns/${YEAR}/submissions/${finess}/values`)
      .set('Authorization', auth)
      .send({ version, values });
  const act = (finess: string, auth: string, version: number, action: string, reason?: string) =>
    request(t.http)
      .post(`/api/campaigns/${YEAR}/submissions/${finess}/transitions`)
      .set('Authorization', auth)
      .send({ action, version, reason });

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    const account = async (grant: Parameters<typeof persistAccount>[1][number]) => {
      const created = await persistAccount(t.dataSource, [grant]);
      return { auth: await loginAs(t.http, created.email), email: created.email };
    };
    const ape = await account({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    esmsApe = ape.auth;
    esmsApeEmail = ape.email;
    ogApe = (await account({ organisation: { kind: 'OG', code: OG_45 }, role: 'APE' })).auth;
    cdController = (await account({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' })).auth;
    arsController = (await account({ organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' })).auth;
    reader = (await account({ organisation: { kind: 'ARS', code: '24' }, role: 'READER' })).auth;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('the national calendar', () => {
    it('refuses dates out of order, in French, and creates nothing', async () => {
      const dates = { ...datesFor('COLLECTION'), collectionEnd: '2000-01-01' };
      const res = await request(t.http)
        .post('/api/campaigns')
        .set('Authorization', national)
        .send({ year: YEAR, dates })
        .expect(400);
      expect(res.body.message).toMatch(/^Les dates ne se suivent pas/);
      expect(await t.dataSource.query(`SELECT year FROM campaigns`)).toEqual([]);
    });

    it('is reserved to the national administrator', async () => {
      const res = await request(t.http)
        .post('/api/campaigns')
        .set('Authorization', arsController)
        .send({ year: YEAR })
        .expect(403);
      expect(res.body.message).toEqual(expect.any(String));
    });

    it('creates the campaign with its dictionary and one submission per structure, then opens it', async () => {
      await openCampaign(t, national, YEAR);
      const campaign = await get('', national).expect(200);
      expect(campaign.body).toMatchObject({
        year: YEAR,
        dataYear: YEAR - 1,
        state: 'OPEN',
        phase: 'COLLECTION',
        threshold: 0.9,
        dictionaryVersion: dictionary.version,
      });
      const structures = await t.dataSource.query(`SELECT count(*)::int AS n FROM structures`);
      expect(campaign.body.counts.NOT_STARTED).toBe(structures[0].n);
      await request(t.http)
        .post('/api/campaigns')
        .set('Authorization', national)
        .send({ year: YEAR })
        .expect(409);
    });

    it('shows each user only the submissions of its scope', async () => {
      const mine = await get('/submissions', esmsApe).expect(200);
      expect(mine.body.items.map((s: { finess: string }) => s.finess)).toEqual([EHPAD_45]);
      const cd = await get('/submissions', cdController).expect(200);
      expect(cd.body.items.map((s: { finess: string }) => s.finess).sort()).toEqual(
        [EHPAD_45, FOYER_45].sort(),
      );
      await get(`/submissions/${EHPAD_75}`, esmsApe).expect(403);
    });
  });

  describe('saving values', () => {
    it('checks every value and writes nothing when one is wrong', async () => {
      const before = await detail(EHPAD_45);
      const integer = itemsFor(dictionary, 'EHPAD').find((i) => i.type === 'integer' && !i.ogLevel)!;
      const percentage = itemsFor(dictionary, 'EHPAD').find((i) => i.type === 'decimal' && !i.ogLevel)!;
      const res = await save(EHPAD_45, esmsApe, before.body.version, {
        [integer.code]: 80,
        [percentage.code]: 'beaucoup',
        inconnu: 3,
      }).expect(400);
      expect(res.body.message).toBe("2 valeurs refusées : rien n'a été enregistré.");
      expect(res.body.errors).toEqual([
        { field: percentage.code, message: `${percentage.label} : La valeur doit être un nombre.` },
        { field: 'inconnu', message: `Donnée inconnue du dictionnaire ${dictionary.version} : « inconnu ».` },
      ]);
      const after = await detail(EHPAD_45);
      expect(after.body.version).toBe(before.body.version);
      expect(after.body.values).toEqual({});
    });

    it('saves, normalises French numbers, moves to "in progress" and keeps the history', async () => {
      const item = itemsFor(dictionary, 'EHPAD').find(
        (i) => i.type === 'integer' && !i.ogLevel && (i.max ?? 1e9) > 2000,
      )!;
      const before = await detail(EHPAD_45);
      const res = await save(EHPAD_45, esmsApe, before.body.version, { [item.code]: '1 234' }).expect(200);
      expect(res.body.values[item.code]).toBe(1234);
      expect(res.body.status).toBe('IN_PROGRESS');
      expect(res.body.version).toBe(before.body.version + 1);
      await save(EHPAD_45, esmsApe, res.body.version, { [item.code]: 1300 }).expect(200);
      const history = await get(`/submissions/${EHPAD_45}/history?item=${item.code}`, esmsApe).expect(200);
      expect(
        history.body.map((h: { oldValue: unknown; newValue: unknown }) => [h.oldValue, h.newValue]),
      ).toEqual([
        [1234, 1300],
        [null, 1234],
      ]);
      expect(history.body[0].actorName).toMatch(/Camille/);
      // Each change keeps the address it came from, like account changes in the audit log.
      const stored = await t.dataSource.query(
        `SELECT ip_address FROM value_history WHERE holder_finess = $1 AND item_code = $2`,
        [EHPAD_45, item.code],
      );
      expect(stored.map((r: { ip_address: string }) => r.ip_address)).toEqual([
        expect.stringMatching(/127\.0\.0\.1|::1/),
        expect.stringMatching(/127\.0\.0\.1|::1/),
      ]);
    });

    it('answers a save with the detail a read gives right after it, to the field', async () => {
      // The answer is built from the rows the write left, not read again: it must not differ from
      // a read (status, version, completeness, date, merged OG values, indicators, flags…).
      const items = itemsFor(dictionary, 'EHPAD').filter((i) => i.type === 'integer' && !i.ogLevel);
      const before = await detail(EHPAD_45);
      const first = await save(EHPAD_45, esmsApe, before.body.version, {
        [items[2]!.code]: 12,
        [items[3]!.code]: 40,
      }).expect(200);
      expect((await detail(EHPAD_45)).body).toEqual(first.body);
      // A save that changes nothing answers the unchanged submission.
      const unchanged = await save(EHPAD_45, esmsApe, first.body.version, { [items[2]!.code]: 12 }).expect(
        200,
      );
      expect(unchanged.body.version).toBe(first.body.version);
      expect((await detail(EHPAD_45)).body).toEqual(unchanged.body);
    });

    it('answers two concurrent edits of one version with one 409 carrying the current values: nothing is lost', async () => {
      const [a, b] = itemsFor(dictionary, 'EHPAD').filter((i) => i.type === 'integer' && !i.ogLevel);
      const { version } = (await detail(EHPAD_45)).body;
      const results = await Promise.all([
        save(EHPAD_45, esmsApe, version, { [a!.code]: 11 }),
        save(EHPAD_45, esmsApe, version, { [b!.code]: 22 }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const conflict = results.find((r) => r.status === 409)!;
      const winner = results.find((r) => r.status === 200)!;
      expect(conflict.body.code).toBe('STALE_VERSION');
      expect(conflict.body.current.version).toBe(winner.body.version);
      // The user re-applies its value on the current version: both values are there.
      const lost = results[0] === conflict ? { [a!.code]: 11 } : { [b!.code]: 22 };
      const retried = await save(EHPAD_45, esmsApe, conflict.body.current.version, lost).expect(200);
      expect(retried.body.values[a!.code]).toBe(11);
      expect(retried.body.values[b!.code]).toBe(22);
    });

    it('refuses entry to authorities and readers, and the OG items to the ESMS when its OG has an APE', async () => {
      const { version } = (await detail(EHPAD_45)).body;
      await save(EHPAD_45, cdController, version, {}).expect(403);
      await save(EHPAD_45, reader, version, {}).expect(403);
      const og = await get(`/organisations/${OG_45}`, esmsApe).expect(200);
      await request(t.http)
        .put(`/api/campaigns/${YEAR}/organisations/${OG_45}/values`)
        .set('Authorization', esmsApe)
        .send({ version: og.body.version, values: {} })
        .expect(403);
    });
  });

  describe('bulk batches', () => {
    it('are all or nothing, with every error listed by path', async () => {
      const ehpad = (await detail(EHPAD_45, ogApe)).body;
      const ime = (await detail(IME_45, ogApe)).body;
      const integer = itemsFor(dictionary, 'IME').find(
        (i) => i.type === 'integer' && !i.ogLevel && i.min === 0 && i.categories === 'ALL',
      )!;
      const res = await request(t.http)
        .post(`/api/campaigns/${YEAR}/bulk`)
        .set('Authorization', ogApe)
        .send({
          structures: [
            { finess: IME_45, version: ime.version, values: { [integer.code]: 5 } },
            { finess: EHPAD_45, version: ehpad.version, values: { [integer.code]: -4 } },
          ],
        })
        .expect(400);
      expect(res.body.errors).toEqual([
        {
          field: `structures[1].values.${integer.code}`,
          message: expect.stringMatching(/supérieure ou égale à 0/),
        },
      ]);
      expect((await detail(IME_45, ogApe)).body.values).toEqual({});
      const ok = await request(t.http)
        .post(`/api/campaigns/${YEAR}/bulk`)
        .set('Authorization', ogApe)
        .send({ structures: [{ finess: IME_45, version: ime.version, values: { [integer.code]: 5 } }] })
        .expect(201);
      expect(ok.body.structures).toEqual([
        { finess: IME_45, version: ime.version + 1, changed: 1, completeness: expect.any(Number) },
      ]);
    });
  });

  describe('the preparation grid (Excel round trip)', () => {
    /** The value cell of `itemCode` for `finess` in a grid workbook, found by its markers. */
    function valueCell(workbook: ExcelJS.Workbook, itemCode: string, finess: string) {
      for (const sheet of workbook.worksheets) {
        const markers = sheet.getRow(1).values as unknown[];
        const column = markers.findIndex((m) => m === `VALEUR|${finess}`);
        if (column < 0) continue;
        for (let row = 3; row <= sheet.rowCount; row++) {
          if (sheet.getCell(row, 1).value === itemCode) return { sheet, cell: sheet.getCell(row, column) };
        }
      }
      throw new Error(`no cell for ${itemCode}`);
    }

    it('downloads, fills and uploads back: every value lands; a bad cell is reported by sheet and cell and nothing is written', async () => {
      const [integer, decimal] = [
        itemsFor(dictionary, 'IME').find((i) => i.type === 'integer' && !i.ogLevel && i.min === 0)!,
        itemsFor(dictionary, 'IME').find((i) => i.type === 'decimal' && !i.ogLevel && (i.max ?? 1e9) >= 100)!,
      ];
      const download = await get(`/submissions/${IME_45}/grid.xlsx`, ogApe)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(download.headers['content-type']).toMatch(/spreadsheetml/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(download.body as ArrayBuffer);
      valueCell(workbook, integer.code, IME_45).cell.value = 42;
      valueCell(workbook, decimal.code, IME_45).cell.value = '12,5';
      const filled = Buffer.from(await workbook.xlsx.writeBuffer());
      const upload = (file: Buffer) =>
        request(t.http)
          .post(`/api/campaigns/${YEAR}/submissions/${IME_45}/grid`)
          .set('Authorization', ogApe)
          .attach('file', file, 'grille.xlsx');
      const before = (await detail(IME_45, ogApe)).body;
      const ok = await upload(filled).expect(201);
      expect(ok.body.structures[0]).toMatchObject({ finess: IME_45, changed: 2 });
      const after = (await detail(IME_45, ogApe)).body;
      expect(after.values[integer.code]).toBe(42);
      expect(after.values[decimal.code]).toBe(12.5);
      expect(after.version).toBe(before.version + 1);

      const bad = valueCell(workbook, integer.code, IME_45);
      bad.cell.value = 'quarante';
      valueCell(workbook, decimal.code, IME_45).cell.value = 13;
      const rejected = await upload(Buffer.from(await workbook.xlsx.writeBuffer())).expect(422);
      expect(rejected.body.errors).toEqual([
        {
          field: `${bad.sheet.name}!${bad.cell.address}`,
          message: expect.stringContaining(`Feuille « ${bad.sheet.name} », cellule ${bad.cell.address}`),
        },
      ]);
      const unchanged = (await detail(IME_45, ogApe)).body;
      expect(unchanged.version).toBe(after.version);
      expect(unchanged.values[decimal.code]).toBe(12.5);
    });
  });

  describe('the status loop between a structure and its authorities', () => {
    it('refuses validation while required items are missing, listing them', async () => {
      const { version } = (await detail(EHPAD_45)).body;
      const res = await act(EHPAD_45, esmsApe, version, 'VALIDATE').expect(400);
      expect(res.body.message).toMatch(
        /^Complétude \d+ % : il faut au moins 90 % pour valider ; \d+ erreurs bloquantes restent à corriger\.$/,
      );
      expect(res.body.errors.length).toBeGreaterThan(5);
    });

    it('runs fill → validate → CD invalidates with a reason → correct → revalidate → ARS confirms, CD consulted', async () => {
      const og = await get(`/organisations/${OG_45}`, ogApe).expect(200);
      await request(t.http)
        .put(`/api/campaigns/${YEAR}/organisations/${OG_45}/values`)
        .set('Authorization', ogApe)
        .send({ version: og.body.version, values: fullValues('EHPAD', true) })
        .expect(200);
      let current = (await detail(EHPAD_45)).body;
      current = (await save(EHPAD_45, esmsApe, current.version, fullValues('EHPAD', false)).expect(200)).body;
      expect(current.completenessDetail.ratio).toBe(1);
      // Indicators come back with the save, each a value or the reason it is not computable.
      expect(current.indicators.length).toBeGreaterThan(10);
      expect(
        current.indicators.every((i: { computable: boolean; value: unknown; reason: unknown }) =>
          i.computable ? typeof i.value === 'number' : typeof i.reason === 'string',
        ),
      ).toBe(true);
      const stored = await t.dataSource.query(
        `SELECT (SELECT count(*) FROM jsonb_object_keys(scalars || distributions || reasons))::int AS n
           FROM structure_indicators WHERE campaign_year = $1 AND finess = $2 AND dictionary_version = $3`,
        [YEAR, EHPAD_45, dictionary.version],
      );
      expect(stored[0].n).toBeGreaterThan(10);
      expect(current.availableActions).toContain('VALIDATE');

      // An authority sends back only what the structure validated (ADR 0011: from then on, even
      // during the collection); it confirms only from the fiabilisation.
      const early = await act(EHPAD_45, cdController, current.version, 'INVALIDATE', 'Trop tôt').expect(409);
      expect(early.body.message).toMatch(/^Seule une saisie validée par la structure peut être invalidée/);

      current = (await act(EHPAD_45, esmsApe, current.version, 'VALIDATE').expect(201)).body;
      expect(current.status).toBe('VALIDATED');
      const confirmEarly = await act(EHPAD_45, arsController, current.version, 'CONFIRM').expect(409);
      expect(confirmEarly.body.message).toMatch(/^La fiabilisation n'ouvre que le/);

      await movePhase(t, national, YEAR, 'FIABILISATION');
      const noReason = await act(EHPAD_45, cdController, current.version, 'INVALIDATE').expect(400);
      expect(noReason.body.message).toBe("Le motif de l'invalidation est obligatoire.");
      current = (
        await act(
          EHPAD_45,
          cdController,
          current.version,
          'INVALIDATE',
          'Places installées à vérifier',
        ).expect(201)
      ).body;
      expect(current.status).toBe('INVALIDATED');
      const emails = await t.dataSource.query(
        `SELECT recipient, body_text FROM outbox_emails WHERE subject LIKE '%à corriger%'`,
      );
      // The structure's users are told: its APE and the APE of its OG.
      expect(emails).toHaveLength(2);
      expect(emails).toContainEqual(
        expect.objectContaining({
          recipient: esmsApeEmail,
          body_text: expect.stringContaining('Places installées à vérifier'),
        }),
      );

      // Sent back, the structure may validate again at once when nothing blocks (it answered the
      // authority without changing a value); the authority may send it back again.
      const sentBack = (await detail(EHPAD_45)).body;
      expect(sentBack.availableActions).toContain('VALIDATE');
      expect(sentBack.actions).toContainEqual({ action: 'VALIDATE', allowed: true, reason: null });
      current = (await act(EHPAD_45, esmsApe, current.version, 'VALIDATE').expect(201)).body;
      expect(current.status).toBe('VALIDATED');
      current = (
        await act(EHPAD_45, cdController, current.version, 'INVALIDATE', 'Places toujours à vérifier').expect(
          201,
        )
      ).body;
      expect(current.status).toBe('INVALIDATED');

      // The structure corrects during the fiabilisation (its submission was sent back) and revalidates.
      const item = itemsFor(dictionary, 'EHPAD').find((i) => i.type === 'integer' && !i.ogLevel)!;
      current = (await save(EHPAD_45, esmsApe, current.version, { [item.code]: 2 }).expect(200)).body;
      expect(current.status).toBe('IN_PROGRESS');
      current = (await act(EHPAD_45, esmsApe, current.version, 'VALIDATE').expect(201)).body;

      // Shared competence: the ARS confirms, the CD may only mark it consulted.
      const cdConfirm = await act(EHPAD_45, cdController, current.version, 'CONFIRM').expect(403);
      expect(cdConfirm.body.message).toMatch(/seule l'ARS confirme/i);
      current = (await act(EHPAD_45, cdController, current.version, 'MARK_CONSULTED').expect(201)).body;
      expect(current.consultedByCd).toBe(true);
      current = (await act(EHPAD_45, arsController, current.version, 'CONFIRM').expect(201)).body;
      expect(current.status).toBe('CONFIRMED');
      const again = await act(EHPAD_45, arsController, current.version, 'CONFIRM').expect(409);
      expect(again.body.message).toBe("Déjà confirmée par l'ARS.");
      expect(current.transitions.map((tr: { action: string }) => tr.action)).toEqual([
        'CONFIRM',
        'MARK_CONSULTED',
        'VALIDATE',
        'SAVE',
        'INVALIDATE',
        'VALIDATE',
        'INVALIDATE',
        'VALIDATE',
        'SAVE',
      ]);
      const stale = await act(EHPAD_45, national, current.version - 1, 'UNCONFIRM', 'Erreur').expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
    });
  });
});
