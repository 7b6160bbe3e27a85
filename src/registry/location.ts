/**
 * Where the registry lives (CLI.md "Config", key `registry`): `sqlite:PATH` (the default,
 * `sqlite:./hoso.db`, relative to the working folder) or a PostgreSQL URL for a registry shared by
 * several machines.
 */
import { isAbsolute, resolve } from 'node:path';
import { HosoError } from '../kernel/index.js';

export const DEFAULT_REGISTRY = 'sqlite:./hoso.db';

export type RegistryLocation =
  | { readonly engine: 'sqlite'; readonly path: string; readonly display: string }
  | { readonly engine: 'postgres'; readonly url: string; readonly display: string };

/** A PostgreSQL URL as it may be shown: the password replaced by `***`. */
function maskPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

export function parseRegistryLocation(text: string, cwd: string): RegistryLocation {
  const trimmed = text.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      throw new HosoError('CONFIG_INVALID', {
        params: { path: 'registry', detail: `"${maskPassword(trimmed)}" is not a valid URL` },
      });
    }
    return { engine: 'postgres', url: trimmed, display: maskPassword(trimmed) };
  }
  if (trimmed.startsWith('sqlite:')) {
    const raw = trimmed.slice('sqlite:'.length);
    if (raw === '' || raw === ':memory:')
      throw new HosoError('CONFIG_INVALID', {
        params: { path: 'registry', detail: 'sqlite: needs a file path, e.g. sqlite:./hoso.db' },
      });
    const path = isAbsolute(raw) ? raw : resolve(cwd, raw);
    return { engine: 'sqlite', path, display: path };
  }
  // From --registry or the config's "registry": an environment problem (exit 4) either way.
  throw new HosoError('REGISTRY_UNAVAILABLE', {
    params: {
      location: maskPassword(trimmed),
      detail: 'a registry is sqlite:PATH or postgres://…',
      'detail.vi': 'sổ đăng ký phải có dạng sqlite:ĐƯỜNG_DẪN hoặc postgres://…',
      'detail.en': 'a registry is sqlite:PATH or postgres://…',
    },
  });
}
