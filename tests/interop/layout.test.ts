/**
 * Vietnamese text written with our own Type0 / CIDFontType2 subset font, read back by poppler.
 * The PDF is assembled by hand (as the signer does), so this checks the font objects, the
 * Identity-H codes and the ToUnicode map together. Requires poppler-utils (pdftotext, pdffonts)
 * and qpdf; fails when they are missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import {
  FontSubsetter,
  buildSignatureAppearance,
  embedTinos,
  loadTinos,
  saveDocument,
  type0FontDictionaries,
  type EmbeddableFont,
} from '../../src/layout/index.js';
import { LOWER_LETTERS, SAMPLE_LINES, UPPER_LETTERS } from '../unit/layout/vietnamese-letters.js';

function run(tool: string, args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error !== undefined) {
    throw new Error(
      `${tool} is required for this test (install poppler-utils / qpdf): ${r.error.message}`,
    );
  }
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/** A one-page PDF with a classic xref table, every object written by hand. */
function buildPdf(
  content: Uint8Array,
  fonts: readonly { name: string; font: EmbeddableFont }[],
): Uint8Array {
  const objects: Uint8Array[] = [];
  const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
  const add = (body: Uint8Array | string): number => {
    objects.push(typeof body === 'string' ? enc(body) : body);
    return objects.length;
  };
  const stream = (dict: string, data: Uint8Array): Uint8Array =>
    Buffer.concat([
      enc(`<< ${dict} /Length ${data.length} >>\nstream\n`),
      data,
      enc('\nendstream'),
    ]);

  const fontEntries: string[] = [];
  for (const { name, font } of fonts) {
    // Object numbers are known before the objects are added: next five in order.
    const base = objects.length + 1;
    const refs = {
      fontFile2: `${base} 0 R`,
      fontDescriptor: `${base + 1} 0 R`,
      descendantFont: `${base + 2} 0 R`,
      toUnicode: `${base + 3} 0 R`,
    };
    const dicts = type0FontDictionaries(font, refs);
    add(stream(dicts.fontFile2Entries, font.fontFile2));
    add(dicts.fontDescriptor);
    add(dicts.cidFont);
    add(stream('', enc(font.toUnicodeCMap)));
    const type0 = add(dicts.type0);
    expect(type0).toBe(base + 4);
    fontEntries.push(`/${name} ${type0} 0 R`);
  }
  const contents = add(stream('', content));
  const pagesNum = objects.length + 2;
  const page = add(
    `<< /Type /Page /Parent ${pagesNum} 0 R /MediaBox [0 0 595 842]` +
      ` /Resources << /Font << ${fontEntries.join(' ')} >> >> /Contents ${contents} 0 R >>`,
  );
  const pages = add(`<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
  expect(pages).toBe(pagesNum);
  const catalog = add(`<< /Type /Catalog /Pages ${pages} 0 R >>`);

  const parts: Uint8Array[] = [enc('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([enc(`${i + 1} 0 obj\n`), body, enc('\nendobj\n')]);
    parts.push(obj);
    offset += obj.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(enc(xref));
  return new Uint8Array(Buffer.concat(parts));
}

/** The non-empty lines pdftotext extracts (UTF-8); no warnings allowed on stderr. */
function extract(file: string, options: string[]): string[] {
  const text = run('pdftotext', [...options, '-enc', 'UTF-8', file, '-']);
  expect(text.status).toBe(0);
  expect(text.stderr).toBe('');
  return text.stdout
    .replace(/\f/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

describe('layout fonts read back by poppler', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hoso-layout-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pdftotext extracts every Vietnamese letter exactly as written', async () => {
    const lines = [
      LOWER_LETTERS.join(''),
      UPPER_LETTERS.join(''),
      LOWER_LETTERS.join(' '),
      ...SAMPLE_LINES,
      // Decomposed input must come out precomposed (NFC), like the rest.
      'Hà Nội, ngày 24 tháng 11 năm 2026'.normalize('NFD'),
    ];
    const regular = new FontSubsetter(await loadTinos('regular'), { serif: true });
    const bold = new FontSubsetter(await loadTinos('bold'), { serif: true });
    const ops: string[] = ['BT'];
    lines.forEach((text, i) => {
      const useBold = i === 1;
      const font = useBold ? bold : regular;
      const size = i < 3 ? 8 : 12;
      expect(font.widthOf(text, size)).toBeLessThan(595 - 72);
      ops.push(`/${useBold ? 'F2' : 'F1'} ${size} Tf`, `1 0 0 1 36 ${800 - i * 24} Tm`);
      ops.push(`<${font.encode(text)}> Tj`);
    });
    ops.push('ET');
    const pdf = buildPdf(new Uint8Array(Buffer.from(ops.join('\n'), 'latin1')), [
      { name: 'F1', font: await regular.finish() },
      { name: 'F2', font: await bold.finish() },
    ]);
    const file = join(dir, 'letters.pdf');
    writeFileSync(file, pdf);

    const check = run('qpdf', ['--check', file]);
    expect(check.status, check.stdout + check.stderr).toBe(0);

    const fonts = run('pdffonts', [file]);
    expect(fonts.status).toBe(0);
    const rows = fonts.stdout.split('\n').filter((l) => /\+Tinos-/.test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      // name, type "CID TrueType", encoding Identity-H, emb yes, sub yes, uni yes
      expect(row).toMatch(
        /^[A-Z]{6}\+Tinos-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/,
      );
    }

    const expected = lines.map((l) => l.normalize('NFC'));
    // -raw keeps content-stream order: every line, spaces included, exactly.
    expect(extract(file, ['-raw'])).toEqual(expected);
    // The default (physical layout) mode merges a line of evenly spaced one-letter words into one
    // word (a poppler heuristic for letter-spaced text), so that line is compared without spaces.
    const physical = extract(file, []);
    expect(physical).toEqual(expected.map((l, i) => (i === 2 ? l.replace(/ /g, '') : l)));
  });

  it('pdf-lib documents with embedTinos: every letter extracts, a missing character is a box read as U+FFFD', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedTinos(doc, ['regular', 'bold', 'italic'] as const);
    const page = doc.addPage([595, 842]);
    const lines: [string, keyof typeof fonts][] = [
      [LOWER_LETTERS.join(''), 'regular'],
      [UPPER_LETTERS.join(''), 'bold'],
      ['Người ký: Nguyễn Thị Ánh — chữ 漢 không có trong phông', 'italic'],
      ...SAMPLE_LINES.map((l): [string, 'regular'] => [l, 'regular']),
    ];
    lines.forEach(([text, style], i) =>
      page.drawText(text, { x: 36, y: 800 - i * 24, size: i < 2 ? 8 : 12, font: fonts[style] }),
    );
    // Widths come from the same glyphs the text is drawn with.
    expect(fonts.regular.widthOfTextAtSize('Ấn', 1000)).toBe(
      fonts.regular.widthOfTextAtSize('Ấ', 1000) + fonts.regular.widthOfTextAtSize('n', 1000),
    );
    const file = join(dir, 'pdf-lib-fonts.pdf');
    writeFileSync(file, await saveDocument(doc, { useObjectStreams: false }));

    const check = run('qpdf', ['--check', file]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const rows = run('pdffonts', [file])
      .stdout.split('\n')
      .filter((l) => /\+Tinos-/.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(row).toMatch(
        /^[A-Z]{6}\+Tinos-(Regular|Bold|Italic)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/,
      );
    expect(extract(file, ['-raw'])).toEqual(
      lines.map(([l]) => l.normalize('NFC').replace('漢', '\uFFFD')),
    );
  });

  it('pdftotext reads the signature appearance text back', async () => {
    const ap = await buildSignatureAppearance({
      width: 260,
      height: 70,
      lines: SAMPLE_LINES.map((text, i) => ({ text, size: i === 0 ? 10 : 8, bold: i === 0 })),
      border: true,
      fill: true,
    });
    // Draw the appearance content directly on the page, moved into place.
    const content = Buffer.concat([
      Buffer.from('q 1 0 0 1 100 600 cm\n', 'latin1'),
      ap.content,
      Buffer.from('Q\n', 'latin1'),
    ]);
    const pdf = buildPdf(
      new Uint8Array(content),
      ap.fonts.map((f) => ({ name: f.resourceName, font: f.font })),
    );
    const file = join(dir, 'appearance.pdf');
    writeFileSync(file, pdf);
    expect(extract(file, [])).toEqual(SAMPLE_LINES);
  });
});
