// The BER element reader under parseSignedData: lengths, tags, OIDs, constructed OCTET STRINGs,
// and hostile input (truncation, absurd lengths, deep nesting) refused with BerError.
import { describe, expect, it } from 'vitest';
import {
  childrenOfElement,
  octetStringBytes,
  oidText,
  readElement,
} from '../../../src/kernel/ber-reader.js';
import { BerError } from '../../../src/kernel/index.js';
import { oid, octetString, sequence, tlv } from '../../../src/cms/der.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

function malformed(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BerError);
    return;
  }
  throw new Error('expected a BerError');
}

describe('readElement', () => {
  it('reads short and long definite lengths', () => {
    const short = readElement(octetString(new Uint8Array(5)), 0, 7, 't');
    expect(short).toMatchObject({ tagClass: 0, tagNumber: 4, contentStart: 2, end: 7 });
    const long = octetString(new Uint8Array(300));
    expect(readElement(long, 0, long.length, 't')).toMatchObject({ contentStart: 4, end: 304 });
  });

  it('reads an indefinite length up to its end-of-contents', () => {
    const ber = bytes(0x30, 0x80, 0x02, 0x01, 0x05, 0x30, 0x80, 0x00, 0x00, 0x00, 0x00);
    const el = readElement(ber, 0, ber.length, 't');
    expect(el).toMatchObject({ constructed: true, contentStart: 2, contentEnd: 9, end: 11 });
    expect(childrenOfElement(ber, el, 't').map((c) => c.tagNumber)).toEqual([2, 16]);
  });

  it('reads multi-byte tag numbers', () => {
    const el = readElement(bytes(0x9f, 0x81, 0x00, 0x00), 0, 4, 't');
    expect(el).toMatchObject({ tagClass: 2, tagNumber: 128, end: 4 });
  });

  it('refuses truncation, indefinite primitives, huge lengths and deep nesting', () => {
    malformed(() => readElement(bytes(0x04, 0x05, 1, 2), 0, 4, 't'));
    malformed(() => readElement(bytes(0x30, 0x80, 0x02, 0x01, 0x05), 0, 5, 't'));
    malformed(() => readElement(bytes(0x04, 0x80, 0x00, 0x00), 0, 4, 't'));
    malformed(() => readElement(bytes(0x04, 0x88, 1, 1, 1, 1, 1, 1, 1, 1), 0, 10, 't'));
    const deep = new Uint8Array(200 * 2 + 2);
    for (let i = 0; i < 200; i++) deep.set([0x30, 0x80], i * 2);
    malformed(() => readElement(deep, 0, deep.length, 't'));
  });
});

describe('oidText and octetStringBytes', () => {
  it('decodes OIDs, arcs beyond 2^53 included', () => {
    for (const value of ['1.2.840.113549.1.7.2', '2.999.1', '0.9.2342.19200300.100.1.1']) {
      const der = oid(value);
      expect(oidText(der, readElement(der, 0, der.length, 't'), 't')).toBe(value);
    }
    const big = bytes(0x06, 0x0a, 0x2a, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
    expect(oidText(big, readElement(big, 0, big.length, 't'), 't')).toBe(`1.2.${2n ** 56n + 1n}`);
    const cut = bytes(0x06, 0x02, 0x2a, 0x81);
    malformed(() => oidText(cut, readElement(cut, 0, cut.length, 't'), 't'));
  });

  it('joins the segments of a constructed OCTET STRING, and refuses other segments', () => {
    const ber = tlv(0x24, octetString(bytes(1, 2)), tlv(0x24, octetString(bytes(3))));
    const el = readElement(ber, 0, ber.length, 't');
    expect([...octetStringBytes(ber, el, 't')]).toEqual([1, 2, 3]);
    const odd = tlv(0x24, sequence());
    malformed(() => octetStringBytes(odd, readElement(odd, 0, odd.length, 't'), 't'));
  });
});
