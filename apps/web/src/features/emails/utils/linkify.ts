export type TextPart = { type: 'text'; text: string } | { type: 'link'; href: string; text: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the address ("… ici : https://x/y."). */
const TRAILING = /[.,;:!?»)\]]+$/;

/** Splits plain text into text and http(s) links, for an e-mail shown as text with clickable links. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let href = match[0];
    const trailing = TRAILING.exec(href)?.[0] ?? '';
    if (trailing !== '') href = href.slice(0, href.length - trailing.length);
    if (start > last) parts.push({ type: 'text', text: text.slice(last, start) });
    parts.push({ type: 'link', href, text: href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ type: 'text', text: text.slice(last) });
  return parts;
}
