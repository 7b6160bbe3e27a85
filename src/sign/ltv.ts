/**
 * PAdES B-LT and B-LTA (ETSI EN 319 142-1 §5.4, §6.3): long-term validation data added after the
 * signatures it serves, each step its own incremental update so that every earlier signature
 * stays valid and sees only LTA updates (ISO 32000-2 §12.8.4.3, §12.8.5):
 *
 * - B-LT: one update adding the Document Security Store — for each signature, the certification
 *   paths of its signer and of the TSAs of its signature timestamps, and the CRLs and OCSP
 *   responses that decide whether those certificates were revoked (validation-data.ts).
 * - B-LTA: then one more update, a document timestamp over the whole file (document-timestamp.ts).
 *
 * Revocation data comes from the user (files, `--online`), from what the CMS itself carries, and
 * from the DSS the file already has, so that a B-LT raised to B-LTA later needs nothing new. A
 * B-LT whose signer's certificate has no revocation data is not B-LT: it is refused
 * (REVOCATION_DATA_MISSING) rather than produced and labelled so. Data that is missing for a
 * TSA's certificate or a CA certificate is not refused: what there is, is embedded.
 *
 * `signPdfLongTerm` signs (B-T) then adds the data for that new signature only; earlier
 * signatures of the document are left as they are. `extendPdf` (`hoso sign --extend`) adds it for
 * every signature the document already has, and for its document timestamps.
 *
 * Known limit: extending a signature that has no signature timestamp (B-B) embeds its validation
 * data but does not first add the timestamp ETSI EN 319 142-1 asks of B-T; a B-LTA's document
 * timestamp then is the first proof of the signature's time.
 */
import { createHash } from 'node:crypto';
import {
  findSignerCertificate,
  OID,
  parseSignedData,
  readTstInfo,
  type TimeStampTokenInfo,
} from '../cms/index.js';
import {
  concatBytes,
  forEachChunk,
  HosoError,
  usageError,
  type ByteSource,
  type Context,
} from '../kernel/index.js';
import {
  findSignatures,
  openPdf,
  readDocumentSecurityStore,
  type PdfSignature,
} from '../pdf/index.js';
import type { RevocationFacts } from '../report/model.js';
import { certificateInfo } from '../trust/index.js';
import { AppendedSource } from './appended-source.js';
import { addDocumentTimestamp } from './document-timestamp.js';
import { dssUpdate, vriKey, type DssUpdate, type VriEntry } from './document-security-store.js';
import { signPdf, type PadesRequest, type PadesResult } from './pades-signer.js';
import { checkSigner } from './signer-check.js';
import type { ByteRange } from './signature-slot.js';
import type { Timestamper } from './timestamper.js';
import {
  pathEvidence,
  unique,
  type PathEvidence,
  type RevocationSources,
} from './validation-data.js';

export type LongTermLevel = 'B-LT' | 'B-LTA';

export interface LongTermRequest {
  readonly level: LongTermLevel;
  readonly revocation: RevocationSources;
  /** The TSA of the document timestamp; required for B-LTA. */
  readonly timestamper?: Timestamper;
  /** More certificates to build paths with (`--certs`). */
  readonly extraCertificates?: readonly Uint8Array[];
}

/** What was embedded for one signature. */
export interface SignatureValidationData {
  readonly fieldName: string | null;
  readonly kind: 'signature' | 'document-timestamp';
  readonly vriKey: string;
  /** What the embedded data says about the signer's (or the TSA's) certificate. */
  readonly revocation: RevocationFacts;
}

export interface LongTermResult {
  /** The bytes to append to the input: the DSS update, then the document timestamp (B-LTA). */
  readonly update: Uint8Array;
  /** SHA-256 of the input followed by `update`, hex. */
  readonly sha256: string;
  readonly level: LongTermLevel;
  readonly signatures: readonly SignatureValidationData[];
  /** Streams the DSS update added. */
  readonly dss: DssUpdate['added'];
  readonly documentTimestamp: {
    readonly fieldName: string;
    readonly byteRange: ByteRange;
    readonly timestamp: TimeStampTokenInfo;
  } | null;
}

