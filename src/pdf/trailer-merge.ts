/**
 * The document's trailer as a reader should see it (ISO 32000-1 §7.5.5, §7.5.6, §7.5.8.2): the
 * newest section's trailer, with the stream-only keys of a cross-reference stream dictionary
 * removed, and the document-level keys an update should have repeated but did not (/Root,
 * /Info, /ID, /Encrypt) taken from the newest older trailer that has them.
 */
import { PdfDict } from './objects.js';

const STREAM_ONLY = [
  'Type',
  'W',
  'Index',
  'Length',
  'Filter',
  'DecodeParms',
  'F',
  'FFilter',
  'FDecodeParms',
  'DL',
];
const INHERITED = ['Root', 'Info', 'ID', 'Encrypt'];

/** `trailers` newest first; the first may be a cross-reference stream dictionary. */
export function mergeTrailers(trailers: readonly PdfDict[]): PdfDict {
  const out = new PdfDict();
  const newest = trailers[0];
  if (newest === undefined) return out;
  const isStream = newest.getName('Type') === 'XRef' || Array.isArray(newest.get('W'));
  for (const [k, v] of newest.entries()) if (!(isStream && STREAM_ONLY.includes(k))) out.set(k, v);
  for (const key of INHERITED) {
    if (out.has(key)) continue;
    for (const older of trailers.slice(1)) {
      const v = older.get(key);
      if (v !== undefined) {
        out.set(key, v);
        break;
      }
    }
  }
  return out;
}
