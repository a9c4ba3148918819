import { pdfText } from '../../../test/setup/pdf-text';
import { PdfRenderer, renderPdf } from './pdf-renderer';

describe('renderPdf', () => {
  it('lays a long document out off the event loop, the footer template on every page', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => [`Structure ${i}`, `${i} personnes`]);
    const definition = {
      defaultStyle: { font: 'Roboto', fontSize: 8 },
      content: [{ table: { body: [['Nom', 'File active'], ...rows] } }],
    };
    let last = performance.now();
    let longest = 0;
    const ticks = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const pdf = await renderPdf({ definition, footer: { text: 'page {page}/{pages}', fontSize: 7 } });
    const took = performance.now() - started;
    clearInterval(ticks);
    const text = pdfText(pdf);
    const pages = Number(/page 1\/(\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(20);
    expect(text).toContain(`page ${pages}/${pages}`);
    expect(text).toContain('Structure 2499');
    // Laid out here, the event loop would have been held the whole time (4 s for a region's report).
    expect(took).toBeGreaterThan(100);
    expect(longest).toBeLessThan(took / 2);
  });

  it('refuses a document pdfmake cannot lay out, then renders the next one', async () => {
    await expect(
      renderPdf({ definition: { content: ['x'], defaultStyle: { font: 'Inconnue' } } }),
    ).rejects.toThrow(/PDF/);
    const pdf = await renderPdf({ definition: { content: ['Après'], defaultStyle: { font: 'Roboto' } } });
    expect(pdfText(pdf)).toContain('Après');
  });

  it('stops a worker that overruns its time, refuses its renders only, and starts another', async () => {
    const renderer = new PdfRenderer();
    const rows = Array.from({ length: 5_000 }, (_, i) => [`Structure ${i}`, `${i} personnes`]);
    const long = renderer.render(
      { definition: { defaultStyle: { font: 'Roboto' }, content: [{ table: { body: rows } }] } },
      50,
    );
    const queued = renderer.render({ definition: { content: ['En file'] } }, 60_000);
    await expect(long).rejects.toThrow(/more than 50 ms/);
    // Behind it on the stopped worker: refused with it, never left waiting.
    await expect(queued).rejects.toThrow(/PDF/);
    const again = await renderer.render({ definition: { content: ['De nouveau'] } });
    expect(pdfText(again)).toContain('De nouveau');
  });
});
