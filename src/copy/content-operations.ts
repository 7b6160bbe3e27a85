/**
 * The operations of a content stream (ISO 32000-1 §7.8.2): operands followed by an operator,
 * read with src/pdf's lexer and parser. Inline images (§8.9.7, `BI … ID <data> EI`) come out as
 * one operation `BI` whose operand is the image dictionary; their data is skipped.
 *
 * Operands are PDF objects (numbers, names, strings, arrays, dictionaries); `true`, `false` and
 * `null` too. Anything else the lexer returns that is not an operand is an operator.
 */
import { Lexer, Parser, PdfDict, PdfName, PdfString, type PdfObject } from '../pdf/index.js';

export interface ContentOperation {
  readonly operator: string;
  readonly operands: readonly PdfObject[];
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** More operands than this before an operator is not a content stream (guards memory). */
const MAX_OPERANDS = 10_000;

/**
 * Calls `visit` for every operation of `content`, in order. Throws the lexer's PDF_MALFORMED on
 * bytes that are not content-stream syntax; callers treat that as "not understood".
 */
export function forEachOperation(content: Uint8Array, visit: (op: ContentOperation) => void): void {
  const lexer = new Lexer(content);
  const parser = new Parser(lexer);
  let operands: PdfObject[] = [];
  for (;;) {
    const t = lexer.next();
    switch (t.type) {
      case 'eof':
        return;
      case 'number':
        operands.push(t.value);
        break;
      case 'name':
        operands.push(PdfName.of(t.value));
        break;
      case 'string':
        operands.push(new PdfString(t.bytes, t.hex));
        break;
      case 'delimiter':
        // Arrays (TJ, d) and dictionaries (BDC, DP): let the object parser read them whole.
        lexer.seek(t.start);
        operands.push(parser.parseObject());
        break;
      case 'keyword':
        if (t.value === 'true' || t.value === 'false') {
          operands.push(t.value === 'true');
        } else if (t.value === 'null') {
          operands.push(null);
        } else if (t.value === 'BI') {
          visit({ operator: 'BI', operands: [readInlineImage(lexer, parser)] });
          operands = [];
        } else {
          visit({ operator: t.value, operands });
          operands = [];
        }
        break;
    }
    if (operands.length > MAX_OPERANDS) throw new Error('too many operands');
  }
}

/**
 * `BI key value … ID`, one white-space byte, the data, then `EI` (§8.9.7). The data's end is
 * found from /L (/Length, PDF 2.0) when given, else as the first `EI` preceded by white space
 * and followed by white space or the end, which is how readers find it too.
 */
function readInlineImage(lexer: Lexer, parser: Parser): PdfDict {
  const dict = new PdfDict();
  for (;;) {
    const t = lexer.next();
    if (t.type === 'keyword' && t.value === 'ID') break;
    if (t.type === 'eof') throw new Error('inline image without ID');
    if (t.type !== 'name') throw new Error('inline image dictionary key is not a name');
    dict.set(t.value, parser.parseObject());
  }
  const buf = lexer.buf;
  let p = lexer.pos + 1; // the single white-space byte after ID
  const length = dict.get('L') ?? dict.get('Length');
  if (typeof length === 'number' && length >= 0 && p + length <= buf.length) {
    p += length;
    while (p < buf.length && WHITE.has(buf[p]!)) p++;
    if (buf[p] === 0x45 && buf[p + 1] === 0x49) {
      lexer.pos = p + 2;
      return dict;
    }
  }
  for (let i = lexer.pos + 1; i + 1 < buf.length; i++) {
    if (
      buf[i] === 0x45 &&
      buf[i + 1] === 0x49 &&
      WHITE.has(buf[i - 1]!) &&
      (i + 2 >= buf.length || WHITE.has(buf[i + 2]!))
    ) {
      lexer.pos = i + 2;
      return dict;
    }
  }
  throw new Error('inline image without EI');
}
