// Browser test of the indicators: the APE of the demo EHPAD enters its activity (realised days,
// authorised places, opening days), opens "Indicateurs", reads its occupancy rate — the figure the
// formula gives — and opens the indicator's sheet; then, signed out, the same sheet is in the public
// Guide des indicateurs.
//
// Standalone: node tools/e2e/indicators.e2e.mjs --base-url http://localhost:3100
import { checkAccessibility } from './accessibility.mjs';
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { YEAR, calendar, call, esmsOf, moveCalendar, runStandalone } from './campaign-helpers.mjs';

const EHPAD_APE = 'ape.ehpad@tdb.localhost';
const ADMIN = 'admin@tdb.localhost';
const OCCUPANCY = "Taux d'occupation des lits ou places autorisés en accompagnement permanent";

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const admin = await api.login({ email: ADMIN, password: DEMO_PASSWORD });
  // Another browser test may have moved the calendar: the collection is open again for this one.
  await moveCalendar(api, admin.accessToken, calendar(30, 22));
  const ape = await api.login({ email: EHPAD_APE, password: DEMO_PASSWORD });
  const finess = await esmsOf(api, ape.accessToken, EHPAD_APE);
  const detail = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, ape.accessToken);
  if (!['NOT_STARTED', 'IN_PROGRESS', 'INVALIDATED'].includes(detail.status)) {
    throw new Error(`the demo EHPAD is ${detail.status}: it cannot be entered`);
  }
  // 80 authorised places open 365 days, 27,740 days realised: 27,740 / 29,200 = 95.0 %.
  const activity = {
    journees_realisees_hebergement_permanent: 27740,
    journees_realisees_internat: null,
    journees_realisees_semi_internat: null,
    journees_realisees_externat: null,
    journees_realisees_autre_1: null,
    journees_realisees_autre_2: null,
    journees_realisees_autre_3: null,
    lits_places_autorises_permanent: 80,
    jours_ouverture: 365,
  };
  const dictionary = await call(api, 'GET', `/campaigns/${YEAR}/dictionary`, ape.accessToken);
  const applies = (code) => {
    const item = dictionary.items.find((i) => i.code === code);
    return item && (item.categories === 'ALL' || item.categories.includes(detail.categoryCode));
  };
  const applicable = Object.fromEntries(Object.entries(activity).filter(([code]) => applies(code)));
  await call(api, 'PUT', `/campaigns/${YEAR}/submissions/${finess}/values`, ape.accessToken, {
    version: detail.version,
    values: applicable,
  });

  const contexts = [];
  let page;
  let step = 'start';
  try {
    step = 'EHPAD user reads its occupancy rate';
    const context = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(context);
    page = await context.newPage();
    const seen = watch(page);
    await signIn(page, base, { email: EHPAD_APE, password: DEMO_PASSWORD });
    await page.goto(`${base}/campagnes/${YEAR}/structures/${finess}`);
    await page.getByRole('link', { name: 'Indicateurs', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Indicateurs/ }).waitFor();
    await checkAccessibility(page, 'a structure’s indicators');
    const sheetButton = page.getByRole('button', { name: OCCUPANCY });
    await sheetButton.waitFor();
    const row = page.getByRole('row').filter({ has: sheetButton });
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    if (!/95,0\s?%/.test(rowText)) throw new Error(`occupancy row reads "${rowText}", expected 95,0 %`);

    step = 'EHPAD user opens the sheet';
    await sheetButton.click();
    const panel = page.getByRole('dialog', { name: OCCUPANCY });
    await panel.waitFor();
    await panel.getByText(/Part des journées possibles/).waitFor();
    await panel
      .getByText(/provisoire/i)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });

    step = 'anyone reads the sheet in the public guide';
    const anonymous = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(anonymous);
    const guide = await anonymous.newPage();
    await guide.goto(`${base}/indicateurs?q=occupation`);
    await guide.getByRole('heading', { level: 1, name: 'Guide des indicateurs' }).waitFor();
    await checkAccessibility(guide, 'the indicators guide');
    await guide.getByText(OCCUPANCY).first().waitFor();
    if (seen.pageErrors.length > 0) throw new Error(`JavaScript errors: ${seen.pageErrors.join(' / ')}`);
    return { finess };
  } catch (error) {
    const shot = page ? await screenshot(page, 'indicators') : '(no page)';
    throw new Error(
      `indicators e2e failed at "${step}": ${error instanceof Error ? error.message : error} (${shot})`,
      { cause: error },
    );
  } finally {
    for (const context of contexts) await context.close();
  }
}

await runStandalone(import.meta.url, run);
