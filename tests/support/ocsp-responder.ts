/**
 * A real OCSP responder over HTTP on 127.0.0.1 (RFC 6960 Appendix A), answering for the test
 * CA with responses from buildOcspResponse. Tests point a client at `url`, set statuses, and
 * look at `requests` to assert that a request was — or was not — made.
 *
 * Out of the box it knows the certificates spec.ts gives the issuer (test-certs/intermediate):
 * `revoked` is revoked (2026-03-01, keyCompromise) and the others are good; a serial it does
 * not know, or a CertID naming another issuer, is `unknown` (§2.2). Some modes misbehave on
 * purpose, for clients' timeouts and limits: a delay, a PEM body, an over-large body.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as pkijs from 'pkijs';
import { ENTITIES } from '../../test-certs/spec.js';
import { derOf, loadTestKey, type TestSigner } from './crl-builder.js';
import {
  OCSP_HASH_OIDS,
  OCSP_NONCE_OID,
  buildOcspResponse,
  type CertId,
  type OcspCertStatus,
  type OcspErrorStatus,
  type OcspHash,
} from './ocsp-builder.js';

export interface OcspRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | null;
  /** The OCSPRequest as received (decoded from the URL for GET); empty when there was none. */
  readonly der: Uint8Array;
  /** The CertIDs asked about; empty when the request could not be parsed. */
  readonly certIds: readonly CertId[];
  /** extnValue of the request's nonce extension, if it had one. */
  readonly nonce: Uint8Array | null;
}

export interface OcspResponderOptions {
  /** test-certs entity whose certificates this responder answers for; `intermediate` by default. */
  readonly issuer?: string;
  /** Who signs the responses: the delegated responder test-certs/ocsp by default. */
  readonly signer?: TestSigner;
  readonly responderId?: 'byName' | 'byKey';
  /** certs of the BasicOCSPResponse; the signer's certificate by default, `[]` for none. */
  readonly certificates?: readonly Uint8Array[];
  /** Statuses by serial (hex, as in spec.ts), on top of what spec.ts says. */
  readonly statuses?: Readonly<Record<string, OcspCertStatus>>;
  /** Clock for producedAt and thisUpdate; the real time by default. */
  readonly now?: () => Date;
  /** nextUpdate = thisUpdate + validityMs (one day by default); no nextUpdate when null. */
  readonly validityMs?: number | null;
  /** Answer every request with this error status instead of a signed response. */
  readonly responseStatus?: OcspErrorStatus;
  /** Copy the request's nonce into the response (§4.4.1); true by default. */
  readonly echoNonce?: boolean;
  /** Wait this long before answering, for clients' timeouts. */
  readonly delayMs?: number;
  /**
   * `der` (the default); `pem`: the response as PEM text, still labelled
   * application/ocsp-response as a misconfigured server would; `oversize`: `oversizeBytes` of
   * zeros sent chunked without Content-Length, so only a client that counts what it reads stops.
   */
  readonly body?: 'der' | 'pem' | 'oversize';
  /** Size of the `oversize` body; 4 MiB by default. */
  readonly oversizeBytes?: number;
}

