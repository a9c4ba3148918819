// Browser test of « Mes étapes » (issue 15 §4): for an APR of the ARS, the Département's
// controller, the APE of the demo EHPAD and its RH user, the home page lists the steps the API
// gives for the current phase (whatever phase the earlier specs left the calendar in), their counts
// agree with the pages they link to (follow-up totals, atypia table, list of submissions and its
// « à traiter » filter), and each
// link opens the page it names; axe runs on each home page.
//
// Standalone: node tools/e2e/guide.e2e.mjs --base-url http://localhost:3100
import { checkAccessibility } from './accessibility.mjs';
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { YEAR, call, runStandalone } from './campaign-helpers.mjs';

const ACCOUNTS = ['apr.ars', 'controleur.cd', 'ape.ehpad', 'saisie.rh'].map((n) => `${n}@tdb.localhost`);

/** The number in front of a progress sentence: « 12 saisies… » → 12; « Aucune… » → 0. */
const leading = (text) => Number(/^(\d+)/.exec(text ?? '')?.[1] ?? 0);

/** Checks a step's count against the page it links to, read through the API as the same person. */
async function checkCount(api, token, step) {
  if (!step.progress) return;
  const fail = (what, expected) => {
    throw new Error(`${step.id}: « ${step.progress} » but ${what} says ${expected}`);
  };
  if (/ont validé|a validé/.test(step.progress)) {
    const [, done, total] = /^(\d+) structures? sur (\d+)/.exec(step.progress) ?? [];
    const followUp = await call(api, 'GET', `/campaigns/${YEAR}/follow-up`, token);
    const validated = followUp.totals.VALIDATED + followUp.totals.CONFIRMED;
    if (Number(done) !== validated || Number(total) !== followUp.total)
      fail('the follow-up', `${validated} / ${followUp.total}`);
  }
  if (step.link?.page === 'atypia') {
    const status = step.link.query.status;
    const table = await call(api, 'GET', `/campaigns/${YEAR}/atypia?status=${status}&pageSize=1`, token);
    if (leading(step.progress) !== table.total) fail(`the atypia table (${status})`, table.total);
  }
  if (step.link?.page === 'submissions' && step.link.query?.work) {
    // « À traiter » lists exactly what the step counts (same condition in the API).
    const list = await call(
      api,
      'GET',
      `/campaigns/${YEAR}/submissions?work=${step.link.query.work}&pageSize=1`,
      token,
    );
    if (leading(step.progress) !== list.total)
      fail(`the list « à traiter » (${step.link.query.work})`, list.total);
  }
  if (step.id === 'structure.answer-flags') {
    const table = await call(api, 'GET', `/campaigns/${YEAR}/submissions?pageSize=100`, token);
    const flags = await Promise.all(
      table.items.map((s) => call(api, 'GET', `/campaigns/${YEAR}/submissions/${s.finess}`, token)),
    );
    const open = flags
      .flatMap((d) => d.flags ?? [])
      .filter((f) => f.status === 'OPEN' || f.status === 'TO_CORRECT').length;
    if (leading(step.progress) !== open) fail('the submissions’ flags', open);
  }
}

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const walked = [];
  for (const email of ACCOUNTS) {
    const { accessToken } = await api.login({ email, password: DEMO_PASSWORD });
    const mine = await call(api, 'GET', `/campaigns/${YEAR}/my-steps`, accessToken);
    const steps = mine.blocks.flatMap((b) => b.steps);
    if (steps.length === 0) throw new Error(`${email}: no step in phase ${mine.phase}`);
    for (const step of steps) await checkCount(api, accessToken, step);

    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const seen = watch(page);
    let where = `${email}: home`;
    try {
      await signIn(page, base, { email, password: DEMO_PASSWORD });
      await page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
      const panel = page.locator('section[aria-labelledby="mes-etapes"]');
      await panel.getByRole('heading', { name: 'Mes étapes' }).waitFor();
      await panel.getByRole('listitem').first().waitFor();
      const titles = await panel.locator('li strong').allInnerTexts();
      const expected = steps.map((s) => s.title);
      if (JSON.stringify(titles) !== JSON.stringify(expected))
        throw new Error(`steps shown ${JSON.stringify(titles)}, API ${JSON.stringify(expected)}`);
      for (const step of steps.filter((s) => s.progress))
        await panel.getByText(step.progress).first().waitFor();
      await checkAccessibility(page, `home of ${email}`);

      // Each distinct link opens its page (SPA navigation, then back home).
      const links = panel.getByRole('link');
      const labels = [...new Set(await links.allInnerTexts())];
      for (const label of labels) {
        where = `${email}: link « ${label} »`;
        const link = panel.getByRole('link', { name: label, exact: true }).first();
        const href = await link.getAttribute('href');
        await link.click();
        await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
        await page.locator('main h1').first().waitFor();
        await page.goBack();
        await panel.getByRole('listitem').first().waitFor();
      }
      if (seen.pageErrors.length > 0) throw new Error(`page errors: ${seen.pageErrors.join(' | ')}`);
      walked.push(`${email.split('@')[0]} (${mine.phase}, ${steps.length} steps, ${labels.length} links)`);
    } catch (error) {
      const shot = await screenshot(page, 'guide');
      throw new Error(
        `${where}: ${error instanceof Error ? error.message : String(error)} — failed API calls: ${seen.failedApiCalls.join(', ') || 'none'} — screenshot ${shot}`,
        { cause: error },
      );
    } finally {
      await context.close();
    }
  }
  return `Mes étapes: ${walked.join('; ')}`;
}

await runStandalone(import.meta.url, run);
