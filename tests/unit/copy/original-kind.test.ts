import { describe, expect, it } from 'vitest';
import { detectOriginalKind } from '../../../src/copy/index.js';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

describe('detectOriginalKind', () => {
  it('tells PDF, JPEG and PNG by their first bytes, not their names', () => {
    expect(detectOriginalKind('a.png', new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(detectOriginalKind('a.pdf', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16))).toBe('jpeg');
    expect(
      detectOriginalKind('scan.jpg', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)),
    ).toBe('png');
  });

  it('accepts junk before the PDF header, as readers do', () => {
    const head = new Uint8Array(1024);
    head.set(new TextEncoder().encode('%PDF-1.4'), 500);
    expect(detectOriginalKind('x', head)).toBe('pdf');
  });

  it('returns null for anything else', () => {
    expect(detectOriginalKind('x.pdf', new Uint8Array())).toBeNull();
    expect(detectOriginalKind('x.pdf', new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(detectOriginalKind('x.jpg', bytes(0xff, 0xd8))).toBeNull();
    expect(detectOriginalKind('x.png', bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
  });
});
