/**
 * Runs a command under GNU time and returns wall seconds and peak RSS (MB); medians over runs.
 * GNU time prints seconds to 10 ms; `wall` is the same run timed here to the microsecond (it
 * includes starting /usr/bin/time itself, about a millisecond), for start-up figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Sample {
  readonly seconds: number;
  readonly rssMb: number;
  readonly wall: number;
}

export function measure(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Sample {
  if (!existsSync('/usr/bin/time')) throw new Error('bench needs GNU time: apt-get install time');
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'HOSOBENCH %e %M', cmd, ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const m = /HOSOBENCH ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return { seconds: Number(m[1]), rssMb: Number(m[2]) / 1024, wall };
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
    wall: median(samples.map((s) => s.wall)),
  };
}

/**
 * Medians of several commands run in turn (a, b, c, a, b, c, …) rather than one after the other:
 * on a shared machine, load that comes and goes then weighs on all of them alike.
 */
export function mediansInterleaved(runs: number, fns: readonly (() => Sample)[]): Sample[] {
  const samples: Sample[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) fns.forEach((fn, i) => samples[i]!.push(fn()));
  return samples.map((list) => ({
    seconds: median(list.map((s) => s.seconds)),
    rssMb: median(list.map((s) => s.rssMb)),
    wall: median(list.map((s) => s.wall)),
  }));
}
