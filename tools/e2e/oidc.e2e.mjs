// Browser test of the sign-in through an identity provider (issue 17 §1), against the demo provider
// that tools/scripts/e2e.mjs (and `npm start`) run beside the API: the « S’identifier avec
// ProConnect » button, the provider's login page, back signed in with the usual session; sign-out
// at TDB and at the provider; an identity without an account gets the French explanation page.
//
// Standalone (an API started with the demo provider, e.g. `npm start`):
//   node tools/e2e/oidc.e2e.mjs --base-url http://localhost:3000
import { checkAccessibility } from './accessibility.mjs';
import { DEMO_PASSWORD, screenshot, watch } from './accounts.e2e.mjs';
import { runStandalone } from './campaign-helpers.mjs';

const AGENT = 'controleur.ars@tdb.localhost';
const UNKNOWN = 'inconnu@fournisseur.localhost';

/** At the provider's login page: the address and the password, then back to TDB. */
async function signInAtProvider(page, email) {
  await page.getByRole('heading', { level: 1, name: 'Fournisseur d’identité de démonstration' }).waitFor();
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

export async function run({ baseUrl, browser }) {
  // The callback registered at the provider is on the API's PUBLIC_URL (localhost): browse it there,
  // so that the cookie of the sign-in in progress comes back with the provider's answer.
  const base = baseUrl.replace(/\/+$/, '').replace('//127.0.0.1:', '//localhost:');
  const status = await fetch(`${base}/api/auth/oidc`).then((r) => r.json());
  if (!status.enabled) return { skipped: 'no identity provider configured on this API' };
  const context = await browser.newContext({ locale: 'fr-FR' });
  let page;
  let step = 'sign-in page';
  try {
    page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${base}/connexion`, { waitUntil: 'domcontentloaded' });
    const button = page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ });
    await button.waitFor();
    await checkAccessibility(page, 'the sign-in page with the ProConnect button');

    step = 'sign-in through the provider';
    await button.click();
    await signInAtProvider(page, AGENT);
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    if (new URL(page.url()).pathname === '/connexion') throw new Error('still on the sign-in page');
    // The same session as after a password: a reload renews it from the cookie.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();

    step = 'sign-out at TDB and at the provider';
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page
      .getByRole('heading', { level: 1, name: 'Se déconnecter du fournisseur d’identité ?' })
      .waitFor();
    await page.getByRole('button', { name: 'Oui, me déconnecter' }).click();
    await page
      .getByText('Vous êtes déconnecté, du tableau de bord et de votre fournisseur d’identité.')
      .waitFor();
    if (new URL(page.url()).pathname !== '/connexion') throw new Error(`back on ${page.url()}`);

    step = 'an identity without an account';
    await page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ }).click();
    // Signed out at the provider: it asks again.
    await signInAtProvider(page, UNKNOWN);
    await page.getByRole('heading', { level: 1, name: 'Connexion impossible' }).waitFor();
    await page.getByText(`Aucun compte TDB n’est associé à ${UNKNOWN}`).waitFor();
    await checkAccessibility(page, 'the page of an unknown identity');
    if (seen.pageErrors.length > 0) throw new Error(`JavaScript errors: ${seen.pageErrors.join(' / ')}`);
    return { signedIn: AGENT, refused: UNKNOWN };
  } catch (error) {
    const shot = page ? await screenshot(page, 'oidc') : '(no page)';
    throw new Error(
      `oidc e2e failed at "${step}": ${error instanceof Error ? error.message : error} (${shot})`,
      { cause: error },
    );
  } finally {
    await context.close();
  }
}

await runStandalone(import.meta.url, run);
