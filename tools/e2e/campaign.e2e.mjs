// Browser test of the campaign loop between a structure and its Département, on the demo campaign
// (apps: tools/scripts/seed-demo-campaigns.ts opens 2026 for collection today):
//
//   1. the APE of a foyer (EANM, competence of the Département only) signs in, opens its form, follows
//      the « reste à faire » link of the last required value to its focused field, types
//      a wrong value in a required field and sees the French error, fixes it (autosaved), validates;
//   2. the national administrator moves the calendar into the fiabilisation (API);
//   3. the Département's controller signs in, opens the submission and invalidates it with a reason;
//   4. the structure sees the reason at the top with « Valider la saisie » offered at once, corrects a
//      value and validates again;
//   5. the controller confirms; the structure's page shows « Confirmé ».
//
// To keep the browser part on what a user does, the rest of the form is filled beforehand through the
// API with last year's values (as « Reprendre la valeur N-1 » would).
//
// Standalone: node tools/e2e/campaign.e2e.mjs --base-url http://localhost:3100
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { checkAccessibility } from './accessibility.mjs';
import { YEAR, calendar, call, esmsOf, moveCalendar, runStandalone } from './campaign-helpers.mjs';

const FOYER_APE = 'ape.foyer@tdb.localhost';
const CD_CONTROLLER = 'controleur.cd@tdb.localhost';
const ADMIN = 'admin@tdb.localhost';
const OG_APE = 'ape.og@tdb.localhost';

/** A value every item accepts (last year's when it is valid), for items the test does not type. */
function fallbackValue(item, previous) {
  if (previous !== undefined && previous !== null) return previous;
  switch (item.type) {
    case 'boolean':
      return true;
    case 'choice':
      return item.choices?.[0]?.code ?? null;
    case 'date':
      return '2024-06-01';
    case 'text':
      return 'Sans objet';
    case 'percentage':
      return Math.max(item.min ?? 0, Math.min(item.max ?? 100, 10));
    default:
      return Math.max(item.min ?? 0, Math.min(item.max ?? 1e9, 1));
  }
}

/** Fills every applicable item of the structure except `keepEmpty`, through the API. */
async function prepareSubmission(api, token, finess, dictionary) {
  const detail = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, token);
  const applicable = dictionary.items.filter(
    (i) => !i.ogLevel && (i.categories === 'ALL' || i.categories.includes(detail.categoryCode)),
  );
  const required = applicable.find(
    (i) => i.type === 'integer' && (i.requiredIn === 'ALL' || i.requiredIn.includes(detail.categoryCode)),
  );
  if (!required) throw new Error(`no required integer item for ${detail.categoryCode}`);
  const values = {};
  for (const item of applicable) {
    if (item.code === required.code) values[item.code] = null;
    else if (detail.values[item.code] === undefined) {
      values[item.code] = fallbackValue(item, detail.previousValues[item.code]);
    }
  }
  const saved = await call(api, 'PUT', `/campaigns/${YEAR}/submissions/${finess}/values`, token, {
    version: detail.version,
    values,
  });
  // Values the demo generator planted out of bounds are blocking: replace them too.
  const blocking = saved.issues.filter((i) => i.blocking && i.itemCode !== required.code);
  const fixes = {};
  const ogFixes = {};
  for (const issue of blocking) {
    const item = dictionary.items.find((i) => i.code === issue.itemCode);
    if (!item) continue;
    if (item.ogLevel) ogFixes[item.code] = fallbackValue(item, undefined);
    else fixes[item.code] = fallbackValue(item, undefined);
  }
  if (Object.keys(fixes).length > 0) {
    await call(api, 'PUT', `/campaigns/${YEAR}/submissions/${finess}/values`, token, {
      version: saved.version,
      values: fixes,
    });
  }
  // OG-level items are entered by the OG's APE (the demo OG APE when it is this OG), else by the ESMS.
  if (Object.keys(ogFixes).length > 0) {
    let ogToken = token;
    if (!saved.canEditOgItems) {
      const og = await api.login({ email: OG_APE, password: DEMO_PASSWORD });
      ogToken = og.accessToken;
    }
    const ogEntry = await call(api, 'GET', `/campaigns/${YEAR}/organisations/${saved.ogFiness}`, ogToken);
    await call(api, 'PUT', `/campaigns/${YEAR}/organisations/${saved.ogFiness}/values`, ogToken, {
      version: ogEntry.version,
      values: ogFixes,
    });
  }
  return { required, category: detail.categoryCode };
}

/** Clicks an action button and fails with the page's refusal message when the API refuses it. */
async function act(page, name) {
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes('/transitions'),
  );
  await page.getByRole('button', { name, exact: true }).click();
  const response = await answered;
  if (!response.ok()) {
    const body = await response.json().catch(() => ({}));
    throw new Error(
      `« ${name} » refused (${response.status()}): ${body.message ?? ''} ${JSON.stringify(body.errors ?? [])}`,
    );
  }
}

