// Browser test of issue 15 §2–§3 on the seeded demo, no date edited: the ARS controller reads an
// atypia thread whose figures are in French with their unit (no raw key, no JSON) and the target's
// value now; the national administrator saves the calendar as it is and reads the success message;
// the ARS's APR downloads the territorial report (PDF) and the table (tableur) of the closed 2025
// campaign from DSFR download links that then give the file's size; the EHPAD's APE finds, on its
// structure's page, the links to its submissions and restitutions, and on the territory's
// restitution only the table (no view answering 403). Every page it changes is checked with axe.
//
// Standalone: node tools/e2e/wayfinding.e2e.mjs --base-url http://localhost:3450
import path from 'node:path';
import { checkAccessibility } from './accessibility.mjs';
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { YEAR, call, esmsOf, runStandalone } from './campaign-helpers.mjs';
import { SCREENSHOT_DIR } from './structures.e2e.mjs';

const ARS_CONTROLLER = 'controleur.ars@tdb.localhost';
const ARS_APR = 'apr.ars@tdb.localhost';
const ADMIN = 'admin@tdb.localhost';
const EHPAD_APE = 'ape.ehpad@tdb.localhost';
const CLOSED = YEAR - 1;
/** Keys the rules store with a flag: never printed as such. */
const RAW_KEYS =
  /\b(delta|ratio|gap|side|level|yearOverYear|lowerBound|upperBound|territoryCode|sufficient)\b|[{}]/;

async function newPage(browser, email, baseUrl, shots, options = {}) {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  const problems = watch(page);
  await signIn(page, baseUrl, { email, password: DEMO_PASSWORD });
  return {
    page,
    context,
    async done(label) {
      shots.push(await screenshot(page, label));
      if (problems.pageErrors.length > 0) {
        throw new Error(`JavaScript errors (${label}): ${problems.pageErrors.join(' / ')}`);
      }
    },
  };
}

/** Clicks a DSFR download link, waits for the file, and checks that the link now gives its size. */
async function download(page, name, extension) {
  const link = page.getByRole('button', { name });
  const saved = page.waitForEvent('download');
  await link.click();
  const file = await saved;
  if (!file.suggestedFilename().endsWith(extension))
    throw new Error(`downloaded ${file.suggestedFilename()}`);
  await link.getByText(/ – \d+(,\d)? (Ko|Mo)$/).waitFor();
  return file;
}

