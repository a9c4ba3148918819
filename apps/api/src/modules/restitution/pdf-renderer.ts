import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../common/errors/domain-error';

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

type Pending = { resolve: (pdf: Buffer) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** A worker and the renders it was given: a worker that fails fails its own renders only. */
interface Lane {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Documents waiting at most (beyond, a 503 that says to try again). */
export const MAX_PENDING_PDFS = 20;
/**
 * A render (its wait behind the others included) never takes this long: past it the worker is
 * stopped and replaced, its renders refused.
 */
export const PDF_TIMEOUT_MS = 120_000;

/**
 * Lays PDFs out on a worker thread. pdfmake lays a document out in one synchronous run: a
 * region's territorial report (a hundred pages) held the API's event loop 4 s, every request
 * waiting meanwhile. One worker, started at the first PDF and kept (pdfmake and its fonts are
 * loaded once, off the event loop too); documents queue in it one after the other, at most
 * MAX_PENDING_PDFS. It holds the process up only while it has work; one that fails or overruns
 * PDF_TIMEOUT_MS is stopped, its renders refused, and the next PDF starts a new one.
 */
export class PdfRenderer {
  private lane: Lane | null = null;
  private nextId = 0;

  render(document: PdfDocument, timeoutMs = PDF_TIMEOUT_MS): Promise<Buffer> {
    const lane = this.lane ?? this.start();
    if (lane.pending.size >= MAX_PENDING_PDFS) {
      return Promise.reject(
        new DomainError(
          'SERVICE_BUSY',
          'Trop de documents PDF sont en préparation : réessayez dans une minute.',
        ),
      );
    }
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop(lane, new Error(`PDF: layout took more than ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      lane.pending.set(id, { resolve, reject, timer });
      if (lane.pending.size === 1) lane.worker.ref();
      try {
        lane.worker.postMessage({ id, definition: document.definition, footer: document.footer });
      } catch (error) {
        this.settle(lane, id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private start(): Lane {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfmake: require.resolve('pdfmake'), fonts: FONTS_DIR },
    });
    const lane: Lane = { worker, pending: new Map() };
    worker.on('message', (message: { id: number; bytes?: Uint8Array; error?: string }) => {
      const waiting = this.settle(lane, message.id);
      if (!waiting) return;
      if (message.bytes) waiting.resolve(Buffer.from(message.bytes.buffer, 0, message.bytes.byteLength));
      else waiting.reject(new Error(`PDF: ${message.error ?? 'unknown error'}`));
    });
    worker.on('error', (error) => this.stop(lane, error));
    worker.on('exit', (code) => this.stop(lane, new Error(`PDF worker stopped (${code})`)));
    // After the listeners, which would hold it again: an idle worker never keeps the process up.
    worker.unref();
    this.lane = lane;
    return lane;
  }

  /** Takes a render off its lane (null when already settled); the lane idles when it has none. */
  private settle(lane: Lane, id: number): Pending | null {
    const waiting = lane.pending.get(id);
    if (!waiting) return null;
    clearTimeout(waiting.timer);
    lane.pending.delete(id);
    if (lane.pending.size === 0) lane.worker.unref();
    return waiting;
  }

  /** Refuses the lane's renders and stops its worker; the next PDF starts another. */
  private stop(lane: Lane, error: Error): void {
    if (this.lane === lane) this.lane = null;
    for (const id of [...lane.pending.keys()]) this.settle(lane, id)?.reject(error);
    void lane.worker.terminate();
  }
}

const renderer = new PdfRenderer();

/** The PDF of `document`, laid out off the event loop (see PdfRenderer). */
export function renderPdf(document: PdfDocument): Promise<Buffer> {
  return renderer.render(document);
}
