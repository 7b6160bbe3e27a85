/** A progress bar for long batches: stderr, and only when stderr is a terminal (CLI.md). */
import type { CliEnv } from './cli-env.js';

export interface Progress {
  tick(label: string): void;
  done(): void;
}

const WIDTH = 24;

export function progressBar(cli: CliEnv, total: number): Progress {
  if (!cli.errIsTty || total < 2) return { tick: () => {}, done: () => {} };
  let n = 0;
  let last = 0;
  return {
    tick(label: string) {
      n++;
      const now = Date.now();
      if (now - last < 80 && n < total) return; // redraw at most ~12 times a second
      last = now;
      const filled = Math.round((n / total) * WIDTH);
      const name = label.length > 40 ? '…' + label.slice(-39) : label;
      cli.err(`\r\x1b[K[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${n}/${total} ${name}`);
    },
    done() {
      cli.err('\r\x1b[K');
    },
  };
}
