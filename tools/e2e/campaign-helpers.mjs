// Shared by the campaign browser tests: API calls that must succeed, calendar shifts, and the
// standalone runner (node tools/e2e/<spec>.e2e.mjs --base-url http://localhost:3100).
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './structures.e2e.mjs';

export const YEAR = 2026;

/** An ISO date `days` after `iso`. */
export function shift(iso, days) {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A campaign calendar around today, with today `offset` days after the collection opened. */
export function calendar(collectionDays, fiabilisationStartOffset) {
  const today = new Date().toISOString().slice(0, 10);
  const start = -collectionDays;
  return {
    launch: shift(today, start - 45),
    accountsSetup: shift(today, start - 20),
    collectionStart: shift(today, start),
    collectionEnd: shift(today, fiabilisationStartOffset - 1),
    fiabilisationStart: shift(today, fiabilisationStartOffset),
    fiabilisationEnd: shift(today, fiabilisationStartOffset + 60),
    restitutionStart: shift(today, fiabilisationStartOffset + 61),
  };
}

/** Calls the API and throws with its French message on an error answer. */
export async function call(api, method, path, token, body) {
  const answer = await api.call(method, path, { token, body });
  if (answer.status >= 400) {
    throw new Error(
      `${method} /api${path} answered ${answer.status}: ${answer.body?.message ?? answer.text}`,
    );
  }
  return answer.body;
}

/** Moves the demo campaign's calendar (national administrator). */
export async function moveCalendar(api, adminToken, dates) {
  const campaign = await call(api, 'GET', `/campaigns/${YEAR}`, adminToken);
  await call(api, 'PATCH', `/campaigns/${YEAR}`, adminToken, { version: campaign.version, dates });
}

/** The FINESS of the ESMS a demo account is APE of. */
export async function esmsOf(api, token, email) {
  const me = await call(api, 'GET', '/auth/me', token);
  const grant = (me.grants ?? me.account?.grants ?? []).find((g) => g.organisation.kind === 'ESMS');
  if (!grant) throw new Error(`${email} has no ESMS grant`);
  return grant.organisation.code;
}

/** Runs `run` alone when the spec file is the program (`import.meta.url` of the spec). */
export async function runStandalone(specUrl, run) {
  if (process.argv[1] !== fileURLToPath(specUrl)) return;
  const index = process.argv.indexOf('--base-url');
  const baseUrl = index >= 0 ? process.argv[index + 1] : 'http://localhost:3000';
  const browser = await launchBrowser();
  try {
    console.log(await run({ baseUrl, browser }));
  } finally {
    await browser.close();
  }
}
