/** What every command gets from the CLI frame: language, output mode, streams, config, context. */
import type { Context, Lang } from '../kernel/index.js';
import type { HosoConfig } from './config.js';

export interface CliEnv {
  readonly lang: Lang;
  readonly json: boolean;
  readonly debug: boolean;
  readonly config: HosoConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly ctx: Context;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stderr is a terminal (progress bars and colour only then). */
  readonly errIsTty: boolean;
}

/** Prints the one JSON document a `--json` command owes (CLI.md). */
export function printJson(cli: CliEnv, value: unknown): void {
  cli.out(JSON.stringify(value, null, 2) + '\n');
}
