// Browser test of the controller's work on the seeded demo, no date edited (issue 15 §2): the ARS
// controller opens the IME's submission (validated, ARS competence, collection open), sees the
// action it may take now (« Invalider ») and, for « Confirmer », the API's answer (refused with its
// reason before the fiabilisation — the fiabilisation's date — or offered once it opened),
// sends it back with a reason and reads the success message; the atypia table says how many
// structures are assigned to it. The IME then re-validates through the API, so the demo is left as
// seeded.
//
// Standalone: node tools/e2e/controller.e2e.mjs --base-url http://localhost:3430
import { checkAccessibility } from './accessibility.mjs';
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { YEAR, call, esmsOf, runStandalone } from './campaign-helpers.mjs';

const ARS_CONTROLLER = 'controleur.ars@tdb.localhost';
const IME_APE = 'ape.ime@tdb.localhost';

/** The IME validates its submission again (a save first: an invalidated entry is corrected). */
async function revalidate(api, token, finess) {
  const detail = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, token);
  if (detail.status === 'VALIDATED') return;
  const [code, value] = Object.entries(detail.values).find(([, v]) => typeof v === 'number') ?? [];
  const saved = await call(api, 'PUT', `/campaigns/${YEAR}/submissions/${finess}/values`, token, {
    version: detail.version,
    values: { [code]: value + 1 },
  });
  const back = await call(api, 'PUT', `/campaigns/${YEAR}/submissions/${finess}/values`, token, {
    version: saved.version,
    values: { [code]: value },
  });
  await call(api, 'POST', `/campaigns/${YEAR}/submissions/${finess}/transitions`, token, {
    action: 'VALIDATE',
    version: back.version,
  });
}

export async function run({ baseUrl, browser }) {
  const api = apiClient(baseUrl);
  const imeToken = (await api.login({ email: IME_APE, password: DEMO_PASSWORD })).accessToken;
  const finess = await esmsOf(api, imeToken, IME_APE);
  const controllerToken = (await api.login({ email: ARS_CONTROLLER, password: DEMO_PASSWORD })).accessToken;
  await revalidate(api, imeToken, finess);

  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  const shots = [];
  try {
    await signIn(page, baseUrl, { email: ARS_CONTROLLER, password: DEMO_PASSWORD });

    // The atypia table: the toggle says how many structures are assigned.
    await page.goto(`${baseUrl}/campagnes/${YEAR}/atypies`, { waitUntil: 'domcontentloaded' });
    const toggle = page.getByText(/^Mes structures \(\d+\)$/);
    await toggle.first().waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /signalement/ })
      .first()
      .waitFor();
    shots.push(await screenshot(page, 'controller-atypia-table'));
    await checkAccessibility(page, 'the atypia table (ARS controller)');

    // The submission: what may be done now, and why not the rest.
    await page.goto(`${baseUrl}/campagnes/${YEAR}/structures/${finess}`, { waitUntil: 'domcontentloaded' });
    const invalidate = page.getByRole('button', { name: 'Invalider', exact: true });
    await invalidate.waitFor();
    // What the API says of « Confirmer » now (the calendar may have moved into the fiabilisation
    // when other browser tests ran first): refused with its reason shown, or offered.
    const detail = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, controllerToken);
    const confirm = detail.actions.find((a) => a.action === 'CONFIRM');
    const confirmButtons = () => page.getByRole('button', { name: 'Confirmer', exact: true }).count();
    if (confirm?.allowed) {
      if ((await confirmButtons()) === 0) throw new Error('« Confirmer » is allowed but not offered');
    } else {
      if (!confirm?.reason) throw new Error('the API refuses « Confirmer » without a reason');
      await page.getByText(confirm.reason).first().waitFor();
      if ((await confirmButtons()) !== 0) {
        throw new Error('« Confirmer » is offered although the API refuses it');
      }
    }
    shots.push(await screenshot(page, 'controller-submission-actions'));
    await checkAccessibility(page, 'the submission (ARS controller)');

    await invalidate.click();
    const form = page.getByRole('form', { name: 'Invalider la saisie' });
    await form.getByRole('textbox').fill('Les effectifs au 31/12 ne correspondent pas aux ETP déclarés.');
    await form.getByRole('button', { name: "Confirmer l'invalidation" }).click();
    await page.getByText('La saisie est invalidée : la structure est invitée à la reprendre.').waitFor();
    await page.getByText(/^« Invalider » : Déjà invalidée/).waitFor();
    if ((await invalidate.count()) !== 0) throw new Error('« Invalider » is still offered once sent back');
    shots.push(await screenshot(page, 'controller-submission-sent-back'));
    await checkAccessibility(page, 'the submission sent back (ARS controller)');

    if (problems.pageErrors.length > 0)
      throw new Error(`JavaScript errors: ${problems.pageErrors.join(' / ')}`);
  } finally {
    await context.close();
    await revalidate(api, imeToken, finess);
  }
  return `controller journey passed (${finess}); screenshots:\n  ${shots.join('\n  ')}`;
}

await runStandalone(import.meta.url, run);
