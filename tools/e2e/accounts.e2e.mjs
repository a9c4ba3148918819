// Browser test of the accounts' main path, run against a real API (with the demo data) serving the
// built SPA:
//
//   1. the APR of a Département signs in, opens Utilisateurs → Créer un compte and creates the APE of
//      a foyer de vie (EANM, competence of the Département only) of its department, with a new e-mail;
//   2. the national administrator signs in (another browser context), opens "Courriels envoyés" and
//      reads the invitation sent to that address;
//   3. the invitee opens the link, chooses a password, signs in and sees its account and its grant;
//   4. through the API only: the APR of the ARS is refused (403) the APE of that same foyer, and no
//      account was created (counted with the national administrator's token before and after).
//
//   import { run } from './accounts.e2e.mjs';
//   await run({ baseUrl: 'http://localhost:3100', browser, sample });
//
// `sample.login` (optional) is the national administrator; the other accounts are the demo accounts
// of apps/api/src/database/seeds/demo-accounts.ts (`sample.demoPassword` overrides their password).
// The invitation links of the e-mails may name another host (PUBLIC_URL): only their path is opened,
// on `baseUrl`. On failure a screenshot is saved in test-output/e2e/ and an Error says which step
// failed.
//
// Standalone: node tools/e2e/accounts.e2e.mjs --base-url http://localhost:3100
import { checkAccessibility } from './accessibility.mjs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { SCREENSHOT_DIR, launchBrowser } from './structures.e2e.mjs';

// Playwright's own default (30 s): a page waits on the API, slow on a busy machine.
const TIMEOUT_MS = 30_000;
export const DEMO_PASSWORD = 'Demo-TDB-paysage-2026';
export const CD_APR_EMAIL = 'apr.cd@tdb.localhost';
export const ARS_APR_EMAIL = 'apr.ars@tdb.localhost';
const DEFAULT_ADMIN = { email: 'admin@tdb.localhost', password: DEMO_PASSWORD };
const INVITEE_PASSWORD = 'Tortue-Fenouil-Azimut-42';

const oneLine = (text) => String(text).replace(/\s+/g, ' ').trim();

