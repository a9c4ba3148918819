// Browser test of a category correction between the ARS and the Département (issue 14 §4,
// ADR 0014), on the demo registry: a service of the Cher recorded as SAVS (Département only) in
// fact provides home nursing care.
//
//   1. the ARS's APR types its FINESS number in the search: not listed (Département only), the
//      empty result offers its registry record; the record says why nothing else is shown;
//   2. it corrects the category: only categories of the ARS (or shared) are offered; SSIAD, with a
//      reason; the confirmation says what followed (the campaign's data, the Département informed);
//   3. the Département's APR, informed by email, opens the record (now of the ARS alone), reads the
//      history with the reason and the consequences, and corrects it back to SAVS (its competence).
//
// Standalone: node tools/e2e/category.e2e.mjs --base-url http://localhost:3100
import { checkAccessibility } from './accessibility.mjs';
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { call, runStandalone } from './campaign-helpers.mjs';

const ADMIN = 'admin@tdb.localhost';
const ARS_APR = 'apr.ars@tdb.localhost';
const CD_APR = 'apr.cd@tdb.localhost';

/** Opens the correction form, chooses `category`, types `reason`, saves; returns the form's options. */
async function correct(page, category, reason) {
  await page.getByRole('button', { name: 'Corriger la catégorie' }).click();
  const form = page.getByRole('region', { name: 'Corriger la catégorie' });
  const select = form.getByRole('combobox', { name: 'Nouvelle catégorie' });
  const options = await select.locator('option').evaluateAll((all) => all.map((o) => o.value));
  await select.selectOption(category);
  await form.getByRole('textbox', { name: /Motif de la correction/ }).fill(reason);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().includes('/category'),
  );
  await form.getByRole('button', { name: 'Enregistrer la correction' }).click();
  const response = await answered;
  if (!response.ok()) {
    const body = await response.json().catch(() => ({}));
    throw new Error(`correction refused (${response.status()}): ${body.message ?? ''}`);
  }
  return options.filter((v) => v !== '');
}

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const admin = await api.login({ email: ADMIN, password: DEMO_PASSWORD });
  const savs = await call(
    api,
    'GET',
    '/structures?category=SAVS&department=18&pageSize=1',
    admin.accessToken,
  );
  const target = savs.items[0];
  if (!target) throw new Error('the demo registry has no SAVS in the Cher');
  const finess = target.finess;

  const contexts = [];
  let page;
  let step = 'start';
  try {
    // 1. The ARS finds the record by its FINESS number.
    step = 'ARS opens the registry record';
    const arsContext = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(arsContext);
    page = await arsContext.newPage();
    const seen = watch(page);
    await signIn(page, base, { email: ARS_APR, password: DEMO_PASSWORD });
    await page.goto(`${base}/structures?q=${finess}`);
    await page.getByText('Aucune structure ne correspond à votre recherche').waitFor();
    await checkAccessibility(page, 'the empty search of an ARS');
    await page
      .getByRole('link', { name: `ouvrir la fiche FINESS ${finess} pour en corriger la catégorie` })
      .click();
    await page.getByText(/^Cette structure relève de la compétence exclusive du Département/).waitFor();
    await checkAccessibility(page, 'the registry record');

    // 2. It corrects SAVS → SSIAD.
    step = 'ARS corrects the category';
    const reason = `Activité de soins infirmiers à domicile constatée avec le Département (test ${Date.now()}).`;
    const offered = await correct(page, 'SSIAD', reason);
    if (offered.includes('EANM') || !offered.includes('SSIAD')) {
      throw new Error(`the ARS was offered ${offered.join(', ')}`);
    }
    await page.getByText('Correction enregistrée').waitFor();
    await page
      .getByText(/informé par courriel/)
      .first()
      .waitFor();
    await checkAccessibility(page, 'the confirmed correction');
    await screenshot(page, 'category-ars-corrected');

    // 3. The Département reads it and corrects it back.
    step = 'Département reads and corrects back';
    const cdContext = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(cdContext);
    const cdPage = await cdContext.newPage();
    const cdSeen = watch(cdPage);
    page = cdPage;
    await signIn(cdPage, base, { email: CD_APR, password: DEMO_PASSWORD });
    await cdPage.goto(`${base}/structures/${finess}`);
    await cdPage.getByText(/^Cette structure relève de la compétence exclusive de l'ARS/).waitFor();
    const history = cdPage.getByRole('region', { name: 'Historique' });
    await history.getByText(reason).waitFor();
    await history.getByText(/Département 18 \(Cher\) informé par courriel/).waitFor();
    await checkAccessibility(cdPage, 'the record as the Département sees it');
    await correct(cdPage, 'SAVS', 'Retour à la catégorie SAVS après vérification commune (test).');
    await cdPage.getByText('Correction enregistrée').waitFor();
    await screenshot(cdPage, 'category-cd-corrected-back');

    const after = await call(api, 'GET', `/structures/${finess}`, admin.accessToken);
    if (after.categoryCode !== 'SAVS' || after.history[0]?.kind !== 'CATEGORY_CORRECTED') {
      throw new Error(`unexpected final record: ${after.categoryCode}`);
    }
    const errors = [...seen.pageErrors, ...cdSeen.pageErrors];
    if (errors.length > 0) throw new Error(`JavaScript errors: ${errors.join(' / ')}`);
    return { finess };
  } catch (error) {
    const shot = page ? await screenshot(page, 'category') : '(no page)';
    throw new Error(
      `category e2e failed at "${step}": ${error instanceof Error ? error.message : error} (${shot})`,
      { cause: error },
    );
  } finally {
    for (const context of contexts) await context.close();
  }
}

await runStandalone(import.meta.url, run);
