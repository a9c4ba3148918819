// Browser test of sessions (issue 15 §5): a visitor's page load asks for a session without an
// error in the console; a signed-in person who loads 200 pages within a minute (or an office
// sharing one address) keeps the session — each load renews it, and renewals are not rate-limited.
//
// Standalone: node tools/e2e/sessions.e2e.mjs --base-url http://localhost:3100
import { DEMO_PASSWORD, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { runStandalone } from './campaign-helpers.mjs';

const LOADS = 200;

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const context = await browser.newContext({ locale: 'fr-FR' });
  let page;
  let step = 'visitor';
  try {
    page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${base}/connexion`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Connexion au tableau de bord' }).waitFor();
    if (consoleErrors.length > 0)
      throw new Error(`console errors for a visitor: ${consoleErrors.join(' / ')}`);

    step = 'page loads';
    const seen = watch(page);
    await signIn(page, base, { email: 'lecture.ehpad@tdb.localhost', password: DEMO_PASSWORD });
    const started = Date.now();
    for (let i = 0; i < LOADS; i++) {
      const renewed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/refresh');
      await page.reload({ waitUntil: 'domcontentloaded' });
      const response = await renewed;
      if (response.status() !== 200) {
        throw new Error(`load ${i + 1}: the session renewal answered ${response.status()}`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    if (new URL(page.url()).pathname === '/connexion') throw new Error('sent back to the login page');
    if (seen.pageErrors.length > 0) throw new Error(`JavaScript errors: ${seen.pageErrors.join(' / ')}`);
    return { loads: LOADS, seconds };
  } catch (error) {
    const shot = page ? await screenshot(page, 'sessions') : '(no page)';
    throw new Error(
      `sessions e2e failed at "${step}": ${error instanceof Error ? error.message : error} (${shot})`,
      { cause: error },
    );
  } finally {
    await context.close();
  }
}

await runStandalone(import.meta.url, run);
