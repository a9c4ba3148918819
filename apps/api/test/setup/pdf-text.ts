import { inflateSync } from 'node:zlib';

/** An object's dictionary and its stream, inflated when compressed (latin1: one char per byte). */
function readable(body: string): string {
  const stream = /^([\s\S]*?)stream\r?\n([\s\S]*)\r?\nendstream/.exec(body);
  if (!stream || !/\/FlateDecode/.test(stream[1] as string)) return body;
  try {
    return `${stream[1]}stream\n${inflateSync(Buffer.from(stream[2] as string, 'latin1')).toString('latin1')}\nendstream`;
  } catch {
    return body;
  }
}

/**
 * The text of a PDF written by pdfmake (pdfkit), as a reader would copy it: the glyph
 * codes of every text operator (`[<…> …] TJ`, `<…> Tj`) decoded through the ToUnicode map of the
 * font selected before them (`/F1 8 Tf`). A glyph the font lacks is drawn as glyph 0, the
 * missing-glyph box, which pdfkit maps to U+0000: such a character in the text is a box on paper.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const match of source.matchAll(/(\d+) 0 obj\s([\s\S]*?)endobj/g)) {
    objects.set(match[1] as string, readable(match[2] as string));
  }
  // Font resource name (/F1) → font object → its ToUnicode CMap → glyph code → text.
  const maps = new Map<string, Map<number, string>>();
  for (const body of objects.values()) {
    const fonts = /\/Font\s*<<([\s\S]*?)>>/.exec(body)?.[1];
    for (const [, name, id] of fonts?.matchAll(/\/(\w+)\s+(\d+) 0 R/g) ?? []) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(id as string) ?? '')?.[1];
      if (toUnicode) maps.set(name as string, cmap(objects.get(toUnicode) ?? ''));
    }
  }
  if (maps.size === 0) throw new Error('No ToUnicode map found: is this a PDF of pdfmake?');
  let text = '';
  let font = new Map<number, string>();
  let line: string | undefined;
  for (const body of objects.values()) {
    if (!body.includes('\nBT\n')) continue; // a page's content stream, not a font file
    const ops =
      /\/(\w+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) Tm/g;
    for (const op of body.matchAll(ops)) {
      if (op[1]) font = maps.get(op[1]) ?? new Map();
      // pdfkit draws word by word, each placed by Tm: a new baseline is a new line of text, words
      // end with their space, so a word placed without one starts another cell.
      if (op[4] !== undefined) {
        if (line !== undefined && op[4] !== line) text += '\n';
        else if (text !== '' && !/\s$/.test(text)) text += ' '; // the next cell of a table row
        line = op[4];
        continue;
      }
      if (op[1]) continue;
      const hex = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [op[3]];
      for (const run of hex) {
        for (let i = 0; run && i + 4 <= run.length; i += 4) {
          const code = parseInt(run.slice(i, i + 4), 16);
          text += font.get(code) ?? '\ufffd';
        }
      }
    }
  }
  return text;
}

/** A ToUnicode CMap: its bfchar and bfrange entries (both forms), code → UTF-16BE text. */
function cmap(body: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const [, block] of body.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, unicode] of (block as string).matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      map.set(parseInt(code as string, 16), utf16(unicode as string));
    }
  }
  for (const [, block] of body.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, list, start] of (block as string).matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g,
    )) {
      const first = parseInt(from as string, 16);
      const last = parseInt(to as string, 16);
      // A ligature maps to several characters: "<0066 0069>" is "fi".
      const items =
        list !== undefined ? [...list.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((m) => m[1] as string) : [];
      for (let code = first; code <= last; code += 1) {
        if (list !== undefined) map.set(code, utf16(items[code - first] ?? 'fffd'));
        else map.set(code, String.fromCharCode(parseInt(start as string, 16) + code - first));
      }
    }
  }
  return map;
}