export interface RunningOcspResponder {
  /** Base URL, as an AIA id-ad-ocsp URI would give it: POST here, GET `${url}/<base64>`. */
  readonly url: string;
  /** Every request received so far, in order, answered or not. */
  readonly requests: readonly OcspRequestRecord[];
  /** The status of a serial (hex) from now on. */
  setStatus(serialHex: string, status: OcspCertStatus): void;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HASH_BY_OID = new Map<string, OcspHash>(
  Object.entries(OCSP_HASH_OIDS).map(([name, oid]) => [oid, name as OcspHash]),
);

/** Serials compare as numbers: lower case, no leading zero octets. */
const serialKey = (hex: string): string => hex.toLowerCase().replace(/^(00)+(?=[0-9a-f]{2})/, '');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** What spec.ts says about the certificates `issuer` issued. */
function specStatuses(issuer: string): Map<string, OcspCertStatus> {
  return new Map(
    ENTITIES.filter((e) => e.issuer === issuer && e.name !== issuer).map((e) => [
      serialKey(e.serial),
      e.revoked === undefined
        ? { status: 'good' }
        : { status: 'revoked', revocationTime: new Date(e.revoked.date), reason: e.revoked.reason },
    ]),
  );
}

/** The OCSPRequest's CertIDs and nonce; null when it is not one we can answer. */
function readRequest(der: Uint8Array): { certIds: CertId[]; nonce: Uint8Array | null } | null {
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(der);
  } catch {
    return null;
  }
  const certIds: CertId[] = [];
  for (const { reqCert } of request.tbsRequest.requestList) {
    const hashAlgorithm = HASH_BY_OID.get(reqCert.hashAlgorithm.algorithmId);
    // A CertID hashed with something else cannot be matched, nor echoed in our CertId type.
    if (hashAlgorithm === undefined) return null;
    certIds.push({
      hashAlgorithm,
      issuerNameHash: new Uint8Array(reqCert.issuerNameHash.valueBlock.valueHexView),
      issuerKeyHash: new Uint8Array(reqCert.issuerKeyHash.valueBlock.valueHexView),
      serialNumber: hex(reqCert.serialNumber.valueBlock.valueHexView),
    });
  }
  const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OCSP_NONCE_OID);
  return {
    certIds,
    nonce: nonce === undefined ? null : new Uint8Array(nonce.extnValue.valueBlock.valueHexView),
  };
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN OCSP RESPONSE-----\n${b64.replace(/\n$/, '')}\n-----END OCSP RESPONSE-----\n`;
}

/** Writes `size` zero bytes in 64 KiB chunks, heeding back-pressure, until done or disconnected. */
function sendOversize(res: ServerResponse, size: number): void {
  const chunk = Buffer.alloc(64 * 1024);
  let left = size;
  res.writeHead(200, { 'Content-Type': 'application/ocsp-response' });
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, left));
      left -= part.length;
      if (!res.write(part)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

function sender(res: ServerResponse, response: Uint8Array, asPem: boolean): () => void {
  const payload = asPem ? Buffer.from(pem(response)) : response;
  return () =>
    void res
      .writeHead(200, {
        'Content-Type': 'application/ocsp-response',
        'Content-Length': payload.length,
      })
      .end(payload);
}

export async function startOcspResponder(
  options: OcspResponderOptions = {},
): Promise<RunningOcspResponder> {
  const issuer = options.issuer ?? 'intermediate';
  const issuerCert = pkijs.Certificate.fromBER(loadTestKey(issuer).certificate);
  const signer = options.signer ?? loadTestKey('ocsp');
  const now = options.now ?? (() => new Date());
  const validityMs = options.validityMs === undefined ? DAY_MS : options.validityMs;
  const statuses = specStatuses(issuer);
  for (const [serial, status] of Object.entries(options.statuses ?? {}))
    statuses.set(serialKey(serial), status);

  // §4.1.1: a CertID names our issuer when both hashes match its name and key.
  const issuerNameDer = derOf(issuerCert.subject.toSchema());
  const issuerKey = issuerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const statusOf = (id: CertId): OcspCertStatus => {
    const digest = (b: Uint8Array) => createHash(id.hashAlgorithm).update(b).digest('hex');
    const ours =
      digest(issuerNameDer) === hex(id.issuerNameHash) &&
      digest(issuerKey) === hex(id.issuerKeyHash);
    return (ours ? statuses.get(serialKey(id.serialNumber)) : undefined) ?? { status: 'unknown' };
  };

  const respond = (request: ReturnType<typeof readRequest>): Uint8Array => {
    if (options.responseStatus !== undefined)
      return buildOcspResponse({ responseStatus: options.responseStatus });
    if (request === null || request.certIds.length === 0)
      return buildOcspResponse({ responseStatus: 'malformedRequest' });
    const at = now();
    return buildOcspResponse({
      signer,
      ...(options.responderId === undefined ? {} : { responderId: options.responderId }),
      ...(options.certificates === undefined ? {} : { certificates: options.certificates }),
      producedAt: at,
      responses: request.certIds.map((certId) => ({
        certId,
        status: statusOf(certId),
        thisUpdate: at,
        ...(validityMs === null ? {} : { nextUpdate: new Date(at.getTime() + validityMs) }),
      })),
      ...(request.nonce !== null && options.echoNonce !== false ? { nonce: request.nonce } : {}),
    });
  };

  const requests: OcspRequestRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const contentType = req.headers['content-type'] ?? null;
    readBody(req)
      .then((body) => {
        // Appendix A.1: POST to the URL with the DER body, or GET {url}/{url-encoded base64}.
        let der: Uint8Array | null = null;
        if (req.method === 'POST' && path === '/ocsp') der = body;
        else if (req.method === 'GET' && path.startsWith('/ocsp/'))
          // Buffer's base64 decoder takes the base64url alphabet too, as some clients send it.
          der = new Uint8Array(Buffer.from(decodeURIComponent(path.slice(6)), 'base64'));
        const request = der === null ? null : readRequest(der);
        requests.push({
          method: req.method ?? '',
          path,
          contentType,
          der: der ?? new Uint8Array(),
          certIds: request?.certIds ?? [],
          nonce: request?.nonce ?? null,
        });
        if (der === null) {
          res.writeHead(404).end();
          return;
        }
        if (req.method === 'POST' && contentType !== 'application/ocsp-request') {
          res.writeHead(415).end();
          return;
        }
        // The response is made now (producedAt = arrival) and only its sending is delayed.
        const send =
          options.body === 'oversize'
            ? () => sendOversize(res, options.oversizeBytes ?? 4 * 1024 * 1024)
            : sender(res, respond(request), options.body === 'pem');
        if (options.delayMs === undefined) send();
        else {
          const timer = setTimeout(() => {
            timers.delete(timer);
            send();
          }, options.delayMs);
          timers.add(timer);
        }
      })
      .catch(() => {
        // A malformed URL escape, or an answer that could not be built: the client sees a 500
        // (and the test fails) instead of hanging until its timeout.
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ocsp`,
    requests,
    setStatus: (serialHex, status) => void statuses.set(serialKey(serialHex), status),
    // Drops open connections too, so a delayed or endless answer never holds a test up.
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
