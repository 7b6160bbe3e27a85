/**
 * Reading ZIP archives (APPNOTE.TXT 6.3) without unpacking them to disk: the yauzl boundary.
 * yauzl reads through the archive's ByteSource (random access, so a large archive is never
 * loaded whole); this module lists the central directory and reads one entry at a time into
 * memory, checking its size and CRC-32 (yauzl checks sizes but not CRCs). Its exceptions become
 * HosoError ARCHIVE_MALFORMED with the cause kept. Limits (how many entries, how large) are the
 * caller's: see verify-archive.ts.
 */
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import {
  fromRandomAccessReader,
  getFileNameLowLevel,
  RandomAccessReader,
  validateFileName,
  type Entry,
  type ZipFile,
} from 'yauzl';
import { HosoError, describeCause, type ByteSource } from '../kernel/index.js';

const READ_CHUNK = 1 << 16;

/** yauzl's reader over a ByteSource. The source stays the caller's to close. */
class ByteSourceReader extends RandomAccessReader {
  constructor(private readonly src: ByteSource) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const src = this.src;
    let pos = start;
    return new Readable({
      read() {
        if (pos >= end) {
          this.push(null);
          return;
        }
        const bytes = src.read(pos, Math.min(READ_CHUNK, end - pos));
        if (bytes.length === 0) {
          this.destroy(new Error(`unexpected end of archive at byte ${pos}`));
          return;
        }
        pos += bytes.length;
        this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
    });
  }

  /** Central directory records are read a few bytes at a time: copy them directly, no stream. */
  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    let bytes: Uint8Array;
    try {
      bytes = this.src.read(position, length);
    } catch (e) {
      setImmediate(() => callback(e instanceof Error ? e : new Error(String(e))));
      return;
    }
    buffer.set(bytes, offset);
    setImmediate(() => callback(null, bytes.length));
  }
}

export interface ZipEntryInfo {
  /** The entry name as decoded (UTF-8 when flagged or valid, else CP437); `\` read as `/`. */
  readonly name: string;
  /** Why the name is unsafe (absolute, `..`), or null. Such entries are reported, never read. */
  readonly unsafeName: string | null;
  readonly isDirectory: boolean;
  readonly compressedSize: number;
  /** As declared in the central directory; reading enforces it. */
  readonly uncompressedSize: number;
  /** Why the data cannot be decoded (encryption, compression method), or null. */
  readonly unsupported: string | null;
  readonly entry: Entry;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * APPNOTE.TXT §4.4.4 bit 11 says whether a name is UTF-8; without it the name is CP437. Some
 * archivers write UTF-8 names without setting the bit, so a name that is valid UTF-8 with
 * non-ASCII bytes is read as UTF-8. (A CP437 name that happens to be valid UTF-8 would be
 * misread; names in a Windows code page such as CP1258 are not recognised, and come out as
 * CP437.)
 */
function entryName(entry: Entry): string {
  const raw = entry.fileNameRaw;
  const flagged = (entry.generalPurposeBitFlag & 0x800) !== 0;
  const unicodeExtra = entry.extraFields.some((f) => f.id === 0x7075);
  if (!flagged && !unicodeExtra && raw.some((b) => b >= 0x80)) {
    try {
      return utf8.decode(raw).replace(/\\/g, '/');
    } catch {
      // not UTF-8: CP437 below
    }
  }
  return getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

function malformed(what: string, e: unknown): HosoError {
  if (e instanceof HosoError) return e;
  return new HosoError('ARCHIVE_MALFORMED', {
    params: { what, detail: describeCause(e) },
    cause: e,
  });
}

const pastDeclared = (size: number) => `the entry inflates past its declared size of ${size} bytes`;

export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    /** The archive's name in messages. */
    readonly label: string,
  ) {}

  /** Reads the end of central directory record; throws ARCHIVE_MALFORMED when there is none. */
  static async open(src: ByteSource, label: string): Promise<ZipArchive> {
    const zip = await new Promise<ZipFile>((resolve, reject) => {
      try {
        fromRandomAccessReader(
          new ByteSourceReader(src),
          src.size,
          // Names are decoded and judged here, entry by entry: yauzl's own check would abort
          // the whole listing at the first unsafe name, and we want to report it instead.
          { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
          (err, z) => (err ? reject(err) : resolve(z)),
        );
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    }).catch((e: unknown) => {
      throw malformed(label, e);
    });
    // Errors come back through the calls below; an 'error' event nobody listens to would
    // otherwise end the process.
    zip.on('error', () => {});
    return new ZipArchive(zip, label);
  }

  /** The entry count the archive declares (the central directory is not read yet). */
  get entryCount(): number {
    return this.zip.entryCount;
  }

  /** Every central directory record, in archive order. */
  async entries(): Promise<ZipEntryInfo[]> {
    const zip = this.zip;
    const out: ZipEntryInfo[] = [];
    await new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        zip.removeListener('entry', onEntry);
        zip.removeListener('end', onEnd);
        zip.removeListener('error', onError);
      };
      const onEntry = (entry: Entry) => {
        try {
          const name = entryName(entry);
          const method = entry.compressionMethod;
          out.push({
            name,
            unsafeName: validateFileName(name),
            isDirectory: name.endsWith('/'),
            compressedSize: entry.compressedSize,
            uncompressedSize: entry.uncompressedSize,
            unsupported: entry.isEncrypted()
              ? 'encrypted entry'
              : method !== 0 && method !== 8
                ? `compression method ${method}`
                : null,
            entry,
          });
          zip.readEntry();
        } catch (e) {
          cleanup();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
      const onEnd = () => {
        cleanup();
        resolve();
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    }).catch((e: unknown) => {
      throw malformed(this.label, e);
    });
    return out;
  }

  /**
   * The entry's bytes, in memory. The caller has checked `uncompressedSize` against its limit;
   * the stream is cut as soon as it yields more (yauzl stops there too), so an entry that lies
   * about its size costs at most that many bytes. CRC-32 mismatch → ARCHIVE_MALFORMED.
   */
  async read(info: ZipEntryInfo, what: string): Promise<Uint8Array> {
    const expected = info.uncompressedSize;
    let out = Buffer.alloc(0);
    let filled = 0;
    let crc = 0;
    try {
      // Opening checks that the compressed data lies inside the archive; only then allocate.
      const stream = await this.zip.openReadStreamPromise(info.entry);
      out = Buffer.allocUnsafe(expected);
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          if (filled + chunk.length > expected) {
            stream.destroy();
            reject(new Error(pastDeclared(expected)));
            return;
          }
          out.set(chunk, filled);
          filled += chunk.length;
          crc = crc32(chunk, crc);
        });
        stream.on('error', (e: Error) => {
          stream.destroy();
          // yauzl cuts the stream itself one chunk past the declared size; say it our way.
          reject(/too many bytes/.test(e.message) ? new Error(pastDeclared(expected)) : e);
        });
        stream.on('end', resolve);
      });
    } catch (e) {
      throw malformed(what, e);
    }
    if (filled !== expected)
      throw malformed(what, new Error(`entry holds ${filled} bytes, not the ${expected} declared`));
    if (crc >>> 0 !== info.entry.crc32 >>> 0)
      throw malformed(what, new Error('CRC-32 of the entry does not match'));
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }

  close(): void {
    this.zip.close();
  }
}
