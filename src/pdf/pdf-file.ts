/**
 * An opened PDF file: header, cross-reference, trailer, revisions and objects on demand, read
 * through a `ByteSource` (ISO 32000-1 §7.5). Opening reads the header, the tail and the
 * cross-reference sections; objects are parsed when asked for, stream data when read. Nothing
 * else of the input is loaded, so a 1 GB file opens in a few megabytes.
 *
 * Damaged files: the cross-reference chain is read tolerantly (see `xref-locate.ts`,
 * `xref-table.ts`); if it is still unusable, or the trailer leads to no catalog, the file is
 * scanned (`xref-reconstruct.ts`) and `damaged` is true. Encrypted files open (the structure is
 * not encrypted), but strings and streams are not decrypted (`isEncrypted`).
 */
import { isHosoError, type ByteSource } from '../kernel/index.js';
import { hasObjectsAfter, readHeader, readStartxref, type PdfHeader } from './file-structure.js';
import { DEFAULT_MAX_STREAM_BYTES, ObjectStore, type StreamReadOptions } from './object-store.js';
import { PdfDict, PdfRef, type PdfObject, type PdfStream } from './objects.js';
import {
  inheritedAttribute,
  listPages,
  type InheritableAttribute,
  type PageEntry,
} from './page-tree.js';
import { malformed } from './pdf-errors.js';
import { revisionLayout, type Revision } from './revisions.js';
import { SourceReader } from './source-reader.js';
import { mergeTrailers } from './trailer-merge.js';
import { loadXrefChain } from './xref-chain.js';
import type { XrefEntry } from './xref-entry.js';
import { MAX_OBJECT_NUMBER, type XrefIndex } from './xref-index.js';
import type { XrefKind } from './xref-locate.js';
import { reconstructXref } from './xref-reconstruct.js';

export { DEFAULT_MAX_STREAM_BYTES, type StreamReadOptions };

/** A cross-reference section of the file and the revision (index) it belongs to. */
export interface SectionPlace {
  readonly offset: number;
  readonly kind: XrefKind;
  readonly revision: number;
}

/**
 * What the revision views (`revision-view.ts`) need and the public surface does not show: the
 * reader and every cross-reference section, newest first (the order in which their entries
 * take precedence).
 */
export interface FileInternals {
  readonly reader: SourceReader;
  readonly headerOffset: number;
  readonly sections: readonly SectionPlace[];
}

const internals = new WeakMap<PdfFile, FileInternals>();

/** The internals of an opened file (package-private: not exported from `index.ts`). */
export function fileInternals(pdf: PdfFile): FileInternals {
  const i = internals.get(pdf);
  if (i === undefined) throw malformed('not a file opened by openPdf');
  return i;
}

interface Structure {
  readonly header: PdfHeader;
  readonly trailer: PdfDict;
  readonly xrefKind: XrefKind;
  readonly startxref: number;
  readonly size: number;
  readonly revisions: readonly Revision[];
  readonly reconstructed: boolean;
  readonly sections: readonly SectionPlace[];
}

export class PdfFile {
  readonly header: PdfHeader;
  /** The newest trailer, completed from older ones where it lacks /Root, /Info, /ID, /Encrypt. */
  readonly trailer: PdfDict;
  /** Kind of the newest cross-reference section (a hybrid file's newest section is a table). */
  readonly xrefKind: XrefKind;
  /** Offset of the newest cross-reference section (where it really is); -1 if repair found none. */
  readonly startxref: number;
  /** The /Size an update continues from: highest object number in any section + 1 (or /Size if larger). */
  readonly size: number;
  /** One per revision, oldest first (see `revisions.ts`). */
  readonly revisions: readonly Revision[];
  readonly isEncrypted: boolean;
  private readonly reconstructed: boolean;

  private constructor(
    readonly source: ByteSource,
    private readonly store: ObjectStore,
    reader: SourceReader,
    s: Structure,
  ) {
    this.header = s.header;
    this.trailer = s.trailer;
    this.xrefKind = s.xrefKind;
    this.startxref = s.startxref;
    this.size = s.size;
    this.revisions = s.revisions;
    this.reconstructed = s.reconstructed;
    this.isEncrypted = s.trailer.has('Encrypt');
    store.encrypted = this.isEncrypted;
    internals.set(this, { reader, headerOffset: s.header.offset, sections: s.sections });
  }

  /**
   * True when the cross-reference was unusable and had to be rebuilt by scanning the file. An
   * incremental update cannot be chained to such a file (see `IncrementalUpdate`).
   */
  get damaged(): boolean {
    return this.reconstructed;
  }

  /**
   * True once some object was not where the cross-reference said and was found by searching
   * (the xref itself being usable). Such files read fine; `damaged` stays false.
   */
  get objectsRepaired(): boolean {
    return this.store.repaired;
  }

  /** Objects follow the last `startxref` (see hasUnterminatedUpdate). */
  get unterminatedUpdate(): boolean {
    const { reader } = internals.get(this)!;
    const tail = readStartxref(reader);
    return tail !== undefined && hasObjectsAfter(reader, tail.keywordAt);
  }

  /** The file read by scanning its objects, ignoring its cross-reference sections. */
  static openReconstructed(src: ByteSource): PdfFile {
    const reader = new SourceReader(src);
    return PdfFile.reconstruct(src, reader, readHeader(reader));
  }