export async function run({ baseUrl, browser }) {
  const api = apiClient(baseUrl);
  const shots = [];

  // 1. The ARS controller on a flag of its scope: French figures, the value now.
  const controller = (await api.login({ email: ARS_CONTROLLER, password: DEMO_PASSWORD })).accessToken;
  const table = await call(api, 'GET', `/campaigns/${YEAR}/atypia?pageSize=50&status=ALL`, controller);
  const flag = table.items.find((f) => f.kind === 'peer_outlier') ?? table.items[0];
  if (!flag) throw new Error('no atypia flag in the ARS controller’s scope');
  const ars = await newPage(browser, ARS_CONTROLLER, baseUrl, shots);
  try {
    await ars.page.goto(`${baseUrl}/campagnes/${YEAR}/atypies/${flag.id}`, { waitUntil: 'domcontentloaded' });
    await ars.page.getByText(/^Valeur actuelle de « .+ » :/).waitFor();
    const figures = ars.page.getByRole('region', { name: 'Chiffres' });
    const text = (await figures.innerText()).replace(/\s+/g, ' ');
    if (RAW_KEYS.test(text) || text.includes(`Donnée ${flag.targetCode} `)) {
      throw new Error(`the thread's figures still show raw keys: « ${text} »`);
    }
    if (flag.kind === 'peer_outlier' && !/Comparée aux structures \d+ /.test(text)) {
      throw new Error(`the peer group is not worded: « ${text} »`);
    }
    await checkAccessibility(ars.page, 'the atypia thread (ARS controller)');
    await ars.done('wayfinding-atypia-thread');
  } finally {
    await ars.context.close();
  }

  // 2. The national administrator saves the calendar as it is: a success message.
  const admin = await newPage(browser, ADMIN, baseUrl, shots);
  try {
    await admin.page.goto(`${baseUrl}/campagnes`, { waitUntil: 'domcontentloaded' });
    const panel = admin.page.getByRole('region', { name: `Administrer la campagne ${YEAR}` });
    await panel.getByRole('button', { name: 'Modifier le calendrier et le seuil' }).click();
    await panel.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await panel.getByText(`Le calendrier et le seuil de la campagne ${YEAR} sont enregistrés.`).waitFor();
    await checkAccessibility(admin.page, 'the campaigns after saving the calendar (national administrator)');
    await admin.done('wayfinding-calendar-saved');
  } finally {
    await admin.context.close();
  }

  // 3. The ARS's APR downloads the territorial report and the table of the closed campaign.
  const apr = await newPage(browser, ARS_APR, baseUrl, shots, { acceptDownloads: true });
  try {
    await apr.page.goto(`${baseUrl}/campagnes/${CLOSED}/restitution?vue=rapport`, {
      waitUntil: 'domcontentloaded',
    });
    const pdf = await download(apr.page, /^Télécharger le rapport \(PDF\)/, '.pdf');
    await pdf.saveAs(path.join(SCREENSHOT_DIR, `wayfinding-territory-report-${CLOSED}.pdf`));
    await checkAccessibility(apr.page, 'the territorial report tab (ARS APR)');
    await apr.done('wayfinding-territory-report');
    await apr.page.getByRole('tab', { name: 'Tableau' }).click();
    await apr.page.getByRole('table', { name: /Structures de la catégorie/ }).waitFor();
    await download(apr.page, /^Télécharger le tableau \(tableur\)/, '.xlsx');
    await checkAccessibility(apr.page, 'the territory table (ARS APR)');
    await apr.done('wayfinding-territory-table');
  } finally {
    await apr.context.close();
  }

  // 4. The EHPAD's APE: its structure's links, its restitution's downloads, the table only.
  const apeToken = (await api.login({ email: EHPAD_APE, password: DEMO_PASSWORD })).accessToken;
  const finess = await esmsOf(api, apeToken, EHPAD_APE);
  const ape = await newPage(browser, EHPAD_APE, baseUrl, shots, { acceptDownloads: true });
  try {
    await ape.page.goto(`${baseUrl}/structures/${finess}`, { waitUntil: 'domcontentloaded' });
    const links = ape.page.getByRole('region', { name: 'Saisies et restitutions' });
    await links.getByRole('link', { name: `Saisie de la campagne ${YEAR}` }).waitFor();
    await checkAccessibility(ape.page, 'the structure page (EHPAD APE)');
    await ape.done('wayfinding-structure-links');
    await links.getByRole('link', { name: `Restitution de la campagne ${CLOSED}` }).click();
    await ape.page.getByRole('heading', { level: 1, name: /^Restitution – / }).waitFor();
    // The qualitative axes (O04–O06): the structure's practices beside its peers' shares.
    const practices = ape.page.getByRole('region', { name: /^Pratiques en place/ });
    await practices.getByRole('table').first().waitFor();
    await practices.getByRole('columnheader', { name: 'France' }).first().waitFor();
    const file = await download(ape.page, /^Télécharger le rapport \(PDF\)/, '.pdf');
    await file.saveAs(path.join(SCREENSHOT_DIR, `wayfinding-structure-restitution-${CLOSED}.pdf`));
    await checkAccessibility(ape.page, 'the structure restitution (EHPAD APE)');
    await ape.done('wayfinding-structure-restitution');
    await ape.page.goto(`${baseUrl}/campagnes/${CLOSED}/restitution?vue=carte`, {
      waitUntil: 'domcontentloaded',
    });
    await ape.page.getByRole('table', { name: /Structures de la catégorie/ }).waitFor();
    const tabs = await ape.page.getByRole('tab').allInnerTexts();
    if (tabs.join('|') !== 'Tableau')
      throw new Error(`an ESMS account is offered the tabs ${tabs.join(', ')}`);
    await checkAccessibility(ape.page, 'the territory restitution (EHPAD APE)');
    await ape.done('wayfinding-esms-territory');
  } finally {
    await ape.context.close();
  }
  return `wayfinding journey passed; screenshots:\n  ${shots.join('\n  ')}`;
}

await runStandalone(import.meta.url, run);
