import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A pdfmake document that can cross to another thread: plain data, no function. The footer, the
 * one part pdfmake asks as a function of the page, is given as a template: `{page}` and `{pages}`
 * are replaced on every page.
 */
export interface PdfDocument {
  definition: Record<string, unknown>;
  footer?: { text: string } & Record<string, unknown>;
}

const FONTS_DIR = join(dirname(require.resolve('pdfmake/fonts/Roboto.js')), 'Roboto');

/**
 * The worker's code, run as a script (not a file of the build: the same code runs from the
 * compiled API and from the test sources). pdfmake reads nothing from the network and only its own
 * font files from the disk.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { join } = require('node:path');
const pdfmake = require(workerData.pdfmake);
const fonts = workerData.fonts;
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fonts));
pdfmake.setFonts({
  Roboto: {
    normal: join(fonts, 'Roboto-Regular.ttf'),
    bold: join(fonts, 'Roboto-Medium.ttf'),
    italics: join(fonts, 'Roboto-Italic.ttf'),
    bolditalics: join(fonts, 'Roboto-MediumItalic.ttf'),
  },
});
parentPort.on('message', async ({ id, definition, footer }) => {
  try {
    const doc = { ...definition };
    if (footer) {
      doc.footer = (page, pages) => ({
        ...footer,
        text: footer.text.replaceAll('{page}', String(page)).replaceAll('{pages}', String(pages)),
      });
    }
    const buffer = await pdfmake.createPdf(doc).getBuffer();
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
    parentPort.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Pending = { resolve: (pdf: Buffer) => void; reject: (error: Error) => void };

/**
 * Lays PDFs out on a worker thread. pdfmake lays a document out in one synchronous run: a
 * region's territorial report (a hundred pages) held the API's event loop 4 s, every request
 * waiting meanwhile. One worker, started at the first PDF and kept (pdfmake and its fonts are
 * loaded once, off the event loop too); documents queue in it one after the other. It does not
 * keep the process alive, and one that fails is replaced at the next PDF.
 */
class PdfRenderer {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  render(document: PdfDocument): Promise<Buffer> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, definition: document.definition, footer: document.footer });
    });
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfmake: require.resolve('pdfmake'), fonts: FONTS_DIR },
    });
    worker.on('message', (message: { id: number; bytes?: Uint8Array; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.bytes) waiting.resolve(Buffer.from(message.bytes.buffer, 0, message.bytes.byteLength));
      else waiting.reject(new Error(`PDF: ${message.error ?? 'unknown error'}`));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PDF worker stopped (${code})`)));
    // After the listeners, which would hold it again: an idle worker never keeps the process up.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

const renderer = new PdfRenderer();

/** The PDF of `document`, laid out off the event loop (see PdfRenderer). */
export function renderPdf(document: PdfDocument): Promise<Buffer> {
  return renderer.render(document);
}
