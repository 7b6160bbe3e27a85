/**
 * A small ZIP writer for tests (APPNOTE.TXT §4.3: local headers, central directory, end
 * record; no ZIP64). It writes what it is told, including what a careful archiver refuses:
 * names with `..` or a leading `/`, sizes that lie, pre-compressed bomb data. Names are UTF-8
 * with general purpose bit 11 set.
 */
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  readonly name: string;
  /** The entry's bytes; compressed according to `method` (default deflate). */
  readonly data?: Uint8Array;
  readonly method?: 'store' | 'deflate';
  /** Raw deflate data written as is, with the sizes and CRC it claims. */
  readonly raw?: {
    readonly compressed: Uint8Array;
    readonly uncompressedSize: number;
    readonly crc32: number;
    /** Claimed compressed size, when it should differ from the bytes written. */
    readonly compressedSize?: number;
  };
  /** Uncompressed size to declare instead of the real one (a lie). */
  readonly declaredSize?: number;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

const DOS_TIME = 0x6000; // 12:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (11 << 5) | 25;

export function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let method: number;
    let body: Buffer;
    let size: number;
    let crc: number;
    let compressedSize: number;
    if (e.raw) {
      method = 8;
      body = Buffer.from(e.raw.compressed);
      size = e.raw.uncompressedSize;
      crc = e.raw.crc32;
      compressedSize = e.raw.compressedSize ?? body.length;
    } else {
      const data = Buffer.from(e.data ?? new Uint8Array(0));
      method = e.method === 'store' ? 0 : 8;
      body = method === 0 ? data : deflateRawSync(data);
      size = data.length;
      crc = crc32(data);
      compressedSize = body.length;
    }
    if (e.declaredSize !== undefined) size = e.declaredSize;
    const common = Buffer.concat([
      u16(20), // version needed
      u16(0x800), // UTF-8 names
      u16(method),
      u16(DOS_TIME),
      u16(DOS_DATE),
      u32(crc),
      u32(compressedSize),
      u32(size),
      u16(name.length),
      u16(0), // extra field length
    ]);
    const local = Buffer.concat([u32(0x04034b50), common, name, body]);
    central.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(0x0314), // made by: Unix, 2.0
        common,
        u16(0), // comment length
        u16(0), // disk number
        u16(0), // internal attributes
        u32(e.name.endsWith('/') ? 0o40755 << 16 : 0o100644 << 16),
        u32(offset),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(cd.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * Raw deflate data for `mib` MiB of zeros, made without compressing them all: one MiB
 * compressed and sync-flushed (byte-aligned, not final) is repeated, its back-references
 * pointing into zeros either way, then a final empty block closes the stream. ~1 KiB per MiB.
 */
export async function zerosDeflated(
  mib: number,
): Promise<{ compressed: Buffer; uncompressedSize: number; crc32: number }> {
  const MiB = 1 << 20;
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  deflate.write(Buffer.alloc(MiB));
  await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
  deflate.destroy();
  const block = Buffer.concat(chunks);
  const zeros = Buffer.alloc(MiB);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  return {
    compressed: Buffer.concat([...Array<Buffer>(mib).fill(block), Buffer.from([0x03, 0x00])]),
    uncompressedSize: mib * MiB,
    crc32: crc,
  };
}
