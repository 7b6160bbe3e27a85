/**
 * CMS files (RFC 5652; CAdES, ETSI EN 319 122-1): `.p7m` carries its content (eContent),
 * `.p7s` signs a separate file. Every SignerInfo is a signature of the report.
 */
import { parseSignedData } from '../cms/signed-data-parser.js';
import type { ByteSource } from '../kernel/index.js';
import type { Check, SignatureReport } from '../report/model.js';
import { digestOfBytes, digestProvider } from './content-digest.js';
import { assessSigner, type AssessContext } from './signer-assessment.js';
import { signatureReport } from './signature-report.js';

/**
 * `content` is the detached content's source (null when it could not be found); for an
 * enveloping signature it is ignored in favour of eContent.
 */
export function verifyCmsSignatures(
  der: Uint8Array,
  content: ByteSource | null,
  ctx: AssessContext,
): { signatures: SignatureReport[]; detached: boolean; eContent: Uint8Array | null } {
  const parsed = parseSignedData(der); // CMS_MALFORMED propagates: a file-level error
  const detached = parsed.eContent === null;
  const contentDigest = parsed.eContent
    ? digestOfBytes(parsed.eContent)
    : content
      ? digestProvider(content, [[0, content.size]])
      : () => null;
  const signatures = parsed.signers.map((signer, i) => {
    const checks: Check[] = [
      {
        id: 'format',
        status: 'PASSED',
        detail: detached ? 'CMS SignedData, detached' : 'CMS SignedData, enveloping',
      },
      { id: 'pdf.byterange', status: 'SKIPPED', detail: 'not a PDF' },
      { id: 'pdf.modifications', status: 'SKIPPED', detail: 'not a PDF' },
    ];
    if (detached && !content) {
      checks.push({
        id: 'cms.digest.content',
        status: 'INDETERMINATE',
        detail: 'the signed content was not found',
        subIndication: 'SIGNED_DATA_NOT_FOUND',
      });
    }
    const assessed = assessSigner(parsed, signer, contentDigest, ctx, null);
    checks.push(...assessed.checks);
    return signatureReport(
      {
        index: i + 1,
        fieldName: null,
        coverage: null,
        modificationLevel: null,
        subFilter: null,
        revision: null,
        ...assessed.facts,
      },
      checks,
    );
  });
  return { signatures, detached, eContent: parsed.eContent };
}
