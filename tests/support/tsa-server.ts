/**
 * A real RFC 3161 HTTP time-stamping server on 127.0.0.1, answering with the test-certs TSA key
 * (src/cms answerTimeStampRequest). Tests start it and point `hoso sign --tsa` at it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerTimeStampRequest } from '../../src/cms/index.js';
import { testKey } from './test-keys.js';

export interface RunningTsa {
  readonly url: string;
  readonly requests: () => number;
  close(): Promise<void>;
}

export async function startTsa(opts: { now?: () => Date } = {}): Promise<RunningTsa> {
  const key = testKey('tsa');
  let serial = 1000n;
  let count = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
      res.writeHead(415).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count++;
      answerTimeStampRequest(
        {
          key,
          policy: '1.3.6.1.4.1.99999.1.1',
          now: opts.now ?? (() => new Date()),
          serial: () => serial++,
        },
        new Uint8Array(Buffer.concat(chunks)),
      ).then(
        (answer) => {
          res
            .writeHead(200, { 'Content-Type': 'application/timestamp-reply' })
            .end(Buffer.from(answer));
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