/** The status badge of the submission's header (not the same words elsewhere on the page). */
async function statusBadge(page, label) {
  await page.locator('.fr-badge', { hasText: label }).first().waitFor();
}

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const api = apiClient(base);
  const admin = await api.login({ email: ADMIN, password: DEMO_PASSWORD });
  const ape = await api.login({ email: FOYER_APE, password: DEMO_PASSWORD });
  const finess = await esmsOf(api, ape.accessToken, FOYER_APE);
  const dictionary = await call(api, 'GET', `/campaigns/${YEAR}/dictionary`, ape.accessToken);
  const { required } = await prepareSubmission(api, ape.accessToken, finess, dictionary);
  const formUrl = `${base}/campagnes/${YEAR}/structures/${finess}?domaine=${required.domain}`;

  const contexts = [];
  let page;
  let step = 'start';
  try {
    // 1. The structure fills the last required value: wrong first, then right, then validates.
    step = 'structure fills and validates';
    const structureContext = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(structureContext);
    page = await structureContext.newPage();
    const seen = watch(page);
    await signIn(page, base, { email: FOYER_APE, password: DEMO_PASSWORD });
    // « Ce qui reste à faire » links to the field: the domain changes, the field is scrolled to and focused.
    await page.goto(`${base}/campagnes/${YEAR}/structures/${finess}`);
    const todo = page.getByRole('region', { name: 'Ce qui reste à faire' });
    await todo.getByRole('link', { name: required.label, exact: true }).first().click();
    const field = page.locator(`#donnee-${required.code}`);
    await field.waitFor();
    await page.waitForFunction(
      (id) => globalThis.document.activeElement?.id === id,
      `donnee-${required.code}`,
    );
    if (
      !(await field.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= globalThis.innerHeight;
      }))
    ) {
      throw new Error('the field reached from « Ce qui reste à faire » is not in view');
    }
    await page
      .getByText(/requis pour valider/)
      .first()
      .waitFor();
    await checkAccessibility(page, 'the entry form (structure)');
    await field.fill('douze');
    await field.blur();
    await page.getByText('La valeur doit être un nombre.').first().waitFor();
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().includes(`/submissions/${finess}/values`) && r.ok(),
    );
    await field.fill('12');
    await field.blur();
    await saved;
    await page
      .getByText(/Enregistré à/)
      .first()
      .waitFor();
    await act(page, 'Valider la saisie');
    await statusBadge(page, 'Validé par la structure');

    // 2. The calendar moves into the fiabilisation (national administrator, API).
    step = 'national moves the calendar';
    await moveCalendar(api, admin.accessToken, calendar(60, -9));

    // 3. The Département's controller invalidates with a reason.
    step = 'Département invalidates';
    const cdContext = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(cdContext);
    const cdPage = await cdContext.newPage();
    watch(cdPage);
    await signIn(cdPage, base, { email: CD_CONTROLLER, password: DEMO_PASSWORD });
    await cdPage.goto(`${base}/campagnes/${YEAR}/structures/${finess}`);
    await statusBadge(cdPage, 'Validé par la structure');
    await cdPage.getByRole('button', { name: 'Invalider', exact: true }).click();
    const reason = `Le nombre saisi pour « ${required.label} » est à vérifier (test ${Date.now()}).`;
    await cdPage.getByLabel("Motif de l'invalidation (obligatoire)").fill(reason);
    await act(cdPage, "Confirmer l'invalidation");
    await statusBadge(cdPage, 'Invalidé');

    // 4. The structure reads the reason, corrects and validates again.
    step = 'structure corrects and revalidates';
    await page.goto(formUrl);
    await statusBadge(page, 'Invalidé');
    // The reason at the top, and the validation offered at once (nothing blocks).
    const notice = page.locator('.fr-alert', {
      has: page.getByRole('heading', { name: 'Saisie à corriger' }),
    });
    await notice.getByText(reason).waitFor();
    await page.getByRole('button', { name: 'Valider la saisie', exact: true }).waitFor();
    await checkAccessibility(page, 'the sent-back entry form');
    const corrected = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().includes(`/submissions/${finess}/values`) && r.ok(),
    );
    await field.fill('14');
    await field.blur();
    await corrected;
    await act(page, 'Valider la saisie');
    await statusBadge(page, 'Validé par la structure');

    // 5. The Département confirms.
    step = 'Département confirms';
    await cdPage.reload();
    await statusBadge(cdPage, 'Validé par la structure');
    await act(cdPage, 'Confirmer');
    await statusBadge(cdPage, 'Confirmé');
    await page.reload();
    await statusBadge(page, 'Confirmé');
    const final = await call(api, 'GET', `/campaigns/${YEAR}/submissions/${finess}`, admin.accessToken);
    if (final.status !== 'CONFIRMED' || final.values[required.code] !== 14) {
      throw new Error(
        `unexpected final state: ${final.status}, ${required.code} = ${final.values[required.code]}`,
      );
    }
    if (seen.pageErrors.length > 0) throw new Error(`JavaScript errors: ${seen.pageErrors.join(' / ')}`);
    return { finess };
  } catch (error) {
    const shot = page ? await screenshot(page, 'campaign') : '(no page)';
    throw new Error(
      `campaign e2e failed at "${step}": ${error instanceof Error ? error.message : error} (${shot})`,
      { cause: error },
    );
  } finally {
    for (const context of contexts) await context.close();
  }
}

await runStandalone(import.meta.url, run);
