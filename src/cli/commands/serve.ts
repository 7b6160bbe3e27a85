/**
 * `hoso serve [--host 127.0.0.1] [--port 8080]` (CLI.md): the lookup service a QR code on paper
 * leads to (Decree 45/2020 Art. 18(2): the paper stays lookup-able while the system runs).
 *
 * The registry is opened once for the life of the service. On SIGINT/SIGTERM the service stops
 * accepting, lets requests in flight finish (up to 10 s), closes the registry and exits 0.
 * The address it listens on is printed alone on stdout (`--json`: `{ url, host, port }`), so a
 * script that asked for port 0 learns the real one.
 */
import { HosoError, describeCause, usageError } from '../../kernel/index.js';
import { createLookupService, DEFAULT_RATE_LIMIT } from '../../lookup/http-service.js';
import type { RateLimitOptions } from '../../lookup/rate-limiter.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { openRegistryFor } from '../registry-access.js';

const usage = (vi: string, en: string) => usageError('serve', vi, en);

function port(text: string | undefined): number {
  if (text === undefined) return 8080;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535)
    throw usage(
      `--port cần một số từ 0 đến 65535, không phải "${text}"`,
      `--port wants a number from 0 to 65535, not "${text}"`,
    );
  return n;
}

/** `--rate-limit N` requests a minute per client, `off` to disable (load tests, a trusted LAN). */
function rateLimit(text: string | undefined): RateLimitOptions | null {
  if (text === undefined) return DEFAULT_RATE_LIMIT;
  if (text === 'off' || text === '0') return null;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1)
    throw usage(
      `--rate-limit cần số yêu cầu mỗi phút cho mỗi địa chỉ, hoặc off; không phải "${text}"`,
      `--rate-limit wants requests a minute per client, or off; not "${text}"`,
    );
  return { perMinute: n, burst: Math.max(1, Math.ceil(n / 5)) };
}

export async function run(
  cli: CliEnv,
  _args: unknown[],
  opts: Record<string, unknown>,
): Promise<number> {
  const host = (opts['host'] as string | undefined) ?? '127.0.0.1';
  const listenPort = port(opts['port'] as string | undefined);
  const limit = rateLimit(opts['rateLimit'] as string | undefined);
  // Write mode: a service started before anything was registered finds an empty registry, not an
  // error; and the schema is brought up to date before the first request.
  const registry = await openRegistryFor(cli, opts['registry'] as string | undefined, 'write');
  const service = createLookupService({
    source: registry,
    lang: cli.lang,
    rateLimit: limit,
    trustProxy: Boolean(opts['trustProxy']),
    ...(opts['accessLog'] ? { log: (line: string) => cli.err(line + '\n') } : {}),
  });
  let address: { url: string; host: string; port: number };
  try {
    address = await service.listen(listenPort, host);
  } catch (e) {
    await registry.close().catch(() => undefined);
    throw new HosoError('SERVICE_UNAVAILABLE', {
      params: { address: `${host}:${listenPort}`, detail: describeCause(e) },
      cause: e,
    });
  }
  if (cli.json) printJson(cli, address);
  else {
    cli.out(address.url + '\n');
    cli.err(
      cli.lang === 'vi'
        ? `Dịch vụ tra cứu đang chạy tại ${address.url} (sổ đăng ký: ${registry.location.display}); Ctrl+C để dừng\n`
        : `Lookup service running at ${address.url} (registry: ${registry.location.display}); Ctrl+C to stop\n`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await service.close(10_000);
  await registry.close().catch(() => undefined);
  cli.err(cli.lang === 'vi' ? 'Đã dừng dịch vụ tra cứu.\n' : 'Lookup service stopped.\n');
  return 0;
}
