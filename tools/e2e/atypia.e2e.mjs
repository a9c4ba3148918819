// Browser test of the atypia review: the demo EHPAD (shared competence, in the demo Département)
// enters two incoherent capacities (installed > authorised) and justifies one through the API;
// then the Département's controller opens the atypia table, filters on its department, opens the
// justified flag, reads the justification and accepts the value; it sends the other flag back for
// correction, and the structure sees « À corriger » on its form.
//
// Standalone: node tools/e2e/atypia.e2e.mjs --base-url http://localhost:3100
import { checkAccessibility } from './accessibility.mjs';
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { YEAR, calendar, call, esmsOf, moveCalendar, runStandalone } from './campaign-helpers.mjs';

const EHPAD_APE = 'ape.ehpad@tdb.localhost';
const CD_CONTROLLER = 'controleur.cd@tdb.localhost';
const ADMIN = 'admin@tdb.localhost';

/** Clicks a decision button (and its confirmation when the page asks for one); fails if refused. */
async function decide(page, name) {
  const answered = page.waitForResponse((r) => r.url().includes('/atypia/decisions'));
  await page.getByRole('button', { name, exact: true }).click();
  const confirm = page.getByRole('button', { name: 'Confirmer la décision' });
  // Either the page asks for a confirmation or the decision is sent at once: whichever comes first
  // (a fixed wait for the dialog would fail on a busy machine where it shows up late).
  const asked = await Promise.race([
    confirm.waitFor({ state: 'visible' }).then(
      () => true,
      () => false,
    ),
    answered.then(() => false),
  ]);
  if (asked) await confirm.click();
  const response = await answered;
  if (!response.ok()) throw new Error(`« ${name} » refused (${response.status()})`);
}

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const admin = await api.login({ email: ADMIN, password: DEMO_PASSWORD });
  await moveCalendar(api, admin.accessToken, calendar(30, 22));
  const ape = await api.login({ email: EHPAD_APE, password: DEMO_PASSWORD });
  const finess = await esmsOf(api, ape.accessToken, EHPAD_APE);
  const detail = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, ape.accessToken);
  const saved = await call(api, 'PUT', `/campaigns/${YEAR}/submissions/${finess}/values`, ape.accessToken, {
    version: detail.version,
    values: {
      lits_places_installes_permanent: 96,
      lits_places_autorises_permanent: 90,
      lits_places_installes_temporaire: 6,
      lits_places_autorises_temporaire: 4,
    },
  });
  const permanent = saved.flags.find((f) => f.ruleCode === 'ATC01');
  const temporary = saved.flags.find((f) => f.ruleCode === 'ATC02');
  if (!permanent || !temporary) {
    throw new Error(`expected flags ATC01 and ATC02, got ${saved.flags.map((f) => f.ruleCode).join(', ')}`);
  }
  const justification = `Six lits installés en extension autorisée par arrêté du 3 mars (test ${Date.now()}).`;
  await call(api, 'POST', `/campaigns/${YEAR}/atypia/${permanent.id}/messages`, ape.accessToken, {
    body: justification,
    version: permanent.version,
  });
  const department = detail.departmentCode;

  const contexts = [];
  let page;
  let step = 'start';
  try {
    step = 'controller filters the atypia table on its department';
    const context = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(context);
    page = await context.newPage();
    const seen = watch(page);
    await signIn(page, base, { email: CD_CONTROLLER, password: DEMO_PASSWORD });
    await page.goto(`${base}/campagnes/${YEAR}/atypies`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await checkAccessibility(page, 'the atypia page');
    // A controller starts on « mes structures »: the whole scope is wanted here.
    const mine = page.getByLabel('Mes structures');
    if (await mine.isChecked().catch(() => false))
      await page.locator(`label[for="${await mine.getAttribute('id')}"]`).click();
    const filtered = page.waitForResponse((r) => r.url().includes(`department=${department}`) && r.ok());
    await page.getByLabel('Département').selectOption(department);
    await filtered;
    const row = page
      .getByRole('row')
      .filter({ hasText: permanent.ruleLabel })
      .filter({ hasText: detail.name });
    await row.first().waitFor();

    step = 'controller reads the justification and accepts';
    await row.first().getByRole('link', { name: permanent.ruleLabel }).click();
    await page.getByText(justification).waitFor();
    await page.getByLabel('Commentaire (obligatoire)').fill('Extension vérifiée : valeur acceptée.');
    await decide(page, 'Accepter la valeur');
    await page.locator('.fr-badge', { hasText: 'Accepté' }).first().waitFor();

    step = 'controller sends the other flag back for correction';
    await page.goto(`${base}/campagnes/${YEAR}/atypies/${temporary.id}`);
    await page
      .getByLabel('Commentaire (obligatoire)')
      .fill('Places temporaires installées au-delà de l’autorisation : à corriger.');
    await decide(page, 'Faire corriger');

    step = 'the structure sees the flag to correct on its form';
    const structureContext = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(structureContext);
    const structurePage = await structureContext.newPage();
    await signIn(structurePage, base, { email: EHPAD_APE, password: DEMO_PASSWORD });
    await structurePage.goto(`${base}/campagnes/${YEAR}/structures/${finess}`);
    await structurePage.getByText('Atypies détectées').first().waitFor();
    await structurePage.locator('.fr-badge', { hasText: 'À corriger' }).first().waitFor();
    const flags = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, ape.accessToken);
    const statuses = Object.fromEntries(flags.flags.map((f) => [f.ruleCode, f.status]));
    if (statuses.ATC01 !== 'ACCEPTED' || statuses.ATC02 !== 'TO_CORRECT') {
      throw new Error(`unexpected flag statuses ${JSON.stringify(statuses)}`);
    }
    if (seen.pageErrors.length > 0) throw new Error(`JavaScript errors: ${seen.pageErrors.join(' / ')}`);
    return { finess, accepted: permanent.id, toCorrect: temporary.id };
  } catch (error) {
    const shot = page ? await screenshot(page, 'atypia') : '(no page)';
    throw new Error(
      `atypia e2e failed at "${step}": ${error instanceof Error ? error.message : error} (${shot})`,
      {
        cause: error,
      },
    );
  } finally {
    for (const context of contexts) await context.close();
  }
}

await runStandalone(import.meta.url, run);