export interface LongTermSignResult extends Omit<PadesResult, 'level' | 'update' | 'sha256'> {
  readonly level: LongTermLevel;
  /** Signature, DSS and (B-LTA) document timestamp updates, to append to the input. */
  readonly update: Uint8Array;
  readonly sha256: string;
  readonly longTerm: LongTermResult;
}

const nameOf = (der: Uint8Array): string => {
  const subject = certificateInfo(der).subject;
  return subject.commonName ?? subject.text;
};

/** Refuses a B-LT for a signer's certificate the data does not decide, or says is revoked. */
function requireDecided(
  evidence: PathEvidence,
  leaf: Uint8Array,
  level: LongTermLevel,
  refuseRevoked: boolean,
): void {
  const why = evidence.unknownBecause;
  if (why !== null) {
    // The revocation check's reasons are English; its plainest one is said in both languages.
    const nothing = why === 'no revocation data';
    throw new HosoError('REVOCATION_DATA_MISSING', {
      params: {
        subject: nameOf(leaf),
        level,
        detail: nothing ? 'none was given or found' : why,
        ...(nothing ? { 'detail.vi': 'không có dữ liệu nào được cung cấp hay tìm thấy' } : {}),
      },
    });
  }
  if (refuseRevoked && evidence.leaf.status === 'REVOKED') {
    throw new HosoError('SIGNER_REVOKED', {
      params: {
        revokedAt: (evidence.leaf.revokedAt ?? '').slice(0, 10),
        source: evidence.leaf.source ?? '',
      },
    });
  }
}

function checkRequest(req: LongTermRequest): void {
  if (req.level === 'B-LTA' && !req.timestamper) {
    throw usageError(
      'sign',
      '--level B-LTA cần máy chủ dấu thời gian cho dấu thời gian tài liệu: --tsa URL',
      '--level B-LTA needs a timestamp server for the document timestamp: --tsa URL',
    );
  }
}

interface CmsSigner {
  /** Null when the SignedData does not carry it (a token may leave its TSA's certificate out). */
  readonly cert: Uint8Array | null;
  /** Certificates to build its path with: the CMS's and the caller's. */
  readonly pool: Uint8Array[];
  /** Revocation data the CMS carries (its crls, the signer's adbe-revocationInfoArchival). */
  readonly crls: readonly Uint8Array[];
  readonly ocsps: readonly Uint8Array[];
  /** Its signature timestamp tokens. */
  readonly tokens: readonly Uint8Array[];
  /** A timestamp token's genTime (its TSTInfo); null for a signature. */
  readonly genTime: Date | null;
}

/** The signer of a CMS SignedData (a signature, or a timestamp token) and what it carries. */
function signerOf(cms: Uint8Array, extra: readonly Uint8Array[]): CmsSigner {
  const parsed = parseSignedData(cms);
  const signer = parsed.signers[0];
  return {
    cert: signer ? findSignerCertificate(parsed, signer, extra) : null,
    pool: [...parsed.certificates, ...extra],
    crls: [...parsed.crls, ...(signer?.revocationArchive.crls ?? [])],
    ocsps: signer?.revocationArchive.ocsps ?? [],
    tokens: signer?.timestampTokens ?? [],
    genTime:
      parsed.eContentType === OID.tstInfo && parsed.eContent
        ? readTstInfo(parsed.eContent).genTime
        : null,
  };
}

/** The path evidence of a CMS signer, its own revocation data counted as given. */
function evidenceOf(
  signer: CmsSigner & { readonly cert: Uint8Array },
  sources: RevocationSources,
  at: Date,
  purpose: 'signature' | 'timestamp',
): Promise<PathEvidence> {
  const carried = {
    ...sources,
    crls: [...sources.crls, ...signer.crls],
    ocsps: [...sources.ocsps, ...signer.ocsps],
  };
  return pathEvidence(signer.cert, signer.pool, carried, at, purpose);
}

const hasCert = (s: CmsSigner): s is CmsSigner & { readonly cert: Uint8Array } => s.cert !== null;

