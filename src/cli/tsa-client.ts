/** RFC 3161 over HTTP (§3.4): POST application/timestamp-query, expect application/timestamp-reply. */
import { HosoError, describeCause } from '../kernel/index.js';
import type { TimeStampTransport } from '../sign/index.js';

const MAX_RESPONSE = 1024 * 1024;
const TIMEOUT_MS = 30_000;

export function httpTimeStampTransport(url: string): TimeStampTransport {
  return async (requestDer) => {
    const fail = (detail: string, cause?: unknown) =>
      new HosoError('TSA_FAILED', { params: { url, detail }, cause });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/timestamp-query',
          Accept: 'application/timestamp-reply',
        },
        body: requestDer,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      const cause = (e as { cause?: unknown }).cause;
      throw fail(describeCause(cause ?? e), e);
    }
    if (!response.ok) throw fail(`HTTP ${response.status} ${response.statusText}`);
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > MAX_RESPONSE) throw fail(`answer of ${body.length} bytes is too large`);
    return body;
  };
}
