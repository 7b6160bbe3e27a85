/**
 * The Vietnamese text font: Tinos (metric-compatible with Times New Roman, which administrative
 * documents use; full Vietnamese coverage; Apache-2.0), shipped as TTF files in the npm package
 * `@expo-google-fonts/tinos` (DESIGN.md, "Fonts").
 *
 * The files are found through the module resolver, never through a path written down here, so
 * they are found wherever npm installed the package. Nothing is read until a font is asked for;
 * each style is read and parsed once per process.
 *
 * The bytes handed out have 4-byte aligned glyph records (see truetype-glyph-alignment.ts):
 * without that, fontkit's subsetter — ours and the one inside pdf-lib's `embedFont(…, { subset:
 * true })` — produces broken glyphs for Tinos. Always embed these bytes, not the raw file.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit, { type Font } from '@pdf-lib/fontkit';
import { HosoError, describeCause } from '../kernel/index.js';
import { alignGlyphRecords } from './truetype-glyph-alignment.js';

export type TinosStyle = 'regular' | 'bold' | 'italic' | 'bold-italic';

export const TINOS_STYLES: readonly TinosStyle[] = ['regular', 'bold', 'italic', 'bold-italic'];

const PACKAGE = '@expo-google-fonts/tinos';

/** Package-relative file of each style (the package's own layout: `<weight><style>/<file>`). */
const FILES: Record<TinosStyle, string> = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  'bold-italic': '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

const bytesCache = new Map<TinosStyle, Promise<Uint8Array>>();
const fontCache = new Map<TinosStyle, Promise<Font>>();

/** Absolute path of the TTF file of `style`, as the module resolver finds it. */
export function tinosFilePath(style: TinosStyle): string {
  const specifier = `${PACKAGE}/${FILES[style]}`;
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch (e) {
    throw new HosoError('INTERNAL', {
      params: {
        detail: `font file ${specifier} not found (is the npm package ${PACKAGE} installed?): ${describeCause(e)}`,
      },
      cause: e,
    });
  }
}

async function readTinos(style: TinosStyle): Promise<Uint8Array> {
  const path = tinosFilePath(style);
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new HosoError('FILE_UNREADABLE', {
      params: { path, detail: describeCause(e) },
      cause: e,
    });
  }
  return alignGlyphRecords(raw);
}

/**
 * The TrueType program of a Tinos style, glyph records aligned (safe to subset), read once per
 * process. Callers must not modify the returned array (it is shared).
 */
export function loadTinosBytes(style: TinosStyle = 'regular'): Promise<Uint8Array> {
  let pending = bytesCache.get(style);
  if (pending === undefined) {
    pending = readTinos(style);
    // A failed read is not cached, so a later call can succeed once the cause is fixed.
    pending.catch(() => bytesCache.delete(style));
    bytesCache.set(style, pending);
  }
  return pending;
}

/** A Tinos style opened with @pdf-lib/fontkit, parsed once per process. */
export function loadTinos(style: TinosStyle = 'regular'): Promise<Font> {
  let pending = fontCache.get(style);
  if (pending === undefined) {
    pending = loadTinosBytes(style).then((bytes) => {
      try {
        return fontkit.create(bytes);
      } catch (e) {
        throw new HosoError('INTERNAL', {
          params: { detail: `cannot open the Tinos ${style} font: ${describeCause(e)}` },
          cause: e,
        });
      }
    });
    pending.catch(() => fontCache.delete(style));
    fontCache.set(style, pending);
  }
  return pending;
}
