/**
 * The two placeholders every signature dictionary written by hoso carries, and how they are
 * filled (ISO 32000-1 §12.8.1): /Contents, a hex string of zeros wide enough for the DER to come,
 * and /ByteRange, fixed-width so that writing the real numbers moves nothing. The update is built
 * once with the placeholders, the ByteRange is computed from where /Contents landed, the bytes
 * outside the gap are hashed, and the DER (a CMS signature, or a timestamp token for a document
 * timestamp) is written into the gap. Shared by PAdES signatures (pades-signer.ts) and document
 * timestamps (document-timestamp.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import type { DigestAlgorithm } from '../cms/index.js';
import { forEachChunk, HosoError, type ByteSource } from '../kernel/index.js';
import { PdfRaw, type BuiltIncrementalUpdate } from '../pdf/index.js';

export type ByteRange = readonly [number, number, number, number];

const BYTE_RANGE_WIDTH = 10; // digits per number: files up to 9.3 GB

/** The placeholder objects to put in a signature dictionary as /Contents and /ByteRange. */
export interface SignatureSlot {
  readonly contents: PdfRaw;
  readonly byteRange: PdfRaw;
}

/** Placeholders reserving `reserve` bytes of DER. */
export function signatureSlot(reserve: number): SignatureSlot {
  const zeros = '0'.repeat(BYTE_RANGE_WIDTH);
  return {
    contents: new PdfRaw(new Uint8Array(Buffer.from(`<${'0'.repeat(reserve * 2)}>`, 'latin1'))),
    byteRange: new PdfRaw(new Uint8Array(Buffer.from(`[0 ${zeros} ${zeros} ${zeros}]`, 'latin1'))),
  };
}

/** An update holding a slot, and where in it the placeholders were written. */
export interface PlacedSlot {
  readonly update: Uint8Array;
  readonly contentsAt: number; // offset of '<' within update
  readonly contentsLength: number; // with delimiters
  readonly byteRangeAt: number;
  readonly byteRangeLength: number;
}

export function placeSlot(built: BuiltIncrementalUpdate, slot: SignatureSlot): PlacedSlot {
  const contentsAt = built.rawOffsets.get(slot.contents);
  const byteRangeAt = built.rawOffsets.get(slot.byteRange);
  if (contentsAt === undefined || byteRangeAt === undefined) {
    throw new HosoError('INTERNAL', {
      params: { detail: 'signature placeholders were not written' },
    });
  }
  return {
    update: built.bytes,
    contentsAt,
    contentsLength: slot.contents.bytes.length,
    byteRangeAt,
    byteRangeLength: slot.byteRange.bytes.length,
  };
}

function fillByteRange(width: number, range: readonly number[]): Uint8Array {
  const text = `[${range.join(' ')}]`;
  if (text.length > width) {
    throw new HosoError('INPUT_TOO_LARGE', {
      params: { what: 'PDF', size: range[3] ?? 0, limit: 10 ** BYTE_RANGE_WIDTH },
    });
  }
  // Pad inside the brackets: `[0 123 456 789      ]` is the same array.
  return new Uint8Array(
    Buffer.from(text.slice(0, -1) + ' '.repeat(width - text.length) + ']', 'latin1'),
  );
}

/** One pass over the input: the signature's digest and SHA-256 (to report the output's hash). */
export function hashSource(
  src: ByteSource,
  digest: DigestAlgorithm,
): { signing: Hash; sha256: Hash } {
  const signing = createHash(digest);
  const sha256 = digest === 'sha256' ? signing : createHash('sha256');
  forEachChunk(src, 0, src.size, (c) => {
    signing.update(c);
    if (sha256 !== signing) sha256.update(c);
  });
  return { signing, sha256 };
}

export interface SealedSlot {
  readonly update: Uint8Array;
  readonly byteRange: ByteRange;
  readonly der: Uint8Array;
  readonly reserved: number;
}

/**
 * Builds the update with `reserve` bytes for the DER, writes its ByteRange, hashes the covered
 * bytes (`baseHash` has already seen the `baseLength` bytes the update follows) and has `sign`
 * turn that digest into the DER to write in the gap. A DER larger than guessed (ECDSA values and
 * TSA tokens vary in size) makes the update be rebuilt with room for it, up to three times.
 */
export async function sealSlot(
  baseHash: Hash,
  baseLength: number,
  reserve: number,
  prepare: (reserve: number) => Promise<PlacedSlot>,
  sign: (digest: Uint8Array) => Promise<Uint8Array>,
): Promise<SealedSlot> {
  let room = reserve;
  for (let attempt = 0; attempt < 3; attempt++) {
    const placed = await prepare(room);
    const { update, contentsAt, contentsLength } = placed;
    const gapStart = baseLength + contentsAt;
    const gapEnd = gapStart + contentsLength;
    const total = baseLength + update.length;
    const byteRange = [0, gapStart, gapEnd, total - gapEnd] as const;
    update.set(fillByteRange(placed.byteRangeLength, byteRange), placed.byteRangeAt);

    const digest = baseHash
      .copy()
      .update(update.subarray(0, contentsAt))
      .update(update.subarray(contentsAt + contentsLength))
      .digest();
    const der = await sign(new Uint8Array(digest));
    if (der.length > room) {
      room = der.length + 1024;
      continue;
    }
    update.set(
      new Uint8Array(Buffer.from(Buffer.from(der).toString('hex').toUpperCase(), 'latin1')),
      contentsAt + 1,
    );
    return { update, byteRange, der, reserved: room };
  }
  throw new HosoError('INTERNAL', {
    params: { detail: 'the signature did not fit its placeholder' },
  });
}
