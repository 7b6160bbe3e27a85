// The registry suite (tests/support/registry-suite.ts) on PostgreSQL: a fresh database per test
// on the server HOSO_TEST_PG names. Without HOSO_TEST_PG this file fails, it never skips.
import { freshPostgresDatabase, postgresAdminUrl } from '../support/postgres.js';
import { defineRegistrySuite } from '../support/registry-suite.js';

postgresAdminUrl(); // throws a clear message when HOSO_TEST_PG is missing

defineRegistrySuite('postgres', () => freshPostgresDatabase());
