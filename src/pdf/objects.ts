/**
 * The PDF object model (ISO 32000-1 §7.3): the eight basic object types plus indirect
 * references, and `PdfRaw` for bytes the serialiser must write verbatim (fixed-width signature
 * placeholders).
 *
 * Numbers are plain JS numbers. Integer and real objects (§7.3.3) are told apart when written:
 * an integral value is written without a decimal point. A reader must accept an integer wherever
 * a real is expected (§7.3.3), so `1.0` read and written back as `1` means the same.
 *
 * Names and dictionary keys are kept as "binary" strings, one char per byte (latin1), so that
 * any name read from a file is written back byte for byte (§7.3.5 defines names as byte
 * sequences; UTF-8 is only a recommendation).
 */

export class PdfName {
  private static readonly interned = new Map<string, PdfName>();

  private constructor(readonly name: string) {}

  /** The one `PdfName` for `name` (without the slash): names compare with `===`. */
  static of(name: string): PdfName {
    let n = PdfName.interned.get(name);
    if (n === undefined) {
      n = new PdfName(name);
      PdfName.interned.set(name, n);
    }
    return n;
  }

  toString(): string {
    return `/${this.name}`;
  }
}

export class PdfString {
  /** `hex` only says how the string was (or will be) written: `(...)` or `<...>` (§7.3.4). */
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean = false,
  ) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number = 0,
  ) {}

  toString(): string {
    return `${this.num} ${this.gen} R`;
  }

  equals(other: PdfRef): boolean {
    return other.num === this.num && other.gen === this.gen;
  }
}

/**
 * Bytes written verbatim by the serialiser. The signer uses it for placeholders whose width must
 * not change between preparation and filling (/Contents, /ByteRange); `build` reports where each
 * instance landed. Identity matters: one instance, one position.
 */
export class PdfRaw {
  constructor(readonly bytes: Uint8Array) {}
}

export type PdfArray = PdfObject[];

export type PdfObject =
  null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfArray | PdfStream | PdfRaw;

/** A dictionary (§7.3.7), keyed by name without the slash, in insertion order. */
export class PdfDict {
  private readonly map: Map<string, PdfObject>;

  constructor(entries?: Iterable<readonly [string, PdfObject]>) {
    this.map = new Map(entries);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): PdfObject | undefined {
    return this.map.get(key);
  }

  set(key: string, value: PdfObject): this {
    this.map.set(key, value);
    return this;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  delete(key: string): boolean {
    return this.map.delete(key);
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  entries(): IterableIterator<[string, PdfObject]> {
    return this.map.entries();
  }

  /** The value if it is a direct name object; does not follow references. */
  getName(key: string): string | undefined {
    const v = this.map.get(key);
    return v instanceof PdfName ? v.name : undefined;
  }

  /** The value if it is a direct number; does not follow references. */
  getNumber(key: string): number | undefined {
    const v = this.map.get(key);
    return typeof v === 'number' ? v : undefined;
  }
}

/**
 * A stream (§7.3.8). Parsed streams remember where their raw (still encoded) data sits in the
 * source instead of copying it: `PdfFile.readStreamData` reads it on demand. Streams built in
 * memory carry `data` (already encoded as the dictionary's /Filter says).
 */
export class PdfStream {
  data?: Uint8Array;
  sourceOffset?: number;
  sourceLength?: number;

  constructor(
    readonly dict: PdfDict,
    data?: Uint8Array,
  ) {
    if (data !== undefined) this.data = data;
  }
}

export function isPdfArray(obj: PdfObject | undefined): obj is PdfArray {
  return Array.isArray(obj);
}

/**
 * A deep copy of a direct object, for callers that want to change an object read from a file
 * (objects handed out by `PdfFile` are shared with its cache). References are kept as
 * references; a stream copy keeps its source position and any in-memory data.
 */
export function cloneObject<T extends PdfObject>(obj: T): T {
  if (obj instanceof PdfDict) {
    const d = new PdfDict();
    for (const [k, v] of obj.entries()) d.set(k, cloneObject(v));
    return d as T;
  }
  if (Array.isArray(obj)) return obj.map((v) => cloneObject(v)) as T;
  if (obj instanceof PdfStream) {
    const s = new PdfStream(cloneObject(obj.dict), obj.data);
    if (obj.sourceOffset !== undefined) s.sourceOffset = obj.sourceOffset;
    if (obj.sourceLength !== undefined) s.sourceLength = obj.sourceLength;
    return s as T;
  }
  if (obj instanceof PdfString) return new PdfString(obj.bytes.slice(), obj.hex) as T;
  return obj;
}
