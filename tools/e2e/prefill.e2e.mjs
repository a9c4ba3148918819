// Browser test of « saisir une seule fois » (issue 17 §3) on the demo campaign: the demo region's
// FINESS equipment extract is imported before the campaign is seeded (tools/scripts/e2e.mjs, like
// npm start), so the demo EHPAD's capacities come from FINESS.
//
//   1. the APE of the EHPAD signs in and opens the « Caractérisation » domain of its form;
//   2. a capacity still holding FINESS's value (checked through the API; earlier journeys may have
//      typed over others) shows « Issu de FINESS au 15/01/2026 » next to it;
//   3. the page passes axe (WCAG 2.1 AA).
//
// Standalone: node tools/e2e/prefill.e2e.mjs --base-url http://localhost:3100
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { checkAccessibility } from './accessibility.mjs';
import { YEAR, call, esmsOf, runStandalone } from './campaign-helpers.mjs';

const EHPAD_APE = 'ape.ehpad@tdb.localhost';

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const ape = await api.login({ email: EHPAD_APE, password: DEMO_PASSWORD });
  const finess = await esmsOf(api, ape.accessToken, EHPAD_APE);
  const detail = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, ape.accessToken);
  // Earlier journeys may have typed over some capacities (the OG grid): take one still from FINESS.
  const register = detail.registerValues.find(
    (r) =>
      r.prefilledValue !== null &&
      detail.values[r.itemCode] === r.prefilledValue &&
      r.value === r.prefilledValue,
  );
  if (!register) {
    throw new Error(
      `no capacity of ${finess} still holds its FINESS value: was the equipment extract imported?`,
    );
  }
  const ITEM = register.itemCode;
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
    // A capacity the structure typed over shows FINESS's for comparison, and the coherence warning.
    const edited = detail.registerValues.find(
      (r) => typeof detail.values[r.itemCode] === 'number' && detail.values[r.itemCode] !== r.value,
    );
    if (edited) {
      const editedBlock = page.locator('.tdb-item', { has: page.locator(`#donnee-${edited.itemCode}`) });
      await editedBlock.getByText(`FINESS au ${d}/${m}/${y} : ${edited.value}`, { exact: true }).waitFor();
      await editedBlock.getByText(/Écart avec FINESS au/).waitFor();
    }
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
