import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pageContentExtent } from '../../../src/copy/content-extent.js';
import { isFree, lowestFreeBand } from '../../../src/copy/free-space.js';
import { annotationBoxes, pageGeometry, type Box } from '../../../src/copy/page-geometry.js';
import { BufferSource } from '../../../src/kernel/index.js';
import { openPdf } from '../../../src/pdf/index.js';

/** A one-page A4 PDF whose content stream is `content`, with /F1 (Helvetica) and /Fm1 (a form). */
async function pdfWith(
  content: string,
  setup?: (doc: PDFDocument, resources: Record<string, unknown>) => Promise<void> | void,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595, 842]);
  const ctx = doc.context;
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const form = ctx.register(
    ctx.stream('0 0 m 50 0 l 50 20 l f', {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, 100, 100],
    }),
  );
  const bigForm = ctx.register(
    ctx.stream('0 0 m 10 0 l 10 10 l f', {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, 595, 842],
    }),
  );
  const resources: Record<string, unknown> = {
    Font: { F1: helvetica.ref },
    XObject: { Fm1: form, Big: bigForm },
  };
  await setup?.(doc, resources);
  page.node.set(PDFName.of('Resources'), ctx.obj(resources as never));
  page.node.set(PDFName.of('Contents'), ctx.register(ctx.flateStream(content)));
  return doc.save({ useObjectStreams: false });
}

async function extentOf(content: string, setup?: Parameters<typeof pdfWith>[1]) {
  const pdf = openPdf(new BufferSource(await pdfWith(content, setup)));
  const page = pdf.pages()[0]!.dict;
  return { extent: pageContentExtent(pdf, page), pdf, page };
}

const lowest = (boxes: readonly Box[]): number => Math.min(...boxes.map((b) => b[1]));
const highest = (boxes: readonly Box[]): number => Math.max(...boxes.map((b) => b[3]));

