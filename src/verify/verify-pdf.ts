/**
 * PAdES / PDF signatures (ISO 32000-1 §12.8, ETSI EN 319 142-1): find every signature through
 * the AcroForm (never a text search for "/ByteRange"), check its ByteRange against the file and
 * its /Contents, parse the CMS, hash exactly the signed ranges (streaming), verify the signer,
 * its chain and policy, say what later revisions changed and whether that stays within a
 * certification signature's DocMDP level (docmdp.ts) and leaves alone the fields a signature
 * locks (fieldmdp.ts).
 */
import { HosoError, type ByteSource } from '../kernel/index.js';
import { OID, parseSignedData, readTstInfo, type ParsedSignedData } from '../cms/index.js';
import { hashName } from '../trust/index.js';
import {
  checkByteRange,
  findSignatures,
  openPdf,
  permsDocMdp,
  PdfFile,
  readDocumentSecurityStore,
  type PdfSignature,
} from '../pdf/index.js';
import type { Check, SignatureReport } from '../report/model.js';
import { digestOfBytes, SourceDigests } from './content-digest.js';
import { certificationOf, docMdpCheck, type Certification } from './docmdp.js';
import { fieldMdpCheck, fieldMdpOf } from './fieldmdp.js';
import { analyseModifications, type ModificationAnalysis } from './modifications.js';
import {
  assessSigner,
  noSignerFacts,
  type AssessContext,
  type DocumentEvidence,
} from './signer-assessment.js';
import { signatureReport } from './signature-report.js';

/** SubFilters whose CMS hoso verifies (ISO 32000-1 §12.8.3, ETSI EN 319 142-1 §5.1). */
const CMS_SUBFILTERS = new Set([
  'adbe.pkcs7.detached',
  'ETSI.CAdES.detached',
  'adbe.pkcs7.sha1',
  'ETSI.RFC3161',
]);

const fail = (id: string, detail: string, params?: Record<string, string | number>): Check => ({
  id,
  status: 'FAILED',
  detail,
  subIndication: 'FORMAT_FAILURE',
  ...(params ? { params } : {}),
});