export async function screenshot(page, label) {
  try {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch (error) {
    return `(screenshot failed: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** A small client of the API, for what the test prepares and checks without a browser. */
export function apiClient(base) {
  async function call(method, pathAndQuery, { token, body } = {}) {
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}/api${pathAndQuery}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json, text };
  }
  return {
    call,
    async login({ email, password }) {
      const answer = await call('POST', '/auth/login', { body: { email, password } });
      if (answer.status !== 200 || !answer.body?.accessToken) {
        throw new Error(
          `API login of ${email} answered ${answer.status}: ${oneLine(answer.body?.message ?? answer.text)}`,
        );
      }
      return answer.body;
    },
    async get(pathAndQuery, token) {
      const answer = await call('GET', pathAndQuery, { token });
      if (answer.status !== 200) {
        throw new Error(
          `GET /api${pathAndQuery} answered ${answer.status}: ${oneLine(answer.body?.message ?? answer.text)}`,
        );
      }
      return answer.body;
    },
  };
}

/**
 * The Département of the CD's APR, and a foyer de vie / EANM of the Département's sole competence
 * in it that has no APE yet (so that the test can run again on the same data).
 */
async function pickFoyer(api, nationalToken) {
  const aprs = await api.get(`/accounts?q=${encodeURIComponent(CD_APR_EMAIL)}`, nationalToken);
  const apr = aprs.items.find((a) => a.email.toLowerCase() === CD_APR_EMAIL);
  const grant = apr?.grants.find((g) => g.role === 'APR' && g.organisation.kind === 'CD');
  if (!grant) {
    throw new Error(
      `no demo account ${CD_APR_EMAIL} with an APR grant on a Département (run the demo seed: apps/api/src/cli/seed-demo.ts)`,
    );
  }
  const department = grant.organisation.code;
  const structures = await api.get(
    `/structures?department=${department}&category=EANM&competence=CD&pageSize=100&sort=name`,
    nationalToken,
  );
  // Foyers de vie first, then the other EANM (foyers d'hébergement, foyers).
  const candidates = [...structures.items].sort(
    (a, b) => Number(!/FOYER DE VIE/i.test(a.name)) - Number(!/FOYER DE VIE/i.test(b.name)),
  );
  for (const structure of candidates) {
    if (structure.competence !== 'CD') continue;
    const apes = await api.get(
      `/accounts?organisationKind=ESMS&organisationCode=${structure.finess}&role=APE`,
      nationalToken,
    );
    if (apes.total === 0) return { department, departmentLabel: grant.organisationLabel, structure };
  }
  throw new Error(
    `no foyer de vie / EANM of the sole competence of the Département ${department} without an APE (${candidates.length} EANM seen)`,
  );
}

/** Watches a page: JavaScript errors and failed API calls, to explain a failure. */
export function watch(page) {
  const seen = { pageErrors: [], failedApiCalls: [] };
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  // What the content security policy refused is an error of the page too.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      seen.pageErrors.push(message.text());
    }
  });
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 400) {
      seen.failedApiCalls.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
    }
  });
  return seen;
}

/** Signs in on /connexion; resolves once the session is open (the header offers "Se déconnecter"). */
export async function signIn(page, base, { email, password }) {
  await page.goto(`${base}/connexion`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { level: 1, name: 'Connexion au tableau de bord' }).waitFor();
  await page.getByRole('textbox', { name: /Adresse électronique/ }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/auth/login',
  );
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  const response = await answered;
  if (!response.ok()) {
    const alert = await page
      .getByRole('alert')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `login answered ${response.status()}${alert.length ? `: ${oneLine(alert.join(' / '))}` : ''}`,
    );
  }
  await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor({ state: 'attached' });
}

/** Ticks a DSFR radio button by clicking its label (the label is drawn over the native input). */
async function pickRadio(page, name) {
  const radio = page.getByRole('radio', { name }).first();
  const id = await radio.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  if (!(await radio.isChecked())) throw new Error(`the radio button ${name} could not be ticked`);
}

/** Opens a section from the main navigation of the header. */
async function openFromMenu(page, name) {
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name, exact: true })
    .click();
}

/**
 * Runs the path described at the top of this file. Resolves with what it created; throws an Error
 * naming the failed step otherwise.
 */
export async function run({ baseUrl, browser, sample = {} }) {
  if (!baseUrl) throw new Error('accounts e2e: `baseUrl` is required');
  if (!browser) throw new Error('accounts e2e: `browser` (a playwright-core Browser) is required');
  const base = baseUrl.replace(/\/+$/, '');
  const admin =
    sample?.login && typeof sample.login.email === 'string' && typeof sample.login.password === 'string'
      ? sample.login
      : DEFAULT_ADMIN;
  const demoPassword = typeof sample?.demoPassword === 'string' ? sample.demoPassword : DEMO_PASSWORD;
  const api = apiClient(base);
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const inviteeEmail = `ape.foyer.e2e.${stamp}@tdb.localhost`;
  const refusedEmail = `ape.ars.e2e.${stamp}@tdb.localhost`;

  const contexts = [];
  let page = null;
  let label = 'accounts';
  let seen = { pageErrors: [], failedApiCalls: [] };
  let step = 'sign in as the national administrator through the API';
  const openPage = async (name) => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    page = await context.newPage();
    seen = watch(page);
    label = `accounts-${name}`;
    return page;
  };

  try {
    const national = await api.login(admin);
    const nationalToken = national.accessToken;

    step = `find a foyer de vie of the Département of ${CD_APR_EMAIL} without an APE`;
    const { department, structure } = await pickFoyer(api, nationalToken);
    const structureLabel = `${structure.name} (${structure.finess})`;

    // 1. The APR of the Département creates the APE of the foyer.
    step = `sign in as ${CD_APR_EMAIL}`;
    const apr = await openPage('apr-cd');
    await signIn(apr, base, { email: CD_APR_EMAIL, password: demoPassword });

    step = 'open Utilisateurs, then "Créer un compte"';
    await openFromMenu(apr, 'Utilisateurs');
    await apr.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await checkAccessibility(apr, 'the users list');
    await apr.getByRole('link', { name: 'Créer un compte' }).click();
    await apr.waitForURL((url) => url.pathname === '/utilisateurs/nouveau');
    await apr.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    await checkAccessibility(apr, 'the account form');

    step = `fill the identity of ${inviteeEmail}`;
    await apr.getByRole('textbox', { name: /Adresse électronique/ }).fill(inviteeEmail);
    await apr.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Inès');
    await apr.getByRole('textbox', { name: 'Nom', exact: true }).fill('Fenouil');

    step = `choose the structure ${structureLabel} with the structure search`;
    await pickRadio(apr, 'Établissement ou service (ESMS)');
    const searched = apr.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/structures' && url.searchParams.get('q') === structure.finess;
    });
    await apr.getByRole('searchbox', { name: /Rechercher la structure/ }).fill(structure.finess);
    const found = await searched;
    if (!found.ok()) throw new Error(`the structure search answered ${found.status()}`);
    await pickRadio(apr, new RegExp(`\\(${structure.finess}\\)`));
    await apr.getByText(structureLabel, { exact: true }).first().waitFor();

    step = 'choose the role APE and create the account';
    await pickRadio(apr, /Administrateur principal d.établissement/);
    const posted = apr.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/accounts',
    );
    await apr.getByRole('button', { name: "Créer le compte et envoyer l'invitation" }).click();
    const creation = await posted;
    // A new address: an invitation, said on the page (the same answer as for someone else's account).
    if (creation.status() !== 202) {
      const alert = await apr
        .getByRole('alert')
        .allInnerTexts()
        .catch(() => []);
      throw new Error(
        `POST /api/accounts answered ${creation.status()}${alert.length ? `: ${oneLine(alert.join(' / '))}` : ''}`,
      );
    }
    await apr.getByRole('heading', { level: 2, name: 'Invitation envoyée' }).waitFor();
    await apr.getByText(`Une invitation a été envoyée à ${inviteeEmail}`, { exact: false }).waitFor();

    // 2. The national administrator reads the invitation among the e-mails sent.
    step = `sign in as ${admin.email} in a new browser context`;
    const nationalPage = await openPage('national');
    await signIn(nationalPage, base, admin);

    step = `open "Courriels envoyés" and the invitation sent to ${inviteeEmail}`;
    await openFromMenu(nationalPage, 'Courriels envoyés');
    await nationalPage.getByRole('heading', { level: 1, name: 'Courriels envoyés' }).waitFor();
    await checkAccessibility(nationalPage, 'the e-mails sent');
    const row = nationalPage.getByRole('row').filter({ hasText: inviteeEmail });
    await row.first().waitFor();
    const subjectLink = row.first().getByRole('link').first();
    const subject = oneLine(await subjectLink.innerText());
    await subjectLink.click();
    const reader = nationalPage.getByRole('region', { name: subject, exact: true });
    await reader.waitFor();
    const link = reader.locator('a[href*="/invitation?jeton="]').first();
    await link.waitFor();
    const href = await link.getAttribute('href');
    const invitation = new URL(href, base);
    const token = invitation.searchParams.get('jeton');
    if (!token) throw new Error(`the invitation link has no token: ${href}`);
    const invitationPath = `${invitation.pathname}${invitation.search}`;

    // 3. The invitee activates its account and signs in.
    step = `open the invitation ${invitationPath} on ${base} and choose a password`;
    const invitee = await openPage('invitee');
    await invitee.goto(`${base}${invitationPath}`, { waitUntil: 'domcontentloaded' });
    await invitee.getByRole('heading', { level: 1, name: 'Activer votre compte' }).waitFor();
    await checkAccessibility(invitee, 'the invitation page');
    await invitee.getByText(inviteeEmail).first().waitFor();
    await invitee.getByLabel('Nouveau mot de passe', { exact: true }).fill(INVITEE_PASSWORD);
    await invitee.getByLabel('Confirmation du mot de passe', { exact: true }).fill(INVITEE_PASSWORD);
    await invitee.getByRole('button', { name: 'Activer mon compte' }).click();
    await invitee.getByText('Mot de passe enregistré').waitFor();

    step = `sign in as ${inviteeEmail} and open "Mon compte"`;
    await signIn(invitee, base, { email: inviteeEmail, password: INVITEE_PASSWORD });
    await invitee.getByRole('link', { name: 'Mon compte' }).first().click();
    await invitee.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await checkAccessibility(invitee, 'Mon compte');
    const identity = invitee.getByRole('region', { name: 'Identité' });
    await identity.getByText(inviteeEmail).waitFor();
    const grants = invitee.getByRole('table', { name: 'Mes habilitations' });
    await grants.waitFor();
    const grantsText = oneLine(await grants.innerText());
    if (
      !grantsText.includes(structure.finess) ||
      !/Administrateur principal d.établissement/.test(grantsText)
    ) {
      throw new Error(`"Mes habilitations" does not show the APE of ${structureLabel}: "${grantsText}"`);
    }

    // 3b. A right offered to someone whose account the APR does not manage (the national
    // administrator): the same answer as for a new address, an e-mailed offer, refused on its page.
    step = `as ${CD_APR_EMAIL}, offer a reader grant of the Département to ${admin.email} (202 expected)`;
    const cdApr = await api.login({ email: CD_APR_EMAIL, password: demoPassword });
    const offered = await api.call('POST', '/accounts', {
      token: cdApr.accessToken,
      body: {
        email: admin.email,
        firstName: 'Admin',
        lastName: 'National',
        grant: { organisation: { kind: 'CD', code: department }, role: 'READER' },
      },
    });
    if (offered.status !== 202 || offered.body?.account !== null) {
      throw new Error(`the offer answered ${offered.status}: ${oneLine(offered.text)}`);
    }

    step = `open the offer e-mailed to ${admin.email}, check its page and refuse it`;
    // A full load: the list seen at step 2 is still in the page's cache.
    await nationalPage.goto(`${base}/courriels`, { waitUntil: 'domcontentloaded' });
    await nationalPage.getByRole('heading', { level: 1, name: 'Courriels envoyés' }).waitFor();
    const offerRow = nationalPage.getByRole('row').filter({ hasText: 'habilitation vous est proposée' });
    await offerRow.first().waitFor();
    const offerSubjectLink = offerRow.first().getByRole('link').first();
    const offerSubject = oneLine(await offerSubjectLink.innerText());
    await offerSubjectLink.click();
    const offerReader = nationalPage.getByRole('region', { name: offerSubject, exact: true });
    const offerLink = offerReader.locator('a[href*="/habilitation?jeton="]').first();
    await offerLink.waitFor();
    const offerUrl = new URL(await offerLink.getAttribute('href'), base);
    await nationalPage.goto(`${base}${offerUrl.pathname}${offerUrl.search}`, {
      waitUntil: 'domcontentloaded',
    });
    await nationalPage.getByRole('heading', { level: 1, name: 'Habilitation proposée' }).waitFor();
    await nationalPage.getByRole('button', { name: 'Accepter l’habilitation' }).waitFor();
    await checkAccessibility(nationalPage, 'the grant offer page');
    await nationalPage.getByRole('button', { name: 'Refuser' }).click();
    await nationalPage.getByRole('heading', { level: 2, name: 'Habilitation refusée' }).waitFor();
    await checkAccessibility(nationalPage, 'the refused offer');

    // 4. The APR of the ARS may not administer that foyer (sole competence of the Département).
    step = `as ${ARS_APR_EMAIL}, POST /api/accounts for the APE of ${structure.finess} (403 expected)`;
    const countOf = async (query) => (await api.get(`/accounts?${query}&pageSize=1`, nationalToken)).total;
    const byEmail = `q=${encodeURIComponent(refusedEmail)}`;
    const byStructure = `organisationKind=ESMS&organisationCode=${structure.finess}`;
    const before = { email: await countOf(byEmail), structure: await countOf(byStructure) };
    const ars = await api.login({ email: ARS_APR_EMAIL, password: demoPassword });
    const refused = await api.call('POST', '/accounts', {
      token: ars.accessToken,
      body: {
        email: refusedEmail,
        firstName: 'Arsène',
        lastName: 'Refusé',
        grant: { organisation: { kind: 'ESMS', code: structure.finess }, role: 'APE' },
      },
    });
    if (refused.status !== 403) {
      throw new Error(
        `the ARS's APR got ${refused.status} instead of 403: ${oneLine(refused.body?.message ?? refused.text)}`,
      );
    }
    const after = { email: await countOf(byEmail), structure: await countOf(byStructure) };
    if (after.email !== before.email || after.structure !== before.structure) {
      throw new Error(
        `the refused creation changed the accounts: ${refusedEmail} ${before.email} → ${after.email}, accounts of ${structure.finess} ${before.structure} → ${after.structure}`,
      );
    }

    const pageErrors = seen.pageErrors;
    if (pageErrors.length > 0) throw new Error(`JavaScript errors in the page: ${pageErrors.join(' | ')}`);

    return {
      department,
      structure: structureLabel,
      inviteeEmail,
      accountId:
        (await api.get(`/accounts?q=${encodeURIComponent(inviteeEmail)}`, nationalToken)).items[0]?.id ??
        null,
      refusal: refused.body?.message ?? null,
      accountsOfStructure: after.structure,
    };
  } catch (error) {
    const file = page ? await screenshot(page, label) : '(no page open)';
    const reason = error instanceof Error ? error.message : String(error);
    const details = [
      seen.failedApiCalls.length ? `failed API calls: ${seen.failedApiCalls.join(', ')}` : null,
      seen.pageErrors.length ? `page errors: ${seen.pageErrors.join(' | ')}` : null,
    ].filter(Boolean);
    throw new Error(
      `accounts e2e failed at step "${step}"${page ? ` (${page.url()})` : ''}: ${reason}` +
        (details.length ? `\n  ${details.join('\n  ')}` : '') +
        `\n  screenshot: ${file}`,
      { cause: error },
    );
  } finally {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  }
}

function argument(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sample = {};
  const email = argument('email') ?? process.env.E2E_EMAIL;
  const password = argument('password') ?? process.env.E2E_PASSWORD;
  if (email && password) sample.login = { email, password };
  const browser = await launchBrowser();
  try {
    const result = await run({ baseUrl: argument('base-url') ?? 'http://localhost:3000', browser, sample });
    console.log(
      `accounts e2e: ok – ${result.inviteeEmail} is the APE of ${result.structure} (Département ${result.department}); ARS refused: « ${result.refusal} »`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
