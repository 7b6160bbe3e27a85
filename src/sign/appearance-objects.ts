/**
 * Turns a signature appearance (content + subset fonts, from src/layout) into PDF objects of an
 * incremental update: the form XObject (ISO 32000-1 §8.10) and, per font, a Type0 font with
 * Identity-H, its CIDFontType2 descendant, font descriptor, FontFile2 and ToUnicode streams
 * (§9.7, §9.8, §9.9, §9.10.3).
 */
import { deflateSync } from 'node:zlib';
import type { EmbeddableFont, SignatureAppearance } from '../layout/index.js';
import type { PdfRef } from '../pdf/index.js';
import { PdfDict, PdfName, PdfStream, PdfString, type PdfObject } from '../pdf/index.js';

export interface ObjectSink {
  allocate(): PdfRef;
  set(ref: PdfRef, obj: PdfObject): void;
}

const n = (name: string) => PdfName.of(name);

function flateStream(entries: Record<string, PdfObject>, data: Uint8Array): PdfStream {
  const dict = new PdfDict(Object.entries(entries));
  dict.set('Filter', n('FlateDecode'));
  return new PdfStream(dict, new Uint8Array(deflateSync(data)));
}

function cidWidths(widths: EmbeddableFont['widths']): PdfObject[] {
  // `c [w1 w2 …]` groups over runs of consecutive CIDs (§9.7.4.3).
  const out: PdfObject[] = [];
  let run: number[] = [];
  let start = -2;
  let previous = -2;
  for (const [cid, width] of widths) {
    if (cid !== previous + 1) {
      if (run.length) out.push(start, run);
      start = cid;
      run = [];
    }
    run.push(width);
    previous = cid;
  }
  if (run.length) out.push(start, run);
  return out;
}

function writeFont(sink: ObjectSink, font: EmbeddableFont): PdfRef {
  const fontFile = sink.allocate();
  sink.set(fontFile, flateStream({ Length1: font.fontFile2.length }, font.fontFile2));
  const descriptor = sink.allocate();
  sink.set(
    descriptor,
    new PdfDict([
      ['Type', n('FontDescriptor')],
      ['FontName', n(font.baseFontName)],
      ['Flags', font.flags],
      ['FontBBox', [...font.bbox]],
      ['ItalicAngle', font.italicAngle],
      ['Ascent', font.ascent],
      ['Descent', font.descent],
      ['CapHeight', font.capHeight],
      ['StemV', font.stemV],
      ['FontFile2', fontFile],
    ]),
  );
  const cidFont = sink.allocate();
  sink.set(
    cidFont,
    new PdfDict([
      ['Type', n('Font')],
      ['Subtype', n('CIDFontType2')],
      ['BaseFont', n(font.baseFontName)],
      [
        'CIDSystemInfo',
        new PdfDict([
          ['Registry', new PdfString(new Uint8Array(Buffer.from('Adobe')))],
          ['Ordering', new PdfString(new Uint8Array(Buffer.from('Identity')))],
          ['Supplement', 0],
        ]),
      ],
      ['FontDescriptor', descriptor],
      ['W', cidWidths(font.widths)],
      ['CIDToGIDMap', n('Identity')],
    ]),
  );
  const toUnicode = sink.allocate();
  sink.set(toUnicode, flateStream({}, new Uint8Array(Buffer.from(font.toUnicodeCMap, 'latin1'))));
  const type0 = sink.allocate();
  sink.set(
    type0,
    new PdfDict([
      ['Type', n('Font')],
      ['Subtype', n('Type0')],
      ['BaseFont', n(font.baseFontName)],
      ['Encoding', n('Identity-H')],
      ['DescendantFonts', [cidFont]],
      ['ToUnicode', toUnicode],
    ]),
  );
  return type0;
}

/** Writes the appearance and its fonts; returns the form XObject's reference. */
export function writeAppearance(sink: ObjectSink, appearance: SignatureAppearance): PdfRef {
  const fonts = new PdfDict();
  for (const { resourceName, font } of appearance.fonts)
    fonts.set(resourceName, writeFont(sink, font));
  const form = sink.allocate();
  sink.set(
    form,
    flateStream(
      {
        Type: n('XObject'),
        Subtype: n('Form'),
        BBox: [...appearance.bbox],
        Resources: new PdfDict([
          ['Font', fonts],
          ['ProcSet', [n('PDF'), n('Text')]],
        ]),
      },
      appearance.content,
    ),
  );
  return form;
}

/** An empty appearance for an invisible signature (zero-size widget): some validators want /AP. */
export function writeEmptyAppearance(sink: ObjectSink): PdfRef {
  const form = sink.allocate();
  const dict = new PdfDict([
    ['Type', n('XObject')],
    ['Subtype', n('Form')],
    ['BBox', [0, 0, 0, 0]],
  ]);
  sink.set(form, new PdfStream(dict, new Uint8Array(0)));
  return form;
}
