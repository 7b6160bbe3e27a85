/**
 * A file carried inside the copy (ISO 32000-1 §7.11.4, embedded file streams): an
 * /EmbeddedFile stream (Flate-compressed; /Params with /Size, /CheckSum — the MD5 of the file,
 * Table 46 — and /ModDate), a file specification (/Type /Filespec, /F and /UF names, /EF,
 * /Desc, /AFRelationship /Source), listed in the catalog's /Names /EmbeddedFiles name tree
 * (§7.7.4) and in its /AF array of associated files (ISO 32000-2 §14.13, PDF/A-3). /PageMode
 * /UseAttachments makes readers open their attachment panel.
 *
 * The file's bytes come out of the copy exactly as they went in. They are stored compressed so
 * that the original's own signature dictionaries do not appear as plain text in the copy (a
 * naive scan for "/ByteRange" must not mistake them for signatures of the copy).
 */
import { createHash } from 'node:crypto';
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { flateStream } from '../layout/index.js';

export interface EmbeddedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly description: string;
  readonly modified: Date;
}

export function embedFile(doc: PDFDocument, file: EmbeddedFile): void {
  const ctx = doc.context;
  const isPdf = Buffer.from(file.bytes.subarray(0, 1024)).includes('%PDF-');
  const stream = flateStream(ctx, file.bytes, {
    Type: 'EmbeddedFile',
    ...(isPdf ? { Subtype: 'application/pdf' } : {}),
    Params: {
      Size: file.bytes.length,
      CheckSum: PDFHexString.of(createHash('md5').update(file.bytes).digest('hex')),
      ModDate: PDFString.fromDate(file.modified),
    },
  });
  const streamRef = ctx.register(stream);
  const name = file.name.normalize('NFC');
  // /F: a byte string for old readers (non-ASCII letters replaced); /UF: the Unicode name.
  const asciiName = name.replace(/[^\x20-\x7e]/g, '_');
  const spec = ctx.obj({
    Type: 'Filespec',
    F: PDFString.of(escapeLiteral(asciiName)),
    UF: PDFHexString.fromText(name),
    EF: { F: streamRef, UF: streamRef },
    Desc: PDFHexString.fromText(file.description),
    AFRelationship: 'Source',
  });
  const specRef = ctx.register(spec);
  doc.catalog.set(
    PDFName.of('Names'),
    ctx.obj({ EmbeddedFiles: { Names: [PDFHexString.fromText(name), specRef] } }),
  );
  doc.catalog.set(PDFName.of('AF'), ctx.obj([specRef]));
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseAttachments'));
}

/** pdf-lib writes PDFString values verbatim between parentheses: escape what must be. */
function escapeLiteral(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`);
}