  static open(src: ByteSource): PdfFile {
    const reader = new SourceReader(src);
    const header = readHeader(reader);
    const tail = readStartxref(reader);
    if (tail !== undefined) {
      try {
        const chain = loadXrefChain(reader, tail, header.offset);
        const newest = chain.sections[0];
        if (newest !== undefined) {
          const store = new ObjectStore(reader, chain.index, header.offset);
          const trailer = mergeTrailers(chain.sections.map((s) => s.trailer));
          const layout = revisionLayout(reader, chain.sections);
          const file = new PdfFile(src, store, reader, {
            header,
            trailer,
            xrefKind: newest.kind,
            startxref: newest.offset,
            size: sizeFrom(chain.index, trailer),
            revisions: layout.revisions,
            reconstructed: false,
            sections: chain.sections.map((s, i) => ({
              offset: s.offset,
              kind: s.kind,
              revision: layout.sectionRevision[i] ?? 0,
            })),
          });
          // An encrypted file may keep its catalog in an object stream we cannot decrypt; its
          // cross-reference is fine, so it opens and says it is encrypted.
          if (file.isEncrypted || file.lookupDict(trailer.get('Root')) !== undefined) return file;
        }
      } catch (e) {
        if (!isHosoError(e)) throw e;
        // fall through to reconstruction
      }
    }
    return PdfFile.reconstruct(src, reader, header);
  }

  private static reconstruct(src: ByteSource, reader: SourceReader, header: PdfHeader): PdfFile {
    const rec = reconstructXref(reader);
    const store = new ObjectStore(reader, rec.index, header.offset);
    const rootOf = (t: PdfDict): boolean => {
      try {
        return store.resolve(t.get('Root')) instanceof PdfDict;
      } catch {
        return false;
      }
    };
    let trailer: PdfDict | undefined;
    for (let i = rec.trailers.length - 1; i >= 0 && trailer === undefined; i--) {
      if (rootOf(rec.trailers[i]!)) trailer = mergeTrailers(rec.trailers.slice(0, i + 1).reverse());
    }
    trailer ??= syntheticTrailer(store, rec.index);
    const last = rec.sections[rec.sections.length - 1];
    // Each section found belongs to the revision whose bytes hold it; newest first.
    const sections: SectionPlace[] = [];
    for (let i = rec.sections.length - 1; i >= 0; i--) {
      const sec = rec.sections[i]!;
      const revision = rec.revisions.findIndex((r) => sec.offset < r.end);
      if (revision >= 0) sections.push({ offset: sec.offset, kind: sec.kind, revision });
    }
    return new PdfFile(src, store, reader, {
      header,
      trailer,
      xrefKind: last?.kind ?? 'table',
      startxref: last?.offset ?? -1,
      size: sizeFrom(rec.index, trailer),
      revisions: rec.revisions,
      reconstructed: true,
      sections,
    });
  }

  /** The object numbered `num` (whatever its generation), or undefined if free or missing. */
  getObject(num: number): PdfObject | undefined {
    return this.store.getObject(num);
  }

  /** Follows references; undefined for a free or missing object. */
  resolve(obj: PdfObject | undefined): PdfObject | undefined {
    return this.store.resolve(obj);
  }

  /** The dictionary `obj` is or refers to; undefined for anything else (streams included). */
  lookupDict(obj: PdfObject | undefined): PdfDict | undefined {
    const v = this.store.resolve(obj);
    return v instanceof PdfDict ? v : undefined;
  }

  /** The merged cross-reference entry of object `num`. */
  xrefEntry(num: number): XrefEntry | undefined {
    return this.store.index.get(num);
  }

  /**
   * A stream's data read from the input on demand: raw (still encoded) by default, decoded with
   * `decode: true`. More than `maxBytes` (default 256 MiB) raw or decoded is INPUT_TOO_LARGE.
   */
  readStreamData(stream: PdfStream, opts?: StreamReadOptions): Uint8Array {
    return this.store.readStreamData(stream, opts);
  }

  /** The document catalog (§7.7.2), the trailer's /Root. */
  catalog(): PdfDict {
    const root = this.lookupDict(this.trailer.get('Root'));
    if (root === undefined) throw malformed('the trailer has no document catalog (/Root)');
    return root;
  }

  /** Every page, in document order (§7.7.3). */
  pages(): PageEntry[] {
    return listPages(this, this.catalog().get('Pages'));
  }

  /** A page attribute, from the page or the nearest ancestor that sets it (§7.7.3.4). */
  inheritedPageAttribute(pageDict: PdfDict, key: InheritableAttribute): PdfObject | undefined {
    return inheritedAttribute(this, pageDict, key);
  }
}

export function openPdf(src: ByteSource): PdfFile {
  return PdfFile.open(src);
}

function sizeFrom(index: XrefIndex, trailer: PdfDict): number {
  const declared = trailer.getNumber('Size');
  const fromEntries = index.maxObjectNumber + 1;
  if (declared !== undefined && Number.isInteger(declared) && declared <= MAX_OBJECT_NUMBER + 1) {
    return Math.max(declared, fromEntries);
  }
  return fromEntries;
}

/** Without a usable trailer: the last object that is a catalog (§7.7.2) becomes /Root. */
function syntheticTrailer(store: ObjectStore, index: XrefIndex): PdfDict {
  let root: PdfRef | undefined;
  for (const num of index.inUse()) {
    try {
      const obj = store.getObject(num);
      if (obj instanceof PdfDict && obj.getName('Type') === 'Catalog') {
        const e = index.get(num);
        root = new PdfRef(num, e?.type === 'offset' ? e.gen : 0);
      }
    } catch {
      // skip unreadable objects
    }
  }
  if (root === undefined) throw malformed('no document catalog found, even by scanning the file');
  return new PdfDict([
    ['Size', index.maxObjectNumber + 1],
    ['Root', root],
  ]);
}
