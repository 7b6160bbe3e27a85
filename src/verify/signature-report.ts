/**
 * Assembles one SignatureReport: every core check of CLI.md present (SKIPPED with a reason where
 * it did not apply), sub-checks right after their core check, and the indication computed from
 * the checks (src/report/conclusion.ts), never set by hand.
 */
import { CORE_CHECKS } from '../report/check-ids.js';
import { conclude } from '../report/conclusion.js';
import type { Check, SignatureReport } from '../report/model.js';

export type SignatureFacts = Omit<SignatureReport, 'indication' | 'subIndication' | 'checks'>;

const skipped = (id: string, detail: string): Check => ({ id, status: 'SKIPPED', detail });

/** Orders `checks` by core id (CORE_CHECKS order) and fills missing core ids with SKIPPED. */
export function completeChecks(checks: readonly Check[], skippedDetail: string): Check[] {
  const out: Check[] = [];
  const used = new Set<Check>();
  for (const core of CORE_CHECKS) {
    const mine = checks.filter((c) => c.id === core || c.id.startsWith(core + '.'));
    const main = mine.find((c) => c.id === core);
    // the core check first, its sub-checks after it
    for (const c of main ? [main, ...mine.filter((m) => m !== main)] : mine) {
      out.push(c);
      used.add(c);
    }
    if (!main) out.push(skipped(core, skippedDetail));
  }
  for (const c of checks) if (!used.has(c)) out.push(c);
  return out;
}

export function signatureReport(
  facts: SignatureFacts,
  checks: readonly Check[],
  skippedDetail = 'not applicable',
): SignatureReport {
  const all = completeChecks(checks, skippedDetail);
  const { indication, subIndication } = conclude(all);
  return { ...facts, indication, subIndication, checks: all };
}
