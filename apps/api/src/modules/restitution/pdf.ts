// The package ships no types; included here so that every tsconfig that reaches this file sees them.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pdfmake.d.ts" />
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';

const FONTS_DIR = join(dirname(require.resolve('pdfmake/fonts/Roboto.js')), 'Roboto');
let pdfmakeReady = false;

/** pdfmake, set up once: it reads nothing from the network and only its own font files from the disk. */
export function pdf(): typeof pdfmake {
  if (!pdfmakeReady) {
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
    pdfmakeReady = true;
  }
  return pdfmake;
}
