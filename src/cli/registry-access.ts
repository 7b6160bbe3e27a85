/**
 * Opening the registry a command works on: `--registry` (for scripts and tests), else the
 * config's `registry`, else `sqlite:./hoso.db` (CLI.md "Config"). Reading commands open it read
 * only and never create it; writing commands create it and apply migrations.
 */
import { hostname, userInfo } from 'node:os';
import {
  DEFAULT_REGISTRY,
  Registry,
  parseRegistryLocation,
  type OpenMode,
} from '../registry/index.js';
import type { CliEnv } from './cli-env.js';

/** Who acts: the configured officer, else the operating-system account on this machine. */
export function actorName(cli: CliEnv): string {
  const officer = cli.config.officer?.name;
  if (officer) return officer;
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry (containers): keep "unknown" */
  }
  return `${user}@${hostname()}`;
}

export function registryLocationText(cli: CliEnv, flag: string | undefined): string {
  return flag ?? cli.config.registry ?? DEFAULT_REGISTRY;
}

export async function openRegistryFor(
  cli: CliEnv,
  flag: string | undefined,
  mode: OpenMode,
): Promise<Registry> {
  const location = parseRegistryLocation(registryLocationText(cli, flag), cli.cwd);
  return Registry.open({ location, mode, clock: cli.ctx.clock, actor: actorName(cli) });
}

/** Runs `fn` with the registry open and closes it whatever happens. */
export async function withRegistry<T>(
  cli: CliEnv,
  flag: string | undefined,
  mode: OpenMode,
  fn: (registry: Registry) => Promise<T>,
): Promise<T> {
  const registry = await openRegistryFor(cli, flag, mode);
  try {
    return await fn(registry);
  } finally {
    await registry.close().catch(() => undefined);
  }
}

/** Where lookup URLs point: the config's `system.lookupBaseUrl`, else `hoso serve`'s default. */
export function lookupBaseUrl(cli: CliEnv): string {
  return cli.config.system?.lookupBaseUrl ?? 'http://127.0.0.1:8080';
}