const UNKNOWN: RevocationFacts = { status: 'UNKNOWN', source: null, revokedAt: null };

/**
 * The validation data of one signature or document timestamp of the PDF. Each certificate is
 * judged at the time `hoso verify` judges it: a signer at its earliest proof of existence — its
 * signature timestamp, or a document timestamp added after it (`laterProof`) — a TSA at its
 * token's time, a signer with no proof at all `now`. So data the DSS holds since an earlier
 * extension still serves once it is no longer current. TSAs are best effort: a token that does
 * not carry its TSA's certificate just adds nothing.
 */
async function dataFor(
  sig: PdfSignature,
  req: LongTermRequest,
  times: { readonly now: Date; readonly laterProof: Date | null },
  refuseRevoked: boolean,
): Promise<{ entry: VriEntry; data: SignatureValidationData }> {
  const label = `signature ${sig.fieldName ?? '(unnamed)'}`;
  if (!sig.contents) {
    throw new HosoError('PDF_MALFORMED', {
      params: { detail: `${label} has no /Contents string to take validation data from` },
    });
  }
  const extra = req.extraCertificates ?? [];
  const documentTimestamp = sig.subFilter === 'ETSI.RFC3161';
  const signer = signerOf(sig.contents.bytes, extra);
  const tsas = (documentTimestamp ? [] : signer.tokens).map((t) => signerOf(t, extra));
  const evidence: PathEvidence[] = [];
  let revocation = UNKNOWN;
  if (hasCert(signer)) {
    const own = await evidenceOf(
      signer,
      req.revocation,
      signer.genTime ?? earliest([tsas[0]?.genTime, times.laterProof]) ?? times.now,
      documentTimestamp ? 'timestamp' : 'signature',
    );
    if (!documentTimestamp) requireDecided(own, signer.cert, req.level, refuseRevoked);
    evidence.push(own);
    revocation = own.leaf;
  } else if (!documentTimestamp) {
    throw new HosoError('CMS_MALFORMED', {
      params: { detail: `${label}: the signer's certificate is not in the SignedData` },
    });
  }
  for (const tsa of tsas.filter(hasCert))
    evidence.push(await evidenceOf(tsa, req.revocation, tsa.genTime ?? times.now, 'timestamp'));
  const key = vriKey(sig.contents.bytes);
  return {
    entry: {
      key,
      certificates: unique(evidence.flatMap((e) => [...e.path, ...e.responders])),
      crls: unique(evidence.flatMap((e) => e.crls)),
      ocsps: unique(evidence.flatMap((e) => e.ocsps)),
    },
    data: {
      fieldName: sig.fieldName,
      kind: documentTimestamp ? 'document-timestamp' : 'signature',
      vriKey: key,
      revocation,
    },
  };
}

function earliest(times: readonly (Date | null | undefined)[]): Date | null {
  const known = times.filter((t): t is Date => t instanceof Date);
  return known.length ? new Date(Math.min(...known.map((t) => t.getTime()))) : null;
}

function sha256Of(src: ByteSource): string {
  const hash = createHash('sha256');
  forEachChunk(src, 0, src.size, (c) => hash.update(c));
  return hash.digest('hex');
}

/**
 * Adds the DSS (and for B-LTA a document timestamp) for the signatures of the PDF in `src`:
 * every one, or only the one in field `fieldName`.
 */
