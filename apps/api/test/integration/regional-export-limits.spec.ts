/**
 * Large exports do not stop the service (issue 13 §3): the regional export streams at the pace of
 * its client, one at a time per account (429), EXPORT_CONCURRENCY at once and EXPORT_WAITING in
 * line (then 503), and its slot comes back when the file is sent or the client goes away — while
 * /api/health keeps answering. Through HTTP on a real database; the export under test is held at
 * its first read of indicators (after its first bytes are sent) by a promise the test settles, so
 * "while an export runs" is a fact, not a timing.
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { ExportGate } from '../../src/common/concurrency/export-gate';
import { IndicatorValuesRepository } from '../../src/modules/computation/indicator-values.repository';
import { BATCH } from '../../src/modules/regional-export/regional-export.repository';
import { RegionalExportService } from '../../src/modules/regional-export/regional-export.service';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, IME_45, EHPAD_75, IME_75, OG_75 } = REGISTRY;
const YEAR = 2026;
/** ESMS added in Île-de-France: more than two batches of the export. */
const MANY = 2 * BATCH + 37;

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => (resolve = res));
  return { promise, resolve };
}

interface Download {
  /** The status and headers are in, and the first bytes of the body. */
  firstChunk: Promise<void>;
  /** The whole answer (status and body), once the server ends it. */
  done: Promise<{ status: number; body: Buffer }>;
  /** The client goes away mid-download. */
  abort(): void;
}

async function rowsOf(body: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const finesses: string[] = [];
  workbook.worksheets[0]!.eachRow((row, n) => {
    if (n === 1) expect(row.cellCount).toBe(331);
    else finesses.push(String(row.getCell(5).value));
  });
  return finesses;
}

const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as { code: string; message: string };

