/**
 * Lines of a text no wider than a width in a font: breaks at spaces, and inside a word only
 * when the word alone is wider than the line (file names, codes). No hyphenation. Texts are put
 * in Unicode NFC first: Tinos has the precomposed Vietnamese letters, and a decomposed "ệ" would
 * be drawn as a base letter and loose marks.
 */
import type { PDFFont } from 'pdf-lib';

/**
 * Advance widths per character and font, at 1,000 units, so that wrapping a paragraph (which
 * measures each candidate line again) costs a map lookup per character. Fonts come from
 * embedTinos: no kerning, so a line's width is the sum of its characters' widths.
 */
// Keyed by the font's name, not the PDFFont: every document embeds its own PDFFont objects of
// the same few Tinos styles, and a per-object cache would start empty for each of them.
const advances = new Map<string, Map<string, number>>();

export function measureText(font: PDFFont, text: string, size: number): number {
  let widths = advances.get(font.name);
  if (widths === undefined) advances.set(font.name, (widths = new Map()));
  let total = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, 1000)));
    total += w;
  }
  return (total * size) / 1000;
}

export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (s: string): number => measureText(font, s, size);
  const words = text
    .normalize('NFC')
    .split(/ +/)
    .filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  const pushWord = (word: string): void => {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measure(candidate) <= width) {
      line = candidate;
      return;
    }
    if (line !== '') lines.push(line);
    line = '';
    if (measure(word) <= width) {
      line = word;
      return;
    }
    // A word wider than the line: cut it where it overflows.
    let part = '';
    for (const ch of word) {
      if (part !== '' && measure(part + ch) > width) {
        lines.push(part);
        part = '';
      }
      part += ch;
    }
    line = part;
  };
  // Keep runs of spaces the text asks for (e.g. "… {number}   Quyển số …") when they fit.
  if (measure(text.normalize('NFC')) <= width) return [text.normalize('NFC')];
  for (const word of words) pushWord(word);
  if (line !== '') lines.push(line);
  return lines;
}
