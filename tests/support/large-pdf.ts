/**
 * A one-page PDF carrying about `mb` megabytes of incompressible image data, for the 50 MB
 * signing case of the interop suite and for bench/sign. Made with pdf-lib; `xref: 'table'`
 * gives a classic cross-reference table (what @signpdf's plain placeholder can read).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';

export async function writeLargePdf(
  path: string,
  mb: number,
  xref: 'table' | 'stream',
): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(`${mb} MB input`, {
    x: 72,
    y: 770,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  const width = 1000;
  const height = Math.ceil((mb * 1024 * 1024) / (width * 3));
  const image = doc.context.stream(randomBytes(width * height * 3), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceRGB',
    BitsPerComponent: 8,
  });
  page.node.setXObject(PDFName.of('Im1'), doc.context.register(image));
  writeFileSync(path, await doc.save({ useObjectStreams: xref === 'stream' }));
  return path;
}
