// The registry suite (tests/support/registry-suite.ts) on SQLite: a new temp folder per test,
// `sqlite:<folder>/hoso.db` not yet created. Needs nothing but Node and the npm packages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineRegistrySuite } from '../../support/registry-suite.js';

defineRegistrySuite('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-registry-'));
  return {
    location: `sqlite:${join(dir, 'hoso.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
