/** Commands of CLI.md whose issues are still open: a clear word instead of a silent no-op. */
import { HosoError } from '../../kernel/index.js';
import type { CliEnv } from '../cli-env.js';

export async function run(
  _cli: CliEnv,
  _args: unknown[],
  _opts: Record<string, unknown>,
  command: string,
): Promise<number> {
  throw new HosoError('NOT_IMPLEMENTED', { params: { feature: `hoso ${command}` } });
}
