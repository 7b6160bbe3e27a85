/**
 * The configuration file (CLI.md "Config"): `--config FILE`, else `$HOSO_CONFIG`, else
 * `./hoso.config.json` if present. Flags override it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { HosoError, describeCause, type Lang } from '../kernel/index.js';

export interface HosoConfig {
  readonly system?: {
    readonly name?: string;
    readonly owner?: string;
    readonly lookupBaseUrl?: string;
  };
  readonly agency?: { readonly code?: string; readonly name?: string; readonly place?: string };
  readonly officer?: { readonly name?: string; readonly title?: string };
  readonly registry?: string;
  readonly trust?: readonly string[];
  readonly lang?: Lang;
}

const SECTIONS: Record<string, readonly string[]> = {
  system: ['name', 'owner', 'lookupBaseUrl'],
  agency: ['code', 'name', 'place'],
  officer: ['name', 'title'],
};

/** The base of the lookup URLs printed in QR codes: an absolute http(s) URL. */
function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.search === '' && u.hash === '';
  } catch {
    return false;
  }
}

function validate(raw: unknown, path: string): HosoConfig {
  const bad = (detail: string) => new HosoError('CONFIG_INVALID', { params: { path, detail } });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw bad('the top level must be a JSON object');
  const obj = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    const fields = SECTIONS[key];
    if (fields) {
      if (typeof value !== 'object' || value === null) throw bad(`"${key}" must be an object`);
      for (const [f, v] of Object.entries(value as Record<string, unknown>)) {
        if (!fields.includes(f)) throw bad(`unknown key "${key}.${f}"`);
        if (typeof v !== 'string') throw bad(`"${key}.${f}" must be a string`);
        if (key === 'system' && f === 'lookupBaseUrl' && !isHttpUrl(v))
          throw bad(
            '"system.lookupBaseUrl" must be an http(s) URL, e.g. https://tracuu.example.gov.vn',
          );
      }
    } else if (key === 'registry') {
      if (typeof value !== 'string')
        throw bad('"registry" must be a string (sqlite:PATH or postgres://…)');
    } else if (key === 'trust') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        throw bad('"trust" must be a list of paths');
    } else if (key === 'lang') {
      if (value !== 'vi' && value !== 'en') throw bad('"lang" must be "vi" or "en"');
    } else {
      throw bad(`unknown key "${key}"`);
    }
  }
  return obj as HosoConfig;
}

export function loadConfig(
  explicitPath: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): HosoConfig {
  const path =
    explicitPath ??
    env['HOSO_CONFIG'] ??
    (existsSync(`${cwd}/hoso.config.json`) ? `${cwd}/hoso.config.json` : undefined);
  if (path === undefined) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HosoError('CONFIG_INVALID', { params: { path, detail: describeCause(e) }, cause: e });
  }
  try {
    return validate(JSON.parse(text), path);
  } catch (e) {
    if (e instanceof HosoError) throw e;
    throw new HosoError('CONFIG_INVALID', { params: { path, detail: describeCause(e) }, cause: e });
  }
}
