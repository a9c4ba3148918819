import request from 'supertest';
import { getDictionary, itemsFor } from '@tdb/dictionary';
import { eventually } from '../setup/eventually';
import type { TestApp } from '../setup/test-app';
import { loginAs, persistAccount } from './accounts';
import { openCampaign } from './campaigns';
import { REGISTRY } from './test-registry';

/**
 * A campaign with what a real one holds (on an app of startAppWithRegistry): opened, a structure's
 * values entered by its OG's APE, and a recompute job run to its end with the atypia job that
 * follows — submissions, indicators, flags, distributions, jobs, audit entries, sessions. Returns
 * once nothing runs in the background any more.
 */
export async function seedDemoCampaign(t: TestApp, national: string, year = 2026): Promise<void> {
  await openCampaign(t, national, year);
  const account = await persistAccount(t.dataSource, [
    { organisation: { kind: 'OG', code: REGISTRY.OG_45 }, role: 'APE' },
  ]);
  const ogApe = await loginAs(t.http, account.email);
  const submission = `/api/campaigns/${year}/submissions/${REGISTRY.EHPAD_45}`;
  const { version } = (await request(t.http).get(submission).set('Authorization', ogApe).expect(200)).body;
  const values = Object.fromEntries(
    itemsFor(getDictionary(year), 'EHPAD')
      .filter((i) => !i.ogLevel && (i.type === 'integer' || i.type === 'decimal'))
      .map((item, index) => [item.code, 1 + (index % 7)]),
  );
  await request(t.http)
    .put(`${submission}/values`)
    .set('Authorization', ogApe)
    .send({ version, values })
    .expect(200);
  await request(t.http)
    .post(`/api/campaigns/${year}/jobs/recompute-indicators`)
    .set('Authorization', national)
    .expect(201);
  const jobs = await eventually(
    () =>
      request(t.http)
        .get(`/api/campaigns/${year}/jobs`)
        .set('Authorization', national)
        .expect(200)
        .then((r) => r.body as { kind: string; status: string }[]),
    (list) => list.length === 2 && list.every((j) => j.status === 'DONE' || j.status === 'FAILED'),
    { timeoutMs: 60_000 },
  );
  if (!jobs.every((j) => j.status === 'DONE')) throw new Error(`Demo campaign jobs: ${JSON.stringify(jobs)}`);
}
