/**
 * The stream filter pipeline (ISO 32000-1 §7.4): /Filter is a name or an array applied in
 * order, /DecodeParms a dictionary or an array parallel to it (null where a filter takes no
 * parameters). Abbreviated names (Table 94, inline images) are accepted too.
 *
 * Implemented: FlateDecode and LZWDecode with predictors, ASCIIHexDecode, ASCII85Decode,
 * RunLengthDecode, and the Identity crypt filter. Image codecs (DCT, JPX, CCITTFax, JBIG2) are
 * not decoded here: asking for them is `PDF_UNSUPPORTED`.
 */
import { ascii85Decode } from './ascii85-decode.js';
import { asciiHexDecode } from './ascii-hex-decode.js';
import { flateDecode } from './flate-decode.js';
import { lzwDecode } from './lzw-decode.js';
import { PdfDict, PdfName, type PdfObject } from './objects.js';
import { malformed, unsupported } from './pdf-errors.js';
import { applyPredictor } from './predictors.js';
import { runLengthDecode } from './run-length-decode.js';

export type Resolver = (obj: PdfObject | undefined) => PdfObject | undefined;

const identity: Resolver = (obj) => obj;

interface FilterStep {
  readonly name: string;
  readonly params: PdfDict | undefined;
}

/** The filters of a stream dictionary, in the order they are applied when decoding. */
export function filterSteps(dict: PdfDict, resolve: Resolver = identity): FilterStep[] {
  const f = resolve(dict.get('Filter'));
  const p = resolve(dict.get('DecodeParms'));
  const names: PdfObject[] = f === undefined || f === null ? [] : Array.isArray(f) ? f : [f];
  const params: (PdfObject | undefined)[] = Array.isArray(p) ? p : [p];
  return names.map((n, i) => {
    const name = resolve(n);
    if (!(name instanceof PdfName)) throw malformed('/Filter entry is not a name');
    const dp = resolve(params[i]);
    return { name: name.name, params: dp instanceof PdfDict ? dp : undefined };
  });
}

/** Decodes `data` through every filter of `dict`; output beyond `maxBytes` is INPUT_TOO_LARGE. */
export function decodeStreamData(
  data: Uint8Array,
  dict: PdfDict,
  maxBytes: number,
  resolve: Resolver = identity,
): Uint8Array {
  let out = data;
  for (const step of filterSteps(dict, resolve)) out = applyFilter(out, step, maxBytes, resolve);
  return out;
}

function applyFilter(
  data: Uint8Array,
  step: FilterStep,
  maxBytes: number,
  resolve: Resolver,
): Uint8Array {
  const num = (key: string, fallback: number): number => {
    const v = resolve(step.params?.get(key));
    return typeof v === 'number' ? v : fallback;
  };
  switch (step.name) {
    case 'FlateDecode':
    case 'Fl':
      return predict(flateDecode(data, maxBytes), num, maxBytes);
    case 'LZWDecode':
    case 'LZW':
      return predict(lzwDecode(data, num('EarlyChange', 1), maxBytes), num, maxBytes);
    case 'ASCIIHexDecode':
    case 'AHx':
      return asciiHexDecode(data, maxBytes);
    case 'ASCII85Decode':
    case 'A85':
      return ascii85Decode(data, maxBytes);
    case 'RunLengthDecode':
    case 'RL':
      return runLengthDecode(data, maxBytes);
    case 'Crypt': {
      // §7.4.10: only the Identity crypt filter can be applied without the security handler.
      const name = resolve(step.params?.get('Name'));
      if (name === undefined || (name instanceof PdfName && name.name === 'Identity')) return data;
      throw unsupported('encrypted stream (Crypt filter)');
    }
    default:
      throw unsupported(`stream filter /${step.name}`);
  }
}

function predict(
  data: Uint8Array,
  num: (key: string, fallback: number) => number,
  maxBytes: number,
): Uint8Array {
  const predictor = num('Predictor', 1);
  if (predictor <= 1) return data;
  return applyPredictor(
    data,
    {
      predictor,
      colors: num('Colors', 1),
      bitsPerComponent: num('BitsPerComponent', 8),
      columns: num('Columns', 1),
    },
    maxBytes,
  );
}
