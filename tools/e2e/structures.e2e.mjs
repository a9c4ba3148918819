// Browser test of the structures search, run against a real API serving the built SPA.
//
//   import { run, launchBrowser } from './structures.e2e.mjs';
//   const browser = await launchBrowser();
//   await run({
//     baseUrl: 'http://localhost:3100',
//     browser,
//     sample: { query, expectedName, finess, login: { email, password } },
//   });
//
// The structures need an account: the test opens /structures, is sent to /connexion, signs in with
// `sample.login` (a national administrator, who sees every structure) and comes back to the search.
// `sample.query` is part of a structure's name typed WITHOUT accents; `expectedName` is that name as
// stored (with its accents): finding it proves the accent- and case-insensitive search end to end.
// On failure a screenshot is saved in test-output/e2e/ and an Error says which step failed.
//
// Standalone: node tools/e2e/structures.e2e.mjs --base-url http://localhost:3100 \
//   --query chenes --name "RÉSIDENCE LES CHÊNES" --finess 750000001 \
//   --email admin@tdb.localhost --password '…'
import { checkAccessibility } from './accessibility.mjs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(workspaceRoot, 'test-output/e2e');

export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launchBrowser() {
  return chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}

// Playwright's own default (30 s): a page waits on the API, slow on a busy machine.
const TIMEOUT_MS = 30_000;

function checkSample(sample) {
  if (!sample || typeof sample !== 'object')
    throw new Error('structures e2e: `sample` { query, expectedName, finess, login } is required');
  const login = sample.login;
  if (
    !login ||
    typeof login !== 'object' ||
    typeof login.email !== 'string' ||
    login.email.trim() === '' ||
    typeof login.password !== 'string' ||
    login.password === ''
  ) {
    throw new Error(
      'structures e2e: sample.login { email, password } (a national administrator) is required',
    );
  }
  for (const key of ['query', 'expectedName', 'finess']) {
    if (typeof sample[key] !== 'string' || sample[key].trim() === '') {
      throw new Error(
        `structures e2e: sample.${key} must be a non-empty string (got ${JSON.stringify(sample[key])})`,
      );
    }
  }
  if (/[^\x20-\x7e]/.test(sample.query)) {
    throw new Error(`structures e2e: sample.query must be typed without accents (got "${sample.query}")`);
  }
  if (!/[\u0300-\u036f]/.test(sample.expectedName.normalize('NFD'))) {
    // Not an error, but then the test does not prove the accent-insensitive search.
    console.warn(
      `structures e2e: "${sample.expectedName}" has no accent; the accent-insensitive search is not exercised`,
    );
  }
}

/** "FINESS name" of the visible result rows, to explain a failure. */
async function shownRows(page) {
  try {
    const rows = await page.locator('table tbody tr').all();
    return await Promise.all(
      rows.map(
        async (row) =>
          `${(await row.locator('td').first().innerText()).trim()} ${(await row.locator('th').innerText()).trim()}`,
      ),
    );
  } catch {
    return [];
  }
}

