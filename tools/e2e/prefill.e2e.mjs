// Browser test of « saisir une seule fois » (issue 17 §3) on the demo campaign: the demo region's
// FINESS equipment extract is imported before the campaign is seeded (tools/scripts/e2e.mjs, like
// npm start), so the demo EHPAD's capacities come from FINESS.
//
//   1. the APE of the EHPAD signs in and opens the « Caractérisation » domain of its form;
//   2. the permanent installed capacity shows « Issu de FINESS au 15/01/2026 » next to its value,
//      which is FINESS's value for the establishment (checked through the API);
//   3. the page passes axe (WCAG 2.1 AA).
//
// Standalone: node tools/e2e/prefill.e2e.mjs --base-url http://localhost:3100
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { checkAccessibility } from './accessibility.mjs';
import { YEAR, call, esmsOf, runStandalone } from './campaign-helpers.mjs';

const EHPAD_APE = 'ape.ehpad@tdb.localhost';
const ITEM = 'lits_places_installes_permanent';

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const ape = await api.login({ email: EHPAD_APE, password: DEMO_PASSWORD });
  const finess = await esmsOf(api, ape.accessToken, EHPAD_APE);
  const detail = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, ape.accessToken);
  const register = detail.registerValues.find((r) => r.itemCode === ITEM);
  if (!register)
    throw new Error(`no FINESS value for ${ITEM} of ${finess}: was the equipment extract imported?`);
  if (detail.values[ITEM] !== register.prefilledValue) {
    throw new Error(
      `${ITEM} of ${finess} is ${detail.values[ITEM]}, not FINESS's prefilled ${register.prefilledValue}`,
    );
  }
  const [y, m, d] = register.sourceDate.split('-');
  const expected = `Issu de FINESS au ${d}/${m}/${y}`;

  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    const seen = watch(page);
    await signIn(page, base, { email: EHPAD_APE, password: DEMO_PASSWORD });
    await page.goto(`${base}/campagnes/${YEAR}/structures/${finess}?domaine=CARACTERISATION`);
    const field = page.locator(`#donnee-${ITEM}`);
    await field.waitFor();
    // The note belongs to the item's block: the nearest block holding the field holds the badge.
    const block = page.locator('.tdb-item', { has: field });
    await block.getByText(expected, { exact: true }).waitFor();
    await checkAccessibility(page, 'the entry form with values from FINESS');
    if (seen.failedApiCalls?.length) throw new Error(`API errors: ${seen.failedApiCalls.join(', ')}`);
    return `${finess}: ${ITEM} = ${register.value} (« ${expected} »)`;
  } catch (error) {
    await screenshot(page, 'prefill').catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

await runStandalone(import.meta.url, run);
