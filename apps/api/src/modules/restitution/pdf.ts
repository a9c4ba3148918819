// The package ships no types; included here so that every tsconfig that reaches this file sees them.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pdfmake.d.ts" />
import { dirname, join } from 'node:path';
import type pdfmakeModule from 'pdfmake';

const FONTS_DIR = join(dirname(require.resolve('pdfmake/fonts/Roboto.js')), 'Roboto');
let loaded: typeof pdfmakeModule | undefined;

/**
 * pdfmake, loaded at the first PDF (25 MB a process that writes none never holds) and set up once:
 * it reads nothing from the network and only its own font files from the disk.
 */
export function pdf(): typeof pdfmakeModule {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pdfmake = require('pdfmake') as typeof pdfmakeModule;
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONTS_DIR));
    pdfmake.setFonts({
      Roboto: {
        normal: join(FONTS_DIR, 'Roboto-Regular.ttf'),
        bold: join(FONTS_DIR, 'Roboto-Medium.ttf'),
        italics: join(FONTS_DIR, 'Roboto-Italic.ttf'),
        bolditalics: join(FONTS_DIR, 'Roboto-MediumItalic.ttf'),
      },
    });
    loaded = pdfmake;
  }
  return loaded;
}

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "1 240 personnes", "87,5 %", "—" for no value; a bare ratio has no unit (as on the pages). */
export const fmt = (value: number | null | undefined, unit = ''): string =>
  value === null || value === undefined
    ? '—'
    : `${number.format(value)}${unit && unit !== 'ratio' ? ` ${unit}` : ''}`;

/**
 * A document definition made printable with the embedded fonts: Intl's French thousands
 * separator, the narrow no-break space U+202F, is not in Roboto (pdfmake draws its missing-glyph
 * box, wider than the space, over the next column); every string, the footer's included, gets the
 * no-break space U+00A0 instead. Only the PDF: the pages and workbooks keep Intl's output.
 */
export function printable<T>(node: T): T {
  if (typeof node === 'string') return node.replace(/\u202f/g, '\u00a0') as T;
  if (Array.isArray(node)) return node.map((child: unknown) => printable(child)) as T;
  if (typeof node === 'function') {
    const render = node as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => printable(render(...args))) as T;
  }
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, printable(value)])) as T;
  }
  return node;
}
