/**
 * Indications computed from checks (ETSI EN 319 102-1 §5.1.3): any FAILED check → TOTAL_FAILED
 * with that check's sub-indication; else any INDETERMINATE → INDETERMINATE with its
 * sub-indication; else TOTAL_PASSED. The first decisive check in pipeline order names the
 * sub-indication (integrity before maths before trust), as DSS reports the first failing
 * building block.
 */
import type {
  Check,
  FileIndication,
  FileReport,
  Indication,
  SignatureReport,
  SubIndication,
  VerificationReport,
} from './model.js';

export function conclude(checks: readonly Check[]): {
  indication: Indication;
  subIndication: SubIndication | null;
} {
  const failed = checks.find((c) => c.status === 'FAILED');
  if (failed) return { indication: 'TOTAL_FAILED', subIndication: failed.subIndication ?? null };
  const open = checks.find((c) => c.status === 'INDETERMINATE');
  if (open) return { indication: 'INDETERMINATE', subIndication: open.subIndication ?? null };
  return { indication: 'TOTAL_PASSED', subIndication: null };
}

const RANK: Record<FileIndication, number> = {
  TOTAL_PASSED: 0,
  NO_SIGNATURE: 1,
  INDETERMINATE: 2,
  TOTAL_FAILED: 3,
};

/** A file is as good as its worst signature (CLI.md); no signature at all → NO_SIGNATURE. */
export function fileIndication(
  signatures: readonly SignatureReport[],
  error: FileReport['error'],
): FileIndication {
  if (error) return 'TOTAL_FAILED';
  if (signatures.length === 0) return 'NO_SIGNATURE';
  return signatures.reduce<FileIndication>(
    (worst, s) => (RANK[s.indication] > RANK[worst] ? s.indication : worst),
    'TOTAL_PASSED',
  );
}

export function summarise(files: readonly FileReport[]): VerificationReport['summary'] {
  const count = (i: FileIndication) => files.filter((f) => f.indication === i).length;
  return {
    files: files.length,
    passed: count('TOTAL_PASSED'),
    failed: count('TOTAL_FAILED'),
    indeterminate: count('INDETERMINATE'),
    unsigned: count('NO_SIGNATURE'),
  };
}

/** CLI.md exit codes for verify: 0 all passed, 1 any failed, 2 otherwise (indeterminate/unsigned). */
export function verifyExitCode(summary: VerificationReport['summary']): number {
  if (summary.failed > 0) return 1;
  if (summary.indeterminate > 0 || summary.unsigned > 0) return 2;
  return 0;
}
