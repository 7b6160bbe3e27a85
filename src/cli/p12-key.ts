/**
 * A signing key from a PKCS#12 file whose password comes from an environment variable or stdin
 * (CLI.md: secrets never on the command line). A wrong password names where it came from, so
 * the hint points at the variable the user actually set.
 */
import type { SigningKey } from '../cms/index.js';
import { readPkcs12 } from '../cms/pkcs12/index.js';
import { HosoError, isHosoError } from '../kernel/index.js';
import { readInput } from './input-file.js';
import { readPassword } from './secrets.js';

const MAX_KEY_FILE = 10 * 1024 * 1024;

export interface P12KeySource {
  readonly p12: string;
  readonly passEnv: string;
  readonly passStdin: boolean;
}

export function loadP12Key(source: P12KeySource, env: NodeJS.ProcessEnv): SigningKey {
  const bytes = readInput(source.p12, MAX_KEY_FILE);
  const password = readPassword({ passEnv: source.passEnv, passStdin: source.passStdin }, env);
  let p12;
  try {
    p12 = readPkcs12(bytes, password, { path: source.p12 });
  } catch (e) {
    if (isHosoError(e) && e.code === 'P12_BAD_PASSWORD')
      throw new HosoError('P12_BAD_PASSWORD', {
        params: {
          ...e.params,
          passEnv: source.passEnv,
          ...(source.passStdin
            ? {
                'passSource.vi': 'đầu vào chuẩn (--pass-stdin)',
                'passSource.en': 'standard input (--pass-stdin)',
              }
            : {
                'passSource.vi': `biến môi trường ${source.passEnv}, hoặc dùng --pass-stdin`,
                'passSource.en': `the environment variable ${source.passEnv}, or use --pass-stdin`,
              }),
        },
        cause: e.cause ?? e,
      });
    throw e;
  }
  return { privateKey: p12.privateKey, certificate: p12.certificate, chain: p12.chain };
}
