/**
 * A progress bar for long batches: stderr, and only when stderr is a terminal (CLI.md). It shows
 * the count, the rate (files a second, averaged since the batch began) and the time left at that
 * rate.
 */
import type { CliEnv } from './cli-env.js';

export interface Progress {
  tick(label: string): void;
  done(): void;
}

const WIDTH = 24;

/** m:ss, or h:mm:ss from an hour on. */
function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function progressBar(cli: CliEnv, total: number): Progress {
  if (!cli.errIsTty || total < 2) return { tick: () => {}, done: () => {} };
  const vi = cli.lang === 'vi';
  const start = Date.now();
  let n = 0;
  let last = 0;
  return {
    tick(label: string) {
      n++;
      const now = Date.now();
      if (now - last < 80 && n < total) return; // redraw at most ~12 times a second
      last = now;
      const filled = Math.round((n / total) * WIDTH);
      const name = label.length > 32 ? '…' + label.slice(-31) : label;
      const seconds = (now - start) / 1000;
      const rate = seconds > 0 ? n / seconds : 0;
      const eta =
        rate > 0 && n < total ? ` ${vi ? 'còn' : 'ETA'} ${duration((total - n) / rate)}` : '';
      const speed = rate > 0 ? ` ${rate < 10 ? rate.toFixed(1) : Math.round(rate)}/s` : '';
      cli.err(
        `\r\x1b[K[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${n}/${total}${speed}${eta} ${name}`,
      );
    },
    done() {
      cli.err('\r\x1b[K');
    },
  };
}
