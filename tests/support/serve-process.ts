/**
 * The real `hoso serve` as a child process (the built bin/hoso.js): started on port 0, its URL
 * read from the one line it prints on stdout (CLI.md), stopped with SIGTERM like a service
 * manager would, and its exit code handed back (0 after a graceful stop).
 *
 * Used by the browser suite and by bench/serve.ts, so it takes no vitest import.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './paths.js';

export interface ServeExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServeProcess {
  /** The URL `hoso serve` printed, with its trailing slash: `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything written to stderr so far (start-up line, access log, the stop line). */
  stderr(): string;
  /** SIGTERM, then the exit; SIGKILL if it has not exited after `timeoutMs` (default 15 s). */
  stop(timeoutMs?: number): Promise<ServeExit>;
}

export interface StartServeOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Extra arguments to node before the binary (`--cpu-prof`, …). */
  readonly nodeArgs?: readonly string[];
  /** How long to wait for the URL on stdout; default 20 s. */
  readonly startTimeoutMs?: number;
}

/**
 * `hoso serve --port 0 …args`. Resolves once the URL is on stdout (the server is then listening);
 * rejects with the process's stderr if it exits first or stays silent past the timeout.
 */
export function startServe(
  args: readonly string[],
  opts: StartServeOptions = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), BIN, 'serve', '--port', '0', ...args],
    {
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<ServeExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const stop = async (timeoutMs = 15_000): Promise<ServeExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ServeExit>((resolve) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        void exited.then(resolve);
      }, timeoutMs);
    });
    try {
      return await Promise.race([exited, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  return new Promise<ServeProcess>((resolve, reject) => {
    const timeoutMs = opts.startTimeoutMs ?? 20_000;
    const fail = (why: string): void => {
      cleanup();
      void stop(2_000).then(() =>
        reject(new Error(`hoso serve ${args.join(' ')}: ${why}\nstderr:\n${stderr}`)),
      );
    };
    const timer = setTimeout(() => fail(`no URL on stdout after ${timeoutMs} ms`), timeoutMs);
    const onData = (s: string): void => {
      stdout += s;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      const url = stdout.slice(0, nl).trim();
      cleanup();
      if (!/^http:\/\/[^/\s]+\/$/.test(url)) {
        fail(`stdout is not a URL alone on its line: ${JSON.stringify(url)}`);
        return;
      }
      resolve({ url, pid: child.pid!, child, stderr: () => stderr, stop });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(
        new Error(
          `hoso serve ${args.join(' ')} exited (code ${code}, signal ${signal}) before printing its URL\nstderr:\n${stderr}`,
        ),
      );
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining: a full pipe would block the server
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
