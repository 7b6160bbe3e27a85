/** Spawns the real `bin/hoso.js` (built dist/) and captures exit code, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import { BIN } from './paths.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function hoso(
  args: readonly string[],
  opts: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
