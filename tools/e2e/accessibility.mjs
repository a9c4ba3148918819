import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly forbids
// adding it as a script tag.
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page as it is now and throws, naming each
 * violation with its impact and the first elements concerned, when there is any: every journey's
 * main pages are checked this way (the RGAA builds on WCAG 2.1 AA).
 */
export async function checkAccessibility(page, label) {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(globalThis.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} accessibility violation(s) on ${label}: ${violations
        .map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`)
        .join(' | ')}`,
    );
  }
}