function verifyOne(
  pdf: PdfFile,
  sig: PdfSignature,
  index: number,
  ctx: AssessContext,
  digests: SourceDigests,
  certification: Certification | null,
  dss: DocumentEvidence,
  documentProof: Date | null,
): SignatureReport {
  const br = checkByteRange(pdf, sig);
  const checks: Check[] = [...br.checks];
  const base = {
    index,
    fieldName: sig.fieldName,
    coverage: br.coverage,
    subFilter: sig.subFilter,
    revision: br.signedRevision === null ? null : br.signedRevision + 1,
    byteRange: sig.byteRange,
    certificationLevel: certification?.level ?? null,
  };

  if (sig.subFilter === 'adbe.x509.rsa_sha1') {
    checks.push({
      id: 'format',
      status: 'INDETERMINATE',
      detail: 'adbe.x509.rsa_sha1 is a legacy PKCS#1 format hoso does not verify',
      subIndication: 'FORMAT_FAILURE',
      params: { subFilter: sig.subFilter },
    });
    return signatureReport(
      { ...base, ...noSignerFacts(), modificationLevel: null },
      checks,
      'unsupported legacy format',
    );
  }
  if (!sig.contents) {
    checks.push(
      fail(
        'format',
        sig.contentsInObjectStream ? '/Contents lies in an object stream' : 'no /Contents string',
      ),
    );
    return signatureReport(
      { ...base, ...noSignerFacts(), modificationLevel: null },
      checks,
      'no signature value',
    );
  }
  if (sig.subFilter !== null && !CMS_SUBFILTERS.has(sig.subFilter)) {
    checks.push({
      id: 'format',
      status: 'INDETERMINATE',
      detail: `unknown /SubFilter ${sig.subFilter}`,
      subIndication: 'FORMAT_FAILURE',
      params: { subFilter: sig.subFilter },
    });
    return signatureReport(
      { ...base, ...noSignerFacts(), modificationLevel: null },
      checks,
      'unknown format',
    );
  }
  let parsed: ParsedSignedData;
  try {
    parsed = parseSignedData(sig.contents.bytes);
  } catch (e) {
    if (!(e instanceof HosoError)) throw e;
    checks.push(fail('format', e.message));
    return signatureReport(
      { ...base, ...noSignerFacts(), modificationLevel: null },
      checks,
      'no CMS',
    );
  }
  const signer = parsed.signers[0];
  if (!signer) {
    checks.push(fail('format', 'SignedData has no SignerInfo'));
    return signatureReport(
      { ...base, ...noSignerFacts(), modificationLevel: null },
      checks,
      'no signer',
    );
  }
  checks.push({
    id: 'format',
    status: 'PASSED',
    detail: `${sig.subFilter ?? 'no /SubFilter'}, CMS SignedData`,
  });

  // The signed ranges; a ByteRange that does not fit the file gives no digest (cms.digest cannot pass).
  const ranges = usableRanges(sig.byteRange, pdf.source.size);
  const rangeDigest = ranges ? digests.provider(ranges) : () => null;
  // adbe.pkcs7.sha1: eContent is the SHA-1 of the ranges, and the signer signs eContent.
  let contentDigest = rangeDigest;
  if (sig.subFilter === 'adbe.pkcs7.sha1') {
    const inner = parsed.eContent;
    const sha1 = rangeDigest('sha1');
    const matches = inner !== null && sha1 !== null && Buffer.from(inner).equals(Buffer.from(sha1));
    checks.push({
      id: 'cms.digest.pkcs7-sha1',
      status: matches ? 'PASSED' : 'FAILED',
      detail: matches
        ? 'eContent is the SHA-1 of the ByteRange'
        : 'eContent is not the SHA-1 of the ByteRange',
      ...(matches ? {} : { subIndication: 'HASH_FAILURE' as const }),
    });
    contentDigest = inner ? digestOfBytes(inner) : () => null;
  } else if (sig.subFilter === 'ETSI.RFC3161') {
    // Document timestamp (ISO 32000-2 §12.8.5, ETSI EN 319 142-1 §5.4): the token signs TSTInfo,
    // whose messageImprint is the digest of the ByteRange.
    checks.push(documentTimestampImprint(parsed, rangeDigest));
    contentDigest = parsed.eContent ? digestOfBytes(parsed.eContent) : () => null;
  } else if (parsed.eContent !== null) {
    checks.push({
      id: 'format.econtent',
      status: 'FAILED',
      detail: 'a detached PDF signature must not encapsulate content',
      subIndication: 'FORMAT_FAILURE',
    });
  }

  const purpose = sig.subFilter === 'ETSI.RFC3161' ? 'timestamp' : 'signature';
  const assessed = assessSigner(
    parsed,
    signer,
    contentDigest,
    ctx,
    sig.signingTime,
    purpose,
    dss,
    documentProof,
  );
  checks.push(...assessed.checks);

  let mods: Pick<ModificationAnalysis, 'level' | 'changes'> | null = null;
  let laterRevisions = 0;
  if (br.coverage === 'ENTIRE_FILE') {
    mods = { level: 'NONE', changes: [] };
    checks.push({
      id: 'pdf.modifications',
      status: 'PASSED',
      detail: 'no later revision',
      params: { level: 'NONE' },
    });
  } else if (br.coverage === 'ENTIRE_REVISION' && br.signedRevision !== null) {
    const analysis = analyseModifications(pdf, br.signedRevision, sig.fieldName ?? undefined);
    mods = analysis;
    laterRevisions = pdf.revisions.length - 1 - br.signedRevision;
    checks.push(analysis.check);
  }
  checks.push(docMdpCheck(certification, mods, laterRevisions));
  // The locks the signature covers are those of the revision it signed (its own, when the
  // ByteRange fits none: then `mods` is null and the check cannot conclude anyway).
  const lockRevision = br.signedRevision ?? sig.revisionIndex;
  const locks = lockRevision === null ? null : fieldMdpOf(pdf, sig, lockRevision);
  checks.push(fieldMdpCheck(locks, mods, laterRevisions));
  return signatureReport(
    { ...base, ...assessed.facts, modificationLevel: mods?.level ?? null },
    checks,
  );
}