describe('regional export limits (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let ars: string[];
  let gate: ExportGate;
  /** Set: the next exports wait at their first read of indicators until `release` resolves. */
  let hold: { entered: Deferred; release: Deferred } | null = null;
  /** The streams the export service returned, latest last. */
  const streams: Readable[] = [];

  const path = (region: string) => `/api/campaigns/${YEAR}/exports/regional.xlsx?region=${region}`;

  /** A download through a plain HTTP client, read as it comes. */
  function download(region: string, auth: string): Download {
    const firstChunk = deferred();
    let client!: ClientRequest;
    const done = new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const { port } = t.http.address() as AddressInfo;
      client = httpRequest(
        { host: '127.0.0.1', port, path: path(region), headers: { Authorization: auth }, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            firstChunk.resolve();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
          res.on('close', () => {
            if (!res.complete) reject(new Error('download cut short'));
          });
        },
      );
      client.on('error', reject);
      client.end();
    });
    return { firstChunk: firstChunk.promise, done, abort: () => client.destroy() };
  }

  const holdExports = () => {
    hold = { entered: deferred(), release: deferred() };
    return hold;
  };

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry({ EXPORT_CONCURRENCY: '1', EXPORT_WAITING: '1' }));
    await openCampaign(t, national, YEAR, 'COLLECTION');
    ars = [];
    for (const role of ['APR', 'CONTROLLER', 'READER'] as const) {
      const { email } = await persistAccount(t.dataSource, [
        { organisation: { kind: 'ARS', code: '24' }, role },
      ]);
      ars.push(await loginAs(t.http, email));
    }
    // Île-de-France gets MANY more ESMS of the Paris OG.
    await t.dataSource.query(
      `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                               department_code, region_code, competence, city)
       SELECT '759' || lpad(i::text, 6, '0'), $1, 'EHPAD ' || i, '', 'EHPAD', '500', '75', '11', 'SHARED', 'PARIS'
         FROM generate_series(1, $2::int) AS i`,
      [OG_75, MANY],
    );
    await t.dataSource.query(
      `INSERT INTO submissions (campaign_year, finess)
       SELECT $1, '759' || lpad(i::text, 6, '0') FROM generate_series(1, $2::int) AS i`,
      [YEAR, MANY],
    );
    // A plain client needs the address: listen once (SuperTest then uses it too).
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    gate = t.app.get(ExportGate);
    const indicators = t.app.get(IndicatorValuesRepository);
    const computedOf = indicators.computedOf.bind(indicators);
    jest.spyOn(indicators, 'computedOf').mockImplementation(async (...args) => {
      const held = hold;
      if (held) {
        held.entered.resolve();
        await held.release.promise;
      }
      return computedOf(...args);
    });
    const service = t.app.get(RegionalExportService);
    const regional = service.regional.bind(service);
    jest.spyOn(service, 'regional').mockImplementation(async (...args) => {
      const started = await regional(...args);
      streams.push(started.stream);
      return started;
    });
  });

  afterEach(() => {
    hold?.release.resolve();
    hold = null;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('answers /api/health while an export stream is open, then sends the whole workbook', async () => {
    const held = holdExports();
    const export24 = download('24', ars[0]!);
    await export24.firstChunk;
    await held.entered.promise;
    // The export has sent its first bytes and is not finished: health answers meanwhile.
    expect(streams.at(-1)!.readableEnded).toBe(false);
    const health = await request(t.http).get('/api/health').expect(200);
    expect(health.body.status).toBe('ok');
    held.release.resolve();
    const { status, body } = await export24.done;
    expect(status).toBe(200);
    expect((await rowsOf(body)).sort()).toEqual([EHPAD_45, IME_45].sort());
    expect(gate.gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
  });

  it('refuses an account’s second export while its first runs (429, in French); the first completes', async () => {
    const held = holdExports();
    const first = download('24', ars[0]!);
    await held.entered.promise;
    const second = await request(t.http)
      .get(path('24'))
      .set('Authorization', ars[0]!)
      .expect(429)
      .expect('Content-Type', /json/);
    expect(second.body).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message:
        'Un export est déjà en cours pour votre compte : attendez qu’il se termine avant d’en lancer un autre.',
    });
    held.release.resolve();
    const { status, body } = await first.done;
    expect(status).toBe(200);
    expect((await rowsOf(body)).sort()).toEqual([EHPAD_45, IME_45].sort());
    // Once it is sent, the account exports again.
    await request(t.http).get(path('24')).set('Authorization', ars[0]!).expect(200);
  });

  it('refuses exports past EXPORT_CONCURRENCY + EXPORT_WAITING with a 503, and the others complete', async () => {
    const held = holdExports();
    const running = download('24', ars[0]!);
    await held.entered.promise;
    // One slot, one place in line: of the next two accounts, one waits and the other is refused.
    const others = [download('24', ars[1]!), download('24', ars[2]!)];
    const refused = await Promise.race(others.map((d) => d.done));
    expect(refused.status).toBe(503);
    expect(json(refused.body)).toMatchObject({
      code: 'SERVICE_BUSY',
      message: expect.stringMatching(/réessayez dans une minute\. Rien n’est perdu/),
    });
    expect(gate.gate.state).toEqual({ running: 1, waiting: 1, keys: 2 });
    held.release.resolve();
    const answers = await Promise.all([running.done, ...others.map((d) => d.done)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 503]);
    for (const answer of answers.filter((a) => a.status === 200))
      expect((await rowsOf(answer.body)).sort()).toEqual([EHPAD_45, IME_45].sort());
    // Nothing is left held: the API answers and exports again.
    expect(gate.gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
    await request(t.http).get('/api/health').expect(200);
    await request(t.http).get(path('24')).set('Authorization', ars[2]!).expect(200);
  });

  it('gives the slot back when the client goes away mid-download', async () => {
    const held = holdExports();
    const abandoned = download('24', ars[1]!);
    await abandoned.firstChunk;
    await held.entered.promise;
    const stream = streams.at(-1)!;
    const closed = new Promise((resolve) => stream.once('close', resolve));
    abandoned.abort();
    await expect(abandoned.done).rejects.toThrow();
    // The server notices: Nest destroys the file's stream, which releases the slot.
    await closed;
    expect(gate.gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
    held.release.resolve();
    const res = await request(t.http).get(path('24')).set('Authorization', ars[1]!).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });

  it(`streams a region of ${MANY + 2} ESMS (three batches) in FINESS order`, async () => {
    const { status, body } = await download('11', national).done;
    expect(status).toBe(200);
    const rows = await rowsOf(body);
    expect(rows).toHaveLength(MANY + 2);
    expect(rows).toEqual([...rows].sort());
    expect(rows).toEqual(
      expect.arrayContaining([EHPAD_75, IME_75, '759000001', `759${String(MANY).padStart(6, '0')}`]),
    );
    expect(gate.gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
  });
});
