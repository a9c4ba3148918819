// Browser test of the regional support (issue 17 §2): the APE of the demo EHPAD asks a question
// from the header's « Poser une question » (the page attached); the ARS controller finds it in
// « Questions reçues », answers it and publishes it, anonymised, in the FAQ of the region; the APE
// reads the answer in its thread and finds the entry in the FAQ by words typed without accents;
// in its entry form, the item of the demo's FAQ entry links to it, and every item offers
// « Poser une question » about it.
// axe runs on each page of the journey.
//
// Standalone: node tools/e2e/support.e2e.mjs --base-url http://localhost:3100
import { checkAccessibility } from './accessibility.mjs';
import { DEMO_PASSWORD, apiClient, screenshot, signIn, watch } from './accounts.e2e.mjs';
import { YEAR, esmsOf, runStandalone } from './campaign-helpers.mjs';

const ASKER = 'ape.ehpad@tdb.localhost';
const REFERENT = 'controleur.ars@tdb.localhost';

/** Runs `steps` in a fresh browser context signed in as `email`, with a screenshot on failure. */
async function as(browser, base, email, label, steps) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const seen = watch(page);
  try {
    await signIn(page, base, { email, password: DEMO_PASSWORD });
    await steps(page);
    if (seen.pageErrors.length > 0) throw new Error(`page errors: ${seen.pageErrors.join(' | ')}`);
  } catch (error) {
    const shot = await screenshot(page, `support-${label}`);
    throw new Error(
      `${label} (${email}): ${error instanceof Error ? error.message : String(error)} — failed API calls: ${seen.failedApiCalls.join(', ') || 'none'} — screenshot ${shot}`,
      { cause: error },
    );
  } finally {
    await context.close();
  }
}

export async function run({ baseUrl, browser }) {
  const base = baseUrl.replace(/\/+$/, '');
  const stamp = `zq${Date.now().toString(36)}`;
  const subject = `Congé parental prolongé ${stamp}`;
  const published = `Comment déclarer un salarié en congé parental prolongé (${stamp}) ?`;
  const answer = 'Il reste compté dans l’effectif au 31 décembre, sans équivalent temps plein.';
  let questionUrl = '';

  await as(browser, base, ASKER, 'ask', async (page) => {
    await page.goto(`${base}/campagnes/${YEAR}/questions`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: /Mes questions/ }).waitFor();
    await checkAccessibility(page, 'Mes questions');
    // « Poser une question » is in the header of every page, with the page attached.
    await page.getByRole('link', { name: 'Poser une question' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Poser une question/ }).waitFor();
    await page.getByText(/^Page :/).waitFor();
    await checkAccessibility(page, 'Poser une question');
    await page.getByLabel('Objet').fill(subject);
    await page
      .getByLabel(/Votre question/)
      .fill('Comment déclarer une salariée en congé parental depuis deux ans ?');
    await page.getByRole('button', { name: 'Envoyer la question' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(stamp) }).waitFor();
    questionUrl = new URL(page.url()).pathname;
    await checkAccessibility(page, 'question thread (asker)');
  });

  await as(browser, base, REFERENT, 'answer', async (page) => {
    await page.goto(`${base}/campagnes/${YEAR}/questions`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: /Questions reçues/ }).waitFor();
    await page.getByRole('table', { name: 'Suivi des questions par autorité' }).waitFor();
    await checkAccessibility(page, 'Questions reçues');
    await page.getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { name: 'Traitement' }).waitFor();
    await page.getByLabel(/Votre réponse/).fill(answer);
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Votre message a été ajouté au fil.').waitFor();
    const form = page.getByRole('form', { name: 'Publier dans la FAQ' });
    await form.getByLabel('Question publiée').fill(published);
    if ((await form.getByLabel('Réponse publiée').inputValue()) !== answer)
      throw new Error('the published answer does not start from the last answer');
    await form.getByRole('button', { name: 'Publier' }).click();
    await page.getByText('La question est publiée dans la FAQ.').waitFor();
    await checkAccessibility(page, 'question thread (referent)');
  });

  await as(browser, base, ASKER, 'read', async (page) => {
    await page.goto(`${base}${questionUrl}`, { waitUntil: 'domcontentloaded' });
    await page.getByText(answer).waitFor();
    await page.goto(`${base}/campagnes/${YEAR}/faq`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: /Foire aux questions/ }).waitFor();
    await page.getByRole('searchbox').fill(`conge PARENTAL prolonge ${stamp}`);
    await page.getByRole('searchbox').press('Enter');
    const entry = page.getByRole('button', { name: published });
    await entry.waitFor();
    await entry.click();
    await page.getByText(answer).waitFor();
    await checkAccessibility(page, 'FAQ');

    // The entry form: the item with an FAQ entry (seeded by the demo) links to it.
    const api = apiClient(base);
    const { accessToken } = await api.login({ email: ASKER, password: DEMO_PASSWORD });
    const finess = await esmsOf(api, accessToken, ASKER);
    await page.goto(`${base}/campagnes/${YEAR}/structures/${finess}?domaine=PRESTATIONS`, {
      waitUntil: 'domcontentloaded',
    });
    const faqLink = page.getByRole('link', {
      name: /^FAQ : \d+ questions?-réponses? sur « Nombre de personnes accompagnées/,
    });
    await faqLink.first().waitFor();
    if ((await page.getByRole('link', { name: /^Poser une question sur « / }).count()) === 0)
      throw new Error('no « Poser une question » under the items of the form');
    await faqLink.first().click();
    await page.getByText('Questions sur la donnée personnes_accompagnees_31_12').waitFor();
    await page
      .getByRole('button', { name: /hébergement temporaire/ })
      .first()
      .waitFor();
  });
  return `Support: asked « ${subject} », answered, published and found in the FAQ`;
}

await runStandalone(import.meta.url, run);
