// Browser test of the restitution: the APE of the demo EHPAD enters its activity (95 % occupancy)
// during the collection and finds its own provisional value, without comparison until the
// restitution opens (ADR 0013); the calendar is then moved into the restitution phase and the
// campaign's distributions recomputed (national administrator, as the job does): it compares its
// occupancy rate with the EHPAD of its region (decile band), and downloads the PDF; the
// Département's controller opens the map of medians.
//
// Standalone: node tools/e2e/restitution.e2e.mjs --base-url http://localhost:3100
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { YEAR, calendar, call, esmsOf, moveCalendar, runStandalone } from './campaign-helpers.mjs';

const EHPAD_APE = 'ape.ehpad@tdb.localhost';
const CD_CONTROLLER = 'controleur.cd@tdb.localhost';
const ADMIN = 'admin@tdb.localhost';
const OCCUPANCY = 'P15';

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const admin = await api.login({ email: ADMIN, password: DEMO_PASSWORD });
  await moveCalendar(api, admin.accessToken, calendar(30, 22));
  const ape = await api.login({ email: EHPAD_APE, password: DEMO_PASSWORD });
  const finess = await esmsOf(api, ape.accessToken, EHPAD_APE);
  const detail = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, ape.accessToken);
  await call(api, 'PUT', `/campaigns/${YEAR}/submissions/${finess}/values`, ape.accessToken, {
    version: detail.version,
    values: {
      journees_realisees_hebergement_permanent: 27740,
      lits_places_autorises_permanent: 80,
      jours_ouverture: 365,
    },
  });

  const contexts = [];
  let page;
  let step = 'start';
  try {
    step = 'EHPAD user opens its restitution';
    const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
    contexts.push(context);
    page = await context.newPage();
    const seen = watch(page);
    await signIn(page, base, { email: EHPAD_APE, password: DEMO_PASSWORD });
    await page.goto(`${base}/campagnes/${YEAR}/structures/${finess}`);
    await page.getByRole('link', { name: 'Restitution', exact: true }).first().click();
    const card = page.locator(`article[aria-labelledby="restitution-${OCCUPANCY}"]`);
    await card.waitFor();

    step = 'EHPAD user finds its own provisional value, no comparison before the restitution';
    await page.getByText(/seront disponibles à partir du .*, après la fiabilisation/).waitFor();
    const own = (await card.innerText()).replace(/\s+/g, ' ');
    if (!/Valeur provisoire de la structure : 95,0\s?%/.test(own) || /décile/i.test(own)) {
      throw new Error(`before the restitution the occupancy card reads "${own}"`);
    }
    if ((await card.getByRole('radio').count()) > 0) throw new Error('peers offered before the restitution');

    step = 'EHPAD user reads its place among the EHPAD of its region, once the restitution is open';
    await moveCalendar(api, admin.accessToken, calendar(120, -80));
    await call(api, 'POST', `/campaigns/${YEAR}/distributions/recompute`, admin.accessToken);
    await page.reload();
    await card.waitFor();
    const region = card.getByRole('radio', { name: /^Région/ });
    await card.locator(`label[for="${await region.getAttribute('id')}"]`).click();
    const caption = card.locator('figcaption');
    await caption.waitFor();
    const text = (await caption.innerText()).replace(/\s+/g, ' ');
    if (!/95,0\s?%/.test(text) || !/décile \(région\)/.test(text)) {
      throw new Error(`the occupancy band reads "${text}"`);
    }

    step = 'EHPAD user downloads the PDF';
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /^Télécharger le rapport \(PDF\)/ }).click();
    const file = await download;
    if (!file.suggestedFilename().endsWith('.pdf')) throw new Error(`downloaded ${file.suggestedFilename()}`);

    step = 'Département controller opens the map';
    const cdContext = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(cdContext);
    const cdPage = await cdContext.newPage();
    watch(cdPage);
    await signIn(cdPage, base, { email: CD_CONTROLLER, password: DEMO_PASSWORD });
    await cdPage.goto(`${base}/campagnes/${YEAR}/restitution?vue=carte`);
    await cdPage.getByRole('heading', { name: 'Carte des médianes par département' }).waitFor();
    await cdPage.getByLabel('Catégorie').selectOption('EHPAD');
    await cdPage.getByLabel('Indicateur').selectOption(OCCUPANCY);
    const map = cdPage.getByRole('img', { name: /Carte des départements/ });
    await map.waitFor();
    const filled = await cdPage.locator('[data-code]').count();
    if (filled < 90) throw new Error(`the map draws ${filled} departments`);
    if (seen.pageErrors.length > 0) throw new Error(`JavaScript errors: ${seen.pageErrors.join(' / ')}`);
    return { finess };
  } catch (error) {
    const shot = page ? await screenshot(page, 'restitution') : '(no page)';
    throw new Error(
      `restitution e2e failed at "${step}": ${error instanceof Error ? error.message : error} (${shot})`,
      { cause: error },
    );
  } finally {
    for (const context of contexts) await context.close();
  }
}

await runStandalone(import.meta.url, run);
