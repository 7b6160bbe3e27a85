/**
 * Incremental updates written by src/pdf, checked by qpdf: `qpdf --check` must find no syntax or
 * stream encoding errors, and qpdf must see the new objects and the new catalog version. Inputs
 * with a classic xref table, with xref + object streams (pdf-lib), and with object streams
 * written by qpdf itself. Fails (never skips) when qpdf is missing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferSource } from '../../src/kernel/index.js';
import type { PdfRef } from '../../src/pdf/index.js';
import {
  IncrementalUpdate,
  openPdf,
  PdfDict,
  PdfName,
  PdfRaw,
  PdfStream,
  cloneObject,
  pdfTextString,
} from '../../src/pdf/index.js';
import { requireTool, runTool } from '../support/external-tools.js';

let dir = '';
beforeAll(() => {
  requireTool('qpdf');
  dir = mkdtempSync(join(tmpdir(), 'hoso-pdf-writer-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function pdfLibInput(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 400]).drawRectangle({ x: 10, y: 10, width: 50, height: 50 });
  doc.addPage([500, 600]);
  return doc.save({ useObjectStreams });
}

/** Adds what a signer adds: a signature dictionary, a widget, a new AcroForm and catalog version. */
function update(base: Uint8Array): { all: Uint8Array; sig: PdfRef; kind: string } {
  const f = openPdf(new BufferSource(base));
  const upd = new IncrementalUpdate(f);
  const sig = upd.allocate();
  upd.set(
    sig,
    new PdfDict([
      ['Type', PdfName.of('Sig')],
      ['Filter', PdfName.of('Adobe.PPKLite')],
      [
        'ByteRange',
        new PdfRaw(new Uint8Array(Buffer.from('[0 0000000000 0000000000 0000000000]'))),
      ],
      ['Contents', new PdfRaw(new Uint8Array(Buffer.from(`<${'0'.repeat(512)}>`)))],
      ['Name', pdfTextString('Nguyễn Văn An')],
    ]),
  );
  const ap = upd.allocate();
  upd.set(
    ap,
    new PdfStream(
      new PdfDict([
        ['Type', PdfName.of('XObject')],
        ['Subtype', PdfName.of('Form')],
        ['BBox', [0, 0, 10, 10]],
      ]),
      new Uint8Array(0),
    ),
  );
  const page = f.pages()[0]!;
  const widget = upd.allocate();
  upd.set(
    widget,
    new PdfDict([
      ['Type', PdfName.of('Annot')],
      ['Subtype', PdfName.of('Widget')],
      ['FT', PdfName.of('Sig')],
      ['T', pdfTextString('Signature1')],
      ['V', sig],
      ['Rect', [0, 0, 0, 0]],
      ['F', 132],
      ['P', page.ref],
      ['AP', new PdfDict([['N', ap]])],
    ]),
  );
  const newPage = cloneObject(page.dict);
  newPage.set('Annots', [widget]);
  upd.set(page.ref, newPage);
  const acro = upd.allocate();
  upd.set(
    acro,
    new PdfDict([
      ['Fields', [widget]],
      ['SigFlags', 3],
    ]),
  );
  const catalog = cloneObject(f.catalog());
  catalog.set('AcroForm', acro);
  upd.set(f.trailer.get('Root') as PdfRef, catalog);
  const built = upd.build({ baseLength: base.length });
  const all = new Uint8Array(base.length + built.bytes.length);
  all.set(base);
  all.set(built.bytes, base.length);
  return { all, sig, kind: f.xrefKind };
}

function check(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const r = runTool('qpdf', ['--check', path]);
  expect(r.out).toContain('No syntax or stream encoding errors found');
  expect(r.code).toBe(0);
  return path;
}

describe('incremental updates pass qpdf --check', () => {
  const inputs: [string, () => Promise<Uint8Array>, string][] = [
    ['classic-xref', () => pdfLibInput(false), 'table'],
    ['xref-stream', () => pdfLibInput(true), 'stream'],
    [
      'qpdf-object-streams',
      async () => {
        const src = join(dir, 'qpdf-src.pdf');
        writeFileSync(src, await pdfLibInput(false));
        const out = join(dir, 'qpdf-objstm.pdf');
        const r = runTool('qpdf', ['--object-streams=generate', src, out]);
        expect(r.code).toBe(0);
        return new Uint8Array(readFileSync(out));
      },
      'stream',
    ],
  ];
  for (const [name, make, kind] of inputs) {
    it(`${name}: the update is clean and qpdf sees the new objects`, async () => {
      const base = await make();
      check(`${name}-base.pdf`, base);
      const { all, sig, kind: written } = update(base);
      expect(written).toBe(kind);
      const path = check(`${name}-updated.pdf`, all);
      const shown = runTool('qpdf', [`--show-object=${sig.num}`, path]);
      expect(shown.code).toBe(0);
      expect(shown.out).toContain('/Type /Sig');
      const root = runTool('qpdf', ['--show-object=trailer', path]);
      expect(root.out).toMatch(/\/Prev \d+/);
      const pages = runTool('qpdf', ['--show-npages', path]);
      expect(pages.out.trim()).toBe('2');

      // A second update on top of the first is clean too, and so is an update with no objects
      // (only a new /ID).
      const twice = update(all).all;
      check(`${name}-updated-twice.pdf`, twice);
      const empty = new IncrementalUpdate(openPdf(new BufferSource(twice))).build({
        baseLength: twice.length,
        id: [new Uint8Array([1, 2]), new Uint8Array([3, 4])],
      });
      check(`${name}-empty-update.pdf`, Buffer.concat([twice, empty.bytes]));
    });
  }
});
