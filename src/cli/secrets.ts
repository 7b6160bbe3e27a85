/**
 * Passwords never come from option values (CLI.md): only from the environment variable named
 * by --pass-env, or from standard input with --pass-stdin.
 */
import { readFileSync } from 'node:fs';
import { HosoError } from '../kernel/index.js';

export function readPassword(
  opts: { passEnv: string; passStdin: boolean },
  env: NodeJS.ProcessEnv,
): string {
  if (opts.passStdin) {
    let text: string;
    try {
      text = readFileSync(0, 'utf8');
    } catch {
      throw new HosoError('PASSWORD_MISSING', { params: { passEnv: opts.passEnv } });
    }
    // One trailing newline belongs to the shell's `echo`, not to the password.
    return text.replace(/\r?\n$/, '');
  }
  const value = env[opts.passEnv];
  if (value === undefined)
    throw new HosoError('PASSWORD_MISSING', { params: { passEnv: opts.passEnv } });
  return value;
}