describe('pageContentExtent', () => {
  it('finds filled and stroked paths through q/Q and cm', async () => {
    const { extent } = await extentOf('q 1 0 0 1 100 200 cm 0 0 50 50 re f Q 10 700 m 200 700 l S');
    expect(extent.understood).toBe(true);
    expect(extent.unclosedSaves).toBe(0);
    expect(lowest(extent.boxes)).toBeLessThanOrEqual(200);
    expect(lowest(extent.boxes)).toBeGreaterThan(190);
    // The stroke is widened by its width and miter limit.
    expect(highest(extent.boxes)).toBeGreaterThan(700);
  });

  it('places text from Tm, Td and T* with the font size, conservatively', async () => {
    const { extent } = await extentOf(
      'BT /F1 12 Tf 14 TL 72 500 Td (First line) Tj T* (Second) Tj 0 -14 Td (Third) Tj ET',
    );
    expect(extent.understood).toBe(true);
    // Third baseline at 472; descenders below it.
    const low = lowest(extent.boxes);
    expect(low).toBeLessThan(472);
    expect(low).toBeGreaterThan(460);
    expect(highest(extent.boxes)).toBeGreaterThan(500 + 8);
  });

  it('does not count invisible text (render mode 3, OCR layers)', async () => {
    const { extent } = await extentOf(
      'BT 3 Tr /F1 12 Tf 72 100 Td (hidden) Tj ET 0 500 10 10 re f',
    );
    expect(lowest(extent.boxes)).toBeGreaterThan(400);
  });

  it('reads a form XObject inside its BBox and matrix, and an image as its unit square', async () => {
    const { extent } = await extentOf(
      'q 2 0 0 2 100 300 cm /Fm1 Do Q q 200 0 0 100 300 50 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q',
    );
    expect(extent.understood).toBe(true);
    const boxes = [...extent.boxes].sort((a, b) => a[1] - b[1]);
    // The inline image: 300..500 × 50..150.
    expect(boxes[0]![1]).toBeCloseTo(50, 0);
    expect(boxes[0]![3]).toBeCloseTo(150, 0);
    // The form's content (a triangle 50×20 scaled by 2) and not its whole 100×100 box.
    const form = boxes[1]!;
    expect(form[1]).toBeGreaterThan(298);
    expect(form[3]).toBeLessThan(342);
  });

  it('keeps a page-sized form to what it draws', async () => {
    const { extent } = await extentOf('/Big Do');
    expect(highest(extent.boxes)).toBeLessThan(12);
  });

  it('clips painting to the clipping path', async () => {
    const { extent } = await extentOf('q 0 600 595 242 re W n 0 0 595 842 re f Q');
    expect(lowest(extent.boxes)).toBeGreaterThanOrEqual(599);
  });

  it('counts q left open at the end of the page', async () => {
    const { extent } = await extentOf('q q 0.5 0 0 0.5 0 0 cm 0 0 10 10 re f');
    expect(extent.understood).toBe(true);
    expect(extent.unclosedSaves).toBe(2);
  });

  it('gives up — page full — on what it does not understand', async () => {
    for (const content of [
      '0 0 10 10 re f 1 2 3 frobnicate',
      'Q 0 0 10 10 re f',
      'BT /F1 12 Tf (unterminated text object) Tj',
      '0 0 m (unterminated',
    ]) {
      const { extent } = await extentOf(content);
      expect(extent.understood, content).toBe(false);
      expect(lowest(extent.boxes)).toBe(-Infinity);
    }
    // …but not inside BX/EX, where readers ignore unknown operators too.
    const { extent } = await extentOf('BX 1 2 frobnicate EX 0 500 10 10 re f');
    expect(extent.understood).toBe(true);
  });

  it('refuses Type 3 fonts and vertical writing', async () => {
    const type3 = async (doc: PDFDocument, res: Record<string, unknown>): Promise<void> => {
      res['Font'] = {
        T3: doc.context.obj({
          Type: 'Font',
          Subtype: 'Type3',
          FontBBox: [0, 0, 1, 1],
          FontMatrix: [1, 0, 0, 1, 0, 0],
          CharProcs: {},
          Encoding: { Type: 'Encoding', Differences: [] },
          FirstChar: 0,
          LastChar: 0,
          Widths: [1],
        }),
        V: doc.context.obj({ Type: 'Font', Subtype: 'Type0', Encoding: 'Identity-V' }),
      };
    };
    expect((await extentOf('BT /T3 1 Tf (a) Tj ET', type3)).extent.understood).toBe(false);
    expect((await extentOf('BT /V 12 Tf <0001> Tj ET', type3)).extent.understood).toBe(false);
  });

  it('treats a shading without clip as covering everything', async () => {
    const shading = (doc: PDFDocument, res: Record<string, unknown>): void => {
      res['Shading'] = {
        Sh: doc.context.obj({
          ShadingType: 2,
          ColorSpace: 'DeviceGray',
          Coords: [0, 0, 1, 0],
          Function: { FunctionType: 2, Domain: [0, 1], C0: [0], C1: [1], N: 1 },
        }),
      };
    };
    const { extent } = await extentOf('/Sh sh', shading);
    expect(lowest(extent.boxes)).toBe(-Infinity);
    const clipped = await extentOf('q 0 700 100 100 re W n /Sh sh Q', shading);
    expect(lowest(clipped.extent.boxes)).toBeGreaterThanOrEqual(699);
  });

  it('reads the visible area, rotation and annotation rectangles', async () => {
    const bytes = await pdfWith('', (doc) => {
      void doc;
    });
    const doc = await PDFDocument.load(bytes);
    const page = doc.getPage(0);
    page.setCropBox(10, 20, 500, 700);
    page.setRotation({ type: 'degrees', angle: -90 } as never);
    page.node.set(
      PDFName.of('Annots'),
      doc.context.obj([
        doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [100, 30, 120, 50] }),
        doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [0, 0, 5, 5], F: 2 }),
      ]),
    );
    const pdf = openPdf(new BufferSource(await doc.save()));
    const dict = pdf.pages()[0]!.dict;
    const g = pageGeometry(pdf, dict);
    expect(g.visible).toEqual([10, 20, 510, 720]);
    expect(g.rotate).toBe(270);
    expect(annotationBoxes(pdf, dict)).toEqual([[100, 30, 120, 50]]);
  });
});

describe('free space', () => {
  const boxes: Box[] = [
    [50, 700, 500, 800], // body
    [280, 20, 320, 35], // the original's own page number
  ];
  it('finds the lowest band that touches nothing, above a footer if need be', () => {
    expect(lowestFreeBand(boxes, 40, 550, 100, 30, 820, 5)).toBeCloseTo(40, 5);
    expect(lowestFreeBand(boxes, 40, 550, 700, 30, 820, 5)).toBeNull();
    expect(lowestFreeBand(boxes, 40, 550, 100, 10, 820, 5)).toBeCloseTo(40, 5);
    expect(
      lowestFreeBand([[-Infinity, -Infinity, Infinity, Infinity]], 0, 10, 1, 0, 100, 0),
    ).toBeNull();
  });
  it('tells whether a small rectangle is free', () => {
    expect(isFree([500, 10, 560, 25], boxes, 5)).toBe(true);
    expect(isFree([300, 10, 360, 25], boxes, 5)).toBe(false);
  });
});