async function screenshot(page, label) {
  try {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch (error) {
    return `(screenshot failed: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Whether a response answers GET /api/structures with the given query parameters. */
function isStructuresSearch(response, params) {
  const url = new URL(response.url());
  if (response.request().method() !== 'GET' || url.pathname !== '/api/structures') return false;
  return Object.entries(params).every(([key, value]) => url.searchParams.get(key) === value);
}

/** The results table is rendered from the latest answer (no request in flight). */
async function resultsSettled(page) {
  await page.waitForFunction('!document.querySelector(\'table[aria-busy="true"]\')');
}

/**
 * The link of the result row named `name` that shows FINESS `finess`: on the first page of results,
 * else on the next ones (a short query may match more structures than a page holds). Throws with
 * the rows it saw.
 */
async function findResultLink(page, name, finess, maxPages = 10) {
  const seen = [];
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const results = page.getByRole('table').first();
    try {
      await results.getByRole('row').nth(1).waitFor();
    } catch {
      const alert = await page
        .locator('.fr-alert')
        .allInnerTexts()
        .catch(() => []);
      throw new Error(
        `no results table${alert.length ? `; message: ${alert.join(' / ').replace(/\s+/g, ' ')}` : ''}`,
      );
    }
    const link = results
      .getByRole('row')
      .filter({ hasText: finess })
      .getByRole('link', { name, exact: true });
    if ((await link.count()) > 0) return link.first();
    seen.push(...(await shownRows(page)));
    const next = page.getByRole('link', { name: 'Page suivante' });
    if ((await next.count()) === 0 || (await next.getAttribute('href')) === null) break;
    const loaded = page.waitForResponse((response) =>
      isStructuresSearch(response, { page: String(pageNumber + 1) }),
    );
    await next.click();
    await loaded;
    await resultsSettled(page);
  }
  throw new Error(
    `no result row "${name}" with FINESS ${finess}; rows shown: ${
      seen.length
        ? seen
            .slice(0, 25)
            .map((n) => `"${n}"`)
            .join(', ') + (seen.length > 25 ? ` … and ${seen.length - 25} more` : '')
        : 'none'
    }`,
  );
}

/**
 * Searches a structure by part of its name without accents, opens it from the results and checks
 * its page. Resolves with what it saw; throws an Error naming the failed step otherwise.
 */
export async function run({ baseUrl, browser, sample }) {
  if (!baseUrl) throw new Error('structures e2e: `baseUrl` is required');
  if (!browser) throw new Error('structures e2e: `browser` (a playwright-core Browser) is required');
  checkSample(sample);
  const base = baseUrl.replace(/\/+$/, '');

  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const failedApiCalls = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 400) {
      failedApiCalls.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
    }
  });

  let step = `open ${base}/structures`;
  try {
    const response = await page.goto(`${base}/structures`, { waitUntil: 'domcontentloaded' });
    if (!response || !response.ok()) throw new Error(`HTTP ${response ? response.status() : 'no response'}`);

    step = 'be sent to the sign-in page (the structures need an account)';
    await page.waitForURL(
      (url) => url.pathname === '/connexion' && url.searchParams.get('retour') === '/structures',
    );
    await page.getByRole('heading', { level: 1, name: 'Connexion au tableau de bord' }).waitFor();

    step = `sign in as ${sample.login.email}`;
    await page.getByRole('textbox', { name: /Adresse électronique/ }).fill(sample.login.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(sample.login.password);
    const loggedIn = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/auth/login',
    );
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    const loginResponse = await loggedIn;
    if (!loginResponse.ok()) {
      const alert = await page
        .getByRole('alert')
        .allInnerTexts()
        .catch(() => []);
      throw new Error(
        `login answered ${loginResponse.status()}${alert.length ? `: ${alert.join(' / ').replace(/\s+/g, ' ')}` : ''}`,
      );
    }

    step = 'come back to the structures search after signing in';
    await page.waitForURL((url) => url.pathname === '/structures');
    await page.getByRole('heading', { level: 1, name: 'Rechercher une structure' }).waitFor();
    await checkAccessibility(page, 'the structure search');
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor({ state: 'attached' });

    step = `type "${sample.query}" in the search box`;
    const searchBox = page.getByRole('searchbox', { name: /Nom ou numéro FINESS/ });
    const searched = page.waitForResponse((response) => isStructuresSearch(response, { q: sample.query }));
    await searchBox.click();
    await searchBox.pressSequentially(sample.query, { delay: 20 });
    await page.waitForURL((url) => url.searchParams.get('q') === sample.query);
    await searched;
    await resultsSettled(page);

    step = `find "${sample.expectedName}" in the results`;
    const link = await findResultLink(page, sample.expectedName, sample.finess);

    step = 'open the structure page from the results';
    await link.click();
    await page.waitForURL((url) => url.pathname === `/structures/${sample.finess}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: sample.expectedName }).waitFor();

    step = 'check the FINESS and the category on the structure page';
    const identification = page.getByRole('region', { name: 'Identification' });
    await identification.waitFor();
    const identificationText = await identification.innerText();
    if (!identificationText.includes(sample.finess)) {
      throw new Error(
        `the page does not show FINESS ${sample.finess}: "${identificationText.replace(/\s+/g, ' ')}"`,
      );
    }
    const categoryMatch = /Catégorie\s+([^\n]+)\n\s*Catégorie FINESS (\w+)/.exec(identificationText);
    if (!categoryMatch) {
      throw new Error(
        `the page does not show a category and its FINESS code: "${identificationText.replace(/\s+/g, ' ')}"`,
      );
    }
    const [, categoryLabel, finessCategoryCode] = categoryMatch;
    if (sample.categoryLabel && !categoryLabel.includes(sample.categoryLabel)) {
      throw new Error(`category "${categoryLabel.trim()}" shown, "${sample.categoryLabel}" expected`);
    }
    if (pageErrors.length > 0) throw new Error(`JavaScript errors in the page: ${pageErrors.join(' | ')}`);

    return {
      finess: sample.finess,
      name: sample.expectedName,
      categoryLabel: categoryLabel.trim(),
      finessCategoryCode,
    };
  } catch (error) {
    const file = await screenshot(page, 'structures');
    const reason = error instanceof Error ? error.message : String(error);
    const details = [
      failedApiCalls.length ? `failed API calls: ${failedApiCalls.join(', ')}` : null,
      pageErrors.length ? `page errors: ${pageErrors.join(' | ')}` : null,
    ].filter(Boolean);
    throw new Error(
      `structures e2e failed at step "${step}" (${page.url()}): ${reason}` +
        (details.length ? `\n  ${details.join('\n  ')}` : '') +
        `\n  screenshot: ${file}`,
      { cause: error },
    );
  } finally {
    await context.close();
  }
}

function argument(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sample = {
    query: argument('query'),
    expectedName: argument('name'),
    finess: argument('finess'),
    login: {
      email: argument('email') ?? process.env.E2E_EMAIL,
      password: argument('password') ?? process.env.E2E_PASSWORD,
    },
  };
  const category = argument('category');
  if (category) sample.categoryLabel = category;
  const browser = await launchBrowser();
  try {
    const result = await run({ baseUrl: argument('base-url') ?? 'http://localhost:3000', browser, sample });
    console.log(
      `structures e2e: ok – ${result.name} (${result.finess}), ${result.categoryLabel} [${result.finessCategoryCode}]`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
