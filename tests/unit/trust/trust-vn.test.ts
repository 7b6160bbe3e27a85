/**
 * Every intermediate (and TSA certificate) in ../shared/trust-vn/ chains to the root that
 * SOURCES.tsv's `chain_check` column names, through buildChain and through `hoso trust show`.
 *
 * SKIPS WHEN ../shared/trust-vn IS ABSENT — the one deliberate skip of the unit suite: the
 * collection of Vietnamese CA certificates lives beside the repository, not in it, and the unit
 * suite must run on a fresh machine. Everything else about trust is tested with test-certs/.
 *
 * What the collection shows at the frozen time 2026-11-25: every path builds and every link's
 * signature verifies. Not every path is *trusted* then: the legacy CAs under "MIC National Root
 * CA" (2008) expired in 2018–2022 and are INDETERMINATE on validity (they still chain, for old
 * signatures with a timestamp); so are VNPT SmartCA RS 2021 (expired 2026-11-18) and TrustCA
 * Qualified Timestamping CA 2021 (expired 2026-03-03). Those under MIC and under the Ban Cơ yếu G1
 * root (2010) are signed with SHA-1, which policy.algorithms flags under strict.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TrustStore,
  algorithmPolicy,
  buildChain,
  readTrustMaterial,
} from '../../../src/trust/index.js';
import { loadTrustPaths } from '../../../src/cli/trust-paths.js';
import { ROOT } from '../../support/paths.js';
import { hosoAsync } from '../../support/run-cli.js';

const TRUST_VN = join(ROOT, '..', 'shared', 'trust-vn');
const present = existsSync(join(TRUST_VN, 'SOURCES.tsv'));
const AT = new Date('2026-11-25T00:00:00Z');

interface Row {
  readonly file: string;
  readonly notAfter: Date;
  readonly expectedRoot: string;
}

function rows(): Row[] {
  const [header, ...lines] = readFileSync(join(TRUST_VN, 'SOURCES.tsv'), 'utf8').trim().split('\n');
  const cols = header!.split('\t');
  const at = (name: string) => cols.indexOf(name);
  return lines
    .map((line) => line.split('\t'))
    .filter((f) => !f[at('file')]!.startsWith('roots/'))
    .map((f) => ({
      file: f[at('file')]!,
      notAfter: new Date(f[at('notAfter')]!),
      expectedRoot: /roots\/([^ ]+\.pem)/.exec(f[at('chain_check')]!)![1]!,
    }));
}

const der = (path: string): Uint8Array =>
  readTrustMaterial(readFileSync(path), path).certificates[0]!;

const LEGACY_SHA1_ROOTS = new Set([
  'mic-national-root-ca_2008_ca918d63.pem',
  'co-quan-chung-thuc-so-chuyen-dung-chinh-phu-rootca_2010_f7bc8905.pem',
]);

describe.skipIf(!present)('../shared/trust-vn (skipped when ../shared is absent)', () => {
  const all = present ? rows() : [];
  const roots = present
    ? readdirSync(join(TRUST_VN, 'roots')).map((f) => ({
        der: der(join(TRUST_VN, 'roots', f)),
        path: join(TRUST_VN, 'roots', f),
      }))
    : [];

  it('lists every intermediate of the collection', () => {
    expect(all.filter((r) => r.file.startsWith('intermediates/'))).toHaveLength(
      readdirSync(join(TRUST_VN, 'intermediates')).length,
    );
  });

  it('buildChain: every intermediate and TSA certificate reaches its root, every link verified', () => {
    const store = TrustStore.fromBytes({ anchors: roots });
    for (const row of all) {
      const r = buildChain(der(join(TRUST_VN, row.file)), { store, at: AT, purpose: 'any' });
      expect(r.anchored, row.file).toBe(true);
      expect(r.path, row.file).toHaveLength(2);
      expect(basename(store.sourceOf(r.anchor!.sha256) ?? ''), row.file).toBe(row.expectedRoot);
      const chain = r.checks.find((c) => c.id === 'trust.chain')!;
      expect(chain.status, `${row.file}: ${chain.detail}`).toBe('PASSED');
      const validity = r.checks.find((c) => c.id === 'trust.validity')!;
      expect(validity.status, row.file).toBe(row.notAfter < AT ? 'INDETERMINATE' : 'PASSED');
      const policy = algorithmPolicy({ chain: r, at: AT, policy: 'strict' });
      expect(policy.status, row.file).toBe(
        LEGACY_SHA1_ROOTS.has(row.expectedRoot) ? 'FAILED' : 'PASSED',
      );
    }
  });

  it('still finds the right root when every intermediate is in the pool (same-named CAs: "CA2" 2015 and 2024)', () => {
    const intermediates = all.map((row) => der(join(TRUST_VN, row.file)));
    const store = TrustStore.fromBytes({ anchors: roots, intermediates });
    for (const row of all) {
      const r = buildChain(der(join(TRUST_VN, row.file)), { store, at: AT, purpose: 'any' });
      expect(basename(store.sourceOf(r.anchor?.sha256 ?? '') ?? ''), row.file).toBe(
        row.expectedRoot,
      );
    }
  });

  it('the CLI loader reads the roots folder into the same anchors', () => {
    const loaded = loadTrustPaths([join(TRUST_VN, 'roots')]);
    expect(loaded.certificates).toHaveLength(roots.length);
    expect(loaded.skipped).toBe(0);
    const store = TrustStore.fromBytes({ anchors: loaded.certificates });
    for (const row of all) {
      const r = buildChain(der(join(TRUST_VN, row.file)), { store, at: AT, purpose: 'any' });
      expect(basename(store.sourceOf(r.anchor?.sha256 ?? '') ?? ''), row.file).toBe(
        row.expectedRoot,
      );
    }
  });

  it('hoso trust show builds the path for one intermediate under each root (the rest: same code, above)', async () => {
    const rootsDir = join(TRUST_VN, 'roots');
    const byRoot = new Map<string, Row>();
    for (const row of all) if (!byRoot.has(row.expectedRoot)) byRoot.set(row.expectedRoot, row);
    const runs = await Promise.all(
      [...byRoot.values()].map(async (row) => ({
        row,
        r: await hosoAsync([
          'trust',
          'show',
          join(TRUST_VN, row.file),
          '--trust',
          rootsDir,
          '--at',
          AT.toISOString(),
          '--json',
        ]),
      })),
    );
    expect(runs.length).toBeGreaterThanOrEqual(7);
    for (const { row, r } of runs) {
      expect(r.stdout, `${row.file}: ${r.stderr}`).not.toBe('');
      const json = JSON.parse(r.stdout) as {
        anchored: boolean;
        anchor: { source: string } | null;
        chain: unknown[];
      };
      expect(json.anchored, row.file).toBe(true);
      expect(json.chain, row.file).toHaveLength(2);
      expect(basename(json.anchor!.source), row.file).toBe(row.expectedRoot);
      const expectTrusted = row.notAfter >= AT && !LEGACY_SHA1_ROOTS.has(row.expectedRoot);
      expect(r.code, row.file).toBe(expectTrusted ? 0 : 2);
    }
  });
});
