/** Runs a command under GNU time and returns wall seconds and peak RSS (MB); medians over runs. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Sample {
  readonly seconds: number;
  readonly rssMb: number;
}

export function measure(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Sample {
  if (!existsSync('/usr/bin/time')) throw new Error('bench needs GNU time: apt-get install time');
  const r = spawnSync('/usr/bin/time', ['-f', 'HOSOBENCH %e %M', cmd, ...args], {
    encoding: 'utf8',
    env,
  });
  const m = /HOSOBENCH ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return { seconds: Number(m[1]), rssMb: Number(m[2]) / 1024 };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function medianOf(runs: number, fn: () => Sample): Sample {
  const samples = Array.from({ length: runs }, fn);
  return {
    seconds: median(samples.map((s) => s.seconds)),
    rssMb: median(samples.map((s) => s.rssMb)),
  };
}