function documentTimestampImprint(
  parsed: ParsedSignedData,
  rangeDigest: (algorithm: string) => Uint8Array | null,
): Check {
  const id = 'cms.digest.document-timestamp';
  if (parsed.eContentType !== OID.tstInfo || !parsed.eContent) {
    return {
      id,
      status: 'FAILED',
      detail: 'an ETSI.RFC3161 signature must hold a TSTInfo',
      subIndication: 'FORMAT_FAILURE',
    };
  }
  let info;
  try {
    info = readTstInfo(parsed.eContent);
  } catch {
    return {
      id,
      status: 'FAILED',
      detail: 'the TSTInfo cannot be read',
      subIndication: 'FORMAT_FAILURE',
    };
  }
  const algorithm = hashName(info.digestOid);
  const digest = algorithm ? rangeDigest(algorithm) : null;
  if (!digest) {
    return {
      id,
      status: 'INDETERMINATE',
      detail: `imprint algorithm ${info.digestOid} not supported`,
      subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
    };
  }
  return Buffer.from(digest).equals(Buffer.from(info.imprint))
    ? { id, status: 'PASSED', detail: 'the timestamp imprint is the digest of the ByteRange' }
    : {
        id,
        status: 'FAILED',
        detail: 'the timestamp imprint differs from the digest of the ByteRange',
        subIndication: 'HASH_FAILURE',
      };
}

function usableRanges(br: readonly number[] | null, size: number): [number, number][] | null {
  if (!br || br.length !== 4 || br.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
  const [a, b, c, d] = br as [number, number, number, number];
  if (a + b > size || c + d > size) return null;
  return [
    [a, b],
    [c, d],
  ];
}

/**
 * `digests`: pass the file's SourceDigests to have its fingerprint computed in the same pass as
 * the ByteRanges (verify-file.ts does).
 */
export function verifyPdfSignatures(
  src: ByteSource,
  ctx: AssessContext,
  digests: SourceDigests = new SourceDigests(src),
): SignatureReport[] {
  let pdf = openPdf(src);
  let sigs = findSignatures(pdf);
  // A signed update cut off before its cross-reference section (a truncated download) leaves an
  // older startxref last: read that way the file looks unsigned. Read it by its objects instead,
  // so that the signature is found and its ByteRange, now past the end, fails.
  if (sigs.length === 0 && pdf.unterminatedUpdate) {
    const rebuilt = PdfFile.openReconstructed(src);
    const found = findSignatures(rebuilt);
    if (found.length > 0) {
      pdf = rebuilt;
      sigs = found;
    }
  }
  const perms = permsDocMdp(pdf);
  const dss = readDocumentSecurityStore(pdf);
  const one = (i: number, proof: Date | null): SignatureReport =>
    verifyOne(pdf, sigs[i]!, i + 1, ctx, digests, certificationOf(sigs, i, perms), dss, proof);
  // Document timestamps first: one that passes is a proof of existence, at its genTime, of every
  // signature of an earlier revision (ETSI EN 319 102-1 §5.6.2.1; PAdES B-LTA), so a signature
  // whose certificate has since expired or been revoked is judged at that time.
  const reports = new Map<number, SignatureReport>();
  const proofs: { revision: number; time: Date }[] = [];
  sigs.forEach((sig, i) => {
    if (sig.subFilter !== 'ETSI.RFC3161') return;
    const report = one(i, null);
    reports.set(i, report);
    const time = documentTimestampTime(sig);
    if (report.indication === 'TOTAL_PASSED' && time !== null && sig.revisionIndex !== null)
      proofs.push({ revision: sig.revisionIndex, time });
  });
  return sigs.map((sig, i) => {
    const done = reports.get(i);
    if (done) return done;
    const covering = proofs
      .filter((p) => sig.revisionIndex !== null && p.revision > sig.revisionIndex)
      .map((p) => p.time.getTime());
    return one(i, covering.length > 0 ? new Date(Math.min(...covering)) : null);
  });
}

/** The genTime of a document timestamp's token, or null when it cannot be read. */
function documentTimestampTime(sig: PdfSignature): Date | null {
  if (sig.contents === null) return null;
  try {
    const parsed = parseSignedData(sig.contents.bytes);
    return parsed.eContent ? readTstInfo(parsed.eContent).genTime : null;
  } catch (e) {
    if (!(e instanceof HosoError)) throw e;
    return null;
  }
}
