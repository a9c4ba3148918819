import request from 'supertest';
import type { CampaignDatesDto } from '@tdb/contracts';
import { parisToday } from '../../src/common/auth/access.service';
import type { TestApp } from '../setup/test-app';

const shift = (iso: string, days: number): string => {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** A phase a test puts an open campaign in, through its calendar. */
export type TestPhase = 'COLLECTION' | 'FIABILISATION' | 'PREPARATION' | 'RESTITUTION';

const OFFSETS: Record<TestPhase, number> = {
  PREPARATION: 30,
  COLLECTION: 0,
  FIABILISATION: -30,
  // The restitution began 29 days ago.
  RESTITUTION: -90,
};

/** Campaign dates putting today in the given phase (the real calendar is April–August). */
export function datesFor(phase: TestPhase): CampaignDatesDto {
  const today = parisToday();
  const offset = OFFSETS[phase];
  const base = shift(today, offset);
  return {
    launch: shift(base, -60),
    accountsSetup: shift(base, -40),
    collectionStart: shift(base, -20),
    collectionEnd: shift(base, 10),
    fiabilisationStart: shift(base, 11),
    fiabilisationEnd: shift(base, 60),
    restitutionStart: shift(base, 61),
  };
}

/** Creates and opens the campaign of `year`, today in `phase`; returns its version. */
export async function openCampaign(
  t: TestApp,
  national: string,
  year: number,
  phase: Exclude<TestPhase, 'PREPARATION'> = 'COLLECTION',
  threshold = 0.9,
): Promise<number> {
  const created = await request(t.http)
    .post('/api/campaigns')
    .set('Authorization', national)
    .send({ year, dates: datesFor(phase), threshold })
    .expect(201);
  const opened = await request(t.http)
    .post(`/api/campaigns/${year}/open`)
    .set('Authorization', national)
    .send({ version: created.body.version })
    .expect(201);
  return opened.body.version;
}

/** Moves the open campaign's calendar so that today falls in `phase`. */
export async function movePhase(t: TestApp, national: string, year: number, phase: TestPhase): Promise<void> {
  const current = await request(t.http)
    .get(`/api/campaigns/${year}`)
    .set('Authorization', national)
    .expect(200);
  await request(t.http)
    .patch(`/api/campaigns/${year}`)
    .set('Authorization', national)
    .send({ version: current.body.version, dates: datesFor(phase) })
    .expect(200);
}