async function addLongTermData(
  src: ByteSource,
  req: LongTermRequest,
  ctx: Context,
  select: { fieldName?: string; refuseRevoked: boolean },
): Promise<LongTermResult> {
  checkRequest(req);
  const pdf = openPdf(src);
  if (pdf.isEncrypted) throw new HosoError('PDF_ENCRYPTED', { params: { path: '<input>' } });
  const all = findSignatures(pdf);
  const signatures = all.filter(
    (s) => select.fieldName === undefined || s.fieldName === select.fieldName,
  );
  if (signatures.length === 0) {
    throw usageError(
      'sign',
      'tài liệu chưa có chữ ký nào để nâng mức: hãy ký với --level B-LT hoặc B-LTA (không dùng --extend)',
      'the document has no signature to extend: sign it with --level B-LT or B-LTA (without --extend)',
    );
  }
  // What the file already carries counts as given: raising a B-LT to B-LTA needs no new files.
  const held = readDocumentSecurityStore(pdf);
  const withHeld: LongTermRequest = {
    ...req,
    revocation: {
      ...req.revocation,
      crls: [...req.revocation.crls, ...held.crls],
      ocsps: [...req.revocation.ocsps, ...held.ocsps],
    },
    extraCertificates: [...(req.extraCertificates ?? []), ...held.certificates],
  };
  const now = ctx.clock.now();
  const entries: VriEntry[] = [];
  const data: SignatureValidationData[] = [];
  // The times of the document timestamps, in file order: each is a proof of existence for the
  // signatures before it (findSignatures orders by where the ByteRange gap lies).
  const stampTimes = all.map((s) =>
    s.subFilter === 'ETSI.RFC3161' && s.contents ? signerOf(s.contents.bytes, []).genTime : null,
  );
  for (const sig of signatures) {
    const laterProof = earliest(stampTimes.slice(all.indexOf(sig) + 1));
    const one = await dataFor(sig, withHeld, { now, laterProof }, select.refuseRevoked);
    entries.push(one.entry);
    data.push(one.data);
  }
  const dss = dssUpdate(pdf, src.size, entries);
  const afterDss = new AppendedSource(src, [dss.update]);
  if (req.level === 'B-LT') {
    return {
      update: dss.update,
      sha256: sha256Of(afterDss),
      level: req.level,
      signatures: data,
      dss: dss.added,
      documentTimestamp: null,
    };
  }
  const stamped = await addDocumentTimestamp(afterDss, req.timestamper!);
  return {
    update: concatBytes([dss.update, stamped.update]),
    sha256: stamped.sha256,
    level: req.level,
    signatures: data,
    dss: dss.added,
    documentTimestamp: {
      fieldName: stamped.fieldName,
      byteRange: stamped.byteRange,
      timestamp: stamped.timestamp,
    },
  };
}

/**
 * Signs the PDF in `src` at B-LT or B-LTA: a B-T signature (`pades.timestamper` is required),
 * then its validation data. The signer's revocation data is looked for before anything is
 * signed, so that a refusal costs no timestamp.
 */
export async function signPdfLongTerm(
  src: ByteSource,
  pades: PadesRequest,
  req: LongTermRequest,
  ctx: Context,
): Promise<LongTermSignResult> {
  checkRequest(req);
  if (!pades.timestamper) {
    throw usageError(
      'sign',
      `--level ${req.level} cần máy chủ dấu thời gian: --tsa URL`,
      `--level ${req.level} needs a timestamp server: --tsa URL`,
    );
  }
  checkSigner(certificateInfo(pades.key.certificate), ctx.clock.now(), pades);
  const pool = [...pades.key.chain, ...(pades.extraCertificates ?? [])];
  const early = await pathEvidence(
    pades.key.certificate,
    pool,
    req.revocation,
    ctx.clock.now(),
    'signature',
  );
  requireDecided(early, pades.key.certificate, req.level, true);

  const signed = await signPdf(src, pades, ctx);
  const longTerm = await addLongTermData(new AppendedSource(src, [signed.update]), req, ctx, {
    fieldName: signed.fieldName,
    refuseRevoked: true,
  });
  return {
    ...signed,
    level: req.level,
    update: concatBytes([signed.update, longTerm.update]),
    sha256: longTerm.sha256,
    longTerm,
  };
}

/**
 * `hoso sign --extend`: raises every signature the PDF in `src` already has to B-LT or B-LTA.
 * A certificate revoked since is no reason to refuse: that evidence is what long-term validation
 * keeps (a signature timestamped before the revocation stays valid).
 */
export function extendPdf(
  src: ByteSource,
  req: LongTermRequest,
  ctx: Context,
): Promise<LongTermResult> {
  return addLongTermData(src, req, ctx, { refuseRevoked: false });
}
