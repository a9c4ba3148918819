// Browser test of the OG grid (issue 15 §1), on the demo campaign at 1280 × 800:
//
//   1. the APE of an OG with many ESMS opens its grid: one column per structure, the page keeps the
//      width of the screen and only the grid scrolls sideways (axe on the page);
//   2. it types a value and follows a link at once: the value is saved before the page changes
//      (autosave and leave guard), and is there when it comes back;
//   3. it opens an item's help: unit, bounds, the indicators using it with links to their sheets;
//   4. it types an invalid value and tries to leave: a dialog asks (axe on it); it stays, puts the
//      value back, and leaves without being asked.
//
// Standalone: node tools/e2e/og-grid.e2e.mjs --base-url http://localhost:3100
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { checkAccessibility } from './accessibility.mjs';
import { YEAR, call, runStandalone } from './campaign-helpers.mjs';

const OG_APE = 'ape.og@tdb.localhost';

/** A value the item accepts that differs from `current`. */
function otherValue(item, current) {
  const min = item.min ?? 0;
  const max = item.max ?? 1e9;
  const wanted = typeof current === 'number' ? current + 1 : min + 3;
  return wanted <= max ? wanted : min;
}

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const ape = await api.login({ email: OG_APE, password: DEMO_PASSWORD });
  const me = await call(api, 'GET', '/auth/me', ape.accessToken);
  const grant = (me.grants ?? me.account?.grants ?? []).find((g) => g.organisation.kind === 'OG');
  if (!grant) throw new Error(`${OG_APE} has no OG grant`);
  const ogFiness = grant.organisation.code;
  const dictionary = await call(api, 'GET', `/campaigns/${YEAR}/dictionary`, ape.accessToken);
  const entry = await call(api, 'GET', `/campaigns/${YEAR}/organisations/${ogFiness}`, ape.accessToken);
  // The grid opens on the first domain: an integer item of it, in the first structure that may enter it.
  const applies = (item, row) => item.categories === 'ALL' || item.categories.includes(row.categoryCode);
  const row = entry.structures.find((s) => s.editableDomains.includes('CARACTERISATION'));
  if (!row) throw new Error(`no structure of ${ogFiness} open to entry`);
  const used = (item) => (dictionary.indicatorsByItem[item.code] ?? []).length > 0;
  const item = dictionary.items.find(
    (i) => !i.ogLevel && i.domain === 'CARACTERISATION' && i.type === 'integer' && applies(i, row) && used(i),
  );
  if (!item) throw new Error('no integer item of the first domain read by an indicator');
  const original = row.values[item.code] ?? null;
  const typed = otherValue(item, original);
  const gridUrl = `${base}/campagnes/${YEAR}/organisations/${ogFiness}`;

  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const seen = watch(page);
  try {
    await signIn(page, base, { email: OG_APE, password: DEMO_PASSWORD });
    await page.goto(gridUrl, { waitUntil: 'domcontentloaded' });
    const grid = page.getByRole('region', { name: /une colonne par structure/ });
    await grid.waitFor();
    const widths = await page.evaluate(() => {
      const region = globalThis.document.querySelector('.tdb-og-grid');
      return {
        page: globalThis.document.documentElement.scrollWidth,
        gridScroll: region?.scrollWidth ?? 0,
        gridVisible: region?.clientWidth ?? 0,
      };
    });
    if (widths.page > 1280) throw new Error(`the grid page is ${widths.page} px wide at 1280 px`);
    if (entry.structures.length > 5 && widths.gridScroll <= widths.gridVisible) {
      throw new Error(
        `${entry.structures.length} structures and the grid does not scroll: ${JSON.stringify(widths)}`,
      );
    }
    await checkAccessibility(page, 'the OG grid');
    await screenshot(page, 'og-grid-1280');

    // 2. Typed, then a link followed at once: saved before leaving, there when coming back.
    const label = `${item.label} – ${row.name}`;
    const cell = page.getByRole('textbox', { name: label, exact: true });
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith(`/submissions/${row.finess}/values`),
    );
    await cell.fill(String(typed));
    await page.getByRole('link', { name: `Saisies ${YEAR}` }).click();
    const answer = await saved;
    if (!answer.ok()) throw new Error(`the grid's save answered ${answer.status()}`);
    await page.waitForURL(`${base}/campagnes/${YEAR}/saisies**`);
    await page.goto(gridUrl, { waitUntil: 'domcontentloaded' });
    const back = await page.getByRole('textbox', { name: label, exact: true }).inputValue();
    if (back !== String(typed)) throw new Error(`came back to « ${back} » instead of « ${typed} »`);

    // 3. The item's help.
    await page.getByRole('button', { name: `Aide sur « ${item.label} »` }).click();
    const sheet = page.locator('.tdb-item-help__panel a[href^="/indicateurs/"]').first();
    await sheet.waitFor();
    await screenshot(page, 'og-grid-help');

    // 4. An invalid value: asked before leaving; stays, puts the value back, leaves freely.
    await cell.fill('beaucoup');
    await page.getByText('La valeur doit être un nombre.').first().waitFor();
    await page.getByRole('link', { name: `Saisies ${YEAR}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Des modifications ne sont pas enregistrées' });
    await dialog.waitFor();
    await checkAccessibility(page, 'the OG grid leave dialog');
    await screenshot(page, 'og-grid-leave-dialog');
    await dialog.getByRole('button', { name: 'Rester sur la page' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await cell.fill(String(typed));
    await page.getByRole('link', { name: `Saisies ${YEAR}` }).click();
    await page.waitForURL(`${base}/campagnes/${YEAR}/saisies**`);

    if (seen.pageErrors.length > 0) throw new Error(`page errors: ${seen.pageErrors.join(' | ')}`);
  } catch (error) {
    const file = await screenshot(page, 'og-grid-failure');
    throw new Error(`${error instanceof Error ? error.message : String(error)} (screenshot: ${file})`, {
      cause: error,
    });
  } finally {
    await context.close();
    // The demo data as it was.
    const now = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${row.finess}`, ape.accessToken);
    await call(api, 'PUT', `/campaigns/${YEAR}/submissions/${row.finess}/values`, ape.accessToken, {
      version: now.version,
      values: { [item.code]: original },
    });
  }
  return `OG grid: ${entry.structures.length} structures, « ${item.label} » saved on leaving, help and leave dialog checked`;
}

await runStandalone(import.meta.url, run);
