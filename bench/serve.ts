/**
 * bench/serve: the lookup service under load. The real `hoso serve --rate-limit off` (the built
 * binary, as a child process on 127.0.0.1, port 0) over a SQLite registry of `--docs` documents,
 * driven by wrk for `--duration` seconds per route, against a minimal node:http hello-world
 * server measured the same way in the same run. The issue's target, per route:
 *
 *   ≥ 1,000 requests/s · p99 latency < 50 ms · no errors (socket errors, or a status other
 *   than the route's: non-2xx for the record page and the API, anything but 404 for unknown codes)
 *
 * Routes: `GET /v/<code>` (the HTML page a phone opens), `GET /api/v1/lookup/<code>` (JSON),
 * both over random registered codes; `GET /v/<code>` over random well-formed unknown codes
 * (404). wrk picks a code per request from a list written to a file (Lua script in a temp file).
 * The cases run in turn (page, api, 404, peer, page, …) `--runs` times and the table shows
 * medians, so load that comes and goes on a shared machine weighs on all of them alike. wrk and
 * the server share the machine's cores, as they would in the issue's setup.
 *
 *   npm run bench:serve [-- --duration 30] [-- --runs 3] [-- --docs 1000]
 *                       [-- --connections 32] [-- --threads 2] [-- --profile]
 *
 * `--profile` runs the service under `node --cpu-prof` and prints where its CPU time went
 * (self time by function and by file); the .cpuprofile stays in bench/out/serve-profile/.
 *
 * wrk's summary counts non-2xx/3xx answers but not which status they had: for the 404 route a
 * 2xx/3xx answer counts as an error, and spot checks before and after the load (fetch) make
 * sure unknown codes get 404 and not, say, a 500.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/kernel/index.js';
import { newLookupCode } from '../src/lookup/lookup-code.js';
import { Registry, parseRegistryLocation } from '../src/registry/index.js';
import { requireTool } from '../tests/support/external-tools.js';
import { startServe } from '../tests/support/serve-process.js';
import { median } from './measure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'bench', 'out', 'serve');
const PROFILE_DIR = join(ROOT, 'bench', 'out', 'serve-profile');
const argv = process.argv.slice(2);

function option(name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} wants a positive whole number`);
  return n;
}

const DURATION = option('--duration', 30);
const RUNS = option('--runs', 3);
const DOCS = option('--docs', 1000);
const CONNECTIONS = option('--connections', 32);
const THREADS = option('--threads', 2);
const PROFILE = argv.includes('--profile');
const WARMUP_SECONDS = 3;

const TARGET_RPS = 1000;
const TARGET_P99_MS = 50;

const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

interface WrkResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly socketErrors: number;
}

/** "1.23ms", "850.00us", "1.02s", "2.00m" → milliseconds. */
function ms(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!m) throw new Error(`wrk: cannot read the duration "${text}"`);
  const unit = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(m[1]) * unit;
}

/** The figures of wrk's `--latency` summary. */
export function parseWrk(out: string): WrkResult {
  const need = (re: RegExp, what: string): RegExpExecArray => {
    const m = re.exec(out);
    if (!m) throw new Error(`wrk output has no ${what}:\n${out}`);
    return m;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requests: Number(need(/(\d+) requests in /, 'request count')[1]),
    rps: Number(need(/Requests\/sec:\s+([\d.]+)/, 'Requests/sec')[1]),
    p50Ms: ms(need(/^\s+50%\s+(\S+)/m, '50% latency line')[1]!),
    p99Ms: ms(need(/^\s+99%\s+(\S+)/m, '99% latency line')[1]!),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1, 5).reduce((a, b) => a + Number(b), 0) : 0,
  };
}

/**
 * A wrk script that asks for `prefix + code` with a code drawn at random from `codesFile` (one
 * per line). Each wrk thread has its own Lua state; setup() gives each its own seed.
 */
function luaScript(path: string, codesFile: string, prefix: string): string {
  writeFileSync(
    path,
    `local codes = {}
for line in io.lines(${JSON.stringify(codesFile)}) do codes[#codes + 1] = line end
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0) * 7919)
end
function request()
  return wrk.format("GET", ${JSON.stringify(prefix)} .. codes[math.random(#codes)])
end
`,
  );
  return path;
}

/**
 * One wrk run. Asynchronous on purpose: a spawnSync would freeze this process's event loop for
 * the whole run, and fetch's pooled keep-alive sockets would miss the server closing them.
 */
function runWrk(url: string, script: string | null, seconds: number): Promise<WrkResult> {
  const args = ['-t', String(THREADS), '-c', String(CONNECTIONS), '-d', `${seconds}s`, '--latency'];
  if (script !== null) args.push('-s', script);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`wrk ${args.join(' ')} ${url} failed (${code}):\n${out}`));
      else {
        try {
          resolve(parseWrk(out));
        } catch (e) {
          reject(e as Error);
        }
      }
    });
  });
}

/** N documents as `hoso print` would register paper conversions (hashes only, no content). */
async function buildRegistry(db: string, n: number): Promise<string[]> {
  const registry = await Registry.open({
    location: parseRegistryLocation(`sqlite:${db}`, OUT),
    mode: 'write',
    clock: systemClock,
    actor: 'bench/serve',
  });
  const codes: string[] = [];
  try {
    for (let i = 1; i <= n; i++) {
      const lookupCode = newLookupCode(random);
      const number = String(((i - 1) % 9999) + 1).padStart(4, '0');
      await registry.registerDocument({
        kind: 'paper',
        title: `Quyết định cấp giấy phép xây dựng số ${i}/QĐ-UBND`,
        sha256: Buffer.from(random(32)).toString('hex'),
        size: 40_000 + i,
        dossierCode: `000.00.12.H29-261125-${number}`,
        resultCode: `000.00.12.H29-261125-${number}-KQ1`,
        procedureCode: '1.000494.000.00.00.H29',
        pages: 2,
        system: {
          name: 'Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ninh',
          owner: 'UBND tỉnh Quảng Ninh',
        },
        agency: { code: '000.00.12.H49', name: 'UBND phường Hồng Gai' },
        verification: 'TOTAL_PASSED',
        signers: [
          {
            name: 'Nguyễn Văn An',
            organization: 'UBND phường Hồng Gai',
            signingTime: '2026-11-24T03:00:00.000Z',
            indication: 'TOTAL_PASSED',
          },
          {
            name: 'UBND phường Hồng Gai',
            organization: 'UBND tỉnh Quảng Ninh',
            signingTime: '2026-11-24T03:05:00.000Z',
            indication: 'TOTAL_PASSED',
          },
        ],
        lookupCode,
      });
      codes.push(lookupCode);
    }
  } finally {
    await registry.close();
  }
  return codes;
}

/** The peer: node:http answering "hello" to everything, in its own process like hoso serve. */
const PEER_SOURCE = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': 6 });
  res.end('hello\\n');
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

function startPeer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', PEER_SOURCE], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (out.includes('\n')) resolve({ url: out.trim(), child });
    });
    child.once('exit', (code) => reject(new Error(`the peer server exited (${code})`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Peak resident memory of a process (VmHWM, Linux), in MB; null elsewhere. */
function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Each path must answer with `status` (and the service must still be up). */
async function spotCheck(base: string, paths: readonly string[], status: number): Promise<void> {
  for (const p of paths) {
    const r = await fetch(new URL(p, base));
    await r.arrayBuffer();
    if (r.status !== status) throw new Error(`GET ${p}: ${r.status}, expected ${status}`);
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function and by file, the largest first. */
function summariseProfile(dir: string): string[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) return ['(no .cpuprofile written)'];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = frames.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const where = f.url === '' ? '' : `${basename(f.url)}:${f.lineNumber + 1}`;
    const fn = `${f.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    const fileKey = f.url === '' ? f.functionName || '(anonymous)' : basename(f.url);
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  return [
    `CPU profile of hoso serve (${join(dir, file)}), ${(total / 1e6).toFixed(1)} s sampled`,
    'self time by function:',
    ...top(byFunction, 25),
    'self time by file:',
    ...top(byFile, 12),
  ];
}

interface Case {
  readonly name: string;
  readonly expect: string;
  readonly peer: boolean;
  readonly url: () => string;
  readonly script: string | null;
  /** Errors in a wrk run, by the route's expected status. */
  readonly errors: (r: WrkResult) => number;
  readonly results: WrkResult[];
}

async function main(): Promise<void> {
  requireTool('wrk');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  if (PROFILE) {
    rmSync(PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(PROFILE_DIR, { recursive: true });
  }
  const setup: string[] = [];
  const db = join(OUT, 'hoso.db');

  const t0 = Date.now();
  const codes = await buildRegistry(db, DOCS);
  setup.push(
    `registry: ${DOCS} documents in ${((Date.now() - t0) / 1000).toFixed(1)} s (SQLite, ${(statSync(db).size / 1024 / 1024).toFixed(1)} MB)`,
  );
  const known = new Set(codes);
  const unknown: string[] = [];
  while (unknown.length < DOCS) {
    const c = newLookupCode(random);
    if (!known.has(c)) unknown.push(c);
  }
  writeFileSync(join(OUT, 'codes.txt'), codes.join('\n') + '\n');
  writeFileSync(join(OUT, 'unknown.txt'), unknown.join('\n') + '\n');

  const serve = await startServe(['--registry', `sqlite:${db}`, '--rate-limit', 'off'], {
    cwd: OUT,
    ...(PROFILE ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] } : {}),
  });
  const peer = await startPeer();
  let serveExit: { code: number | null; signal: string | null } | null = null;
  let serveRss: number | null = null;
  const cases: Case[] = [
    {
      name: 'GET /v/<code>  (HTML page)',
      expect: '200',
      peer: false,
      url: () => serve.url,
      script: luaScript(join(OUT, 'page.lua'), join(OUT, 'codes.txt'), '/v/'),
      errors: (r) => r.socketErrors + r.non2xx,
      results: [],
    },
    {
      name: 'GET /api/v1/lookup/<code>',
      expect: '200',
      peer: false,
      url: () => serve.url,
      script: luaScript(join(OUT, 'api.lua'), join(OUT, 'codes.txt'), '/api/v1/lookup/'),
      errors: (r) => r.socketErrors + r.non2xx,
      results: [],
    },
    {
      name: 'GET /v/<unknown code>',
      expect: '404',
      peer: false,
      url: () => serve.url,
      script: luaScript(join(OUT, 'unknown.lua'), join(OUT, 'unknown.txt'), '/v/'),
      errors: (r) => r.socketErrors + (r.requests - r.non2xx),
      results: [],
    },
    {
      name: 'peer: node:http hello world',
      expect: '200',
      peer: true,
      url: () => peer.url,
      script: null,
      errors: (r) => r.socketErrors + r.non2xx,
      results: [],
    },
  ];

  try {
    const sample = (list: readonly string[], n: number) =>
      Array.from({ length: n }, () => list[Math.floor(Math.random() * list.length)]!);
    const checks = async (): Promise<void> => {
      await spotCheck(serve.url, ['/healthz'], 200);
      await spotCheck(
        serve.url,
        sample(codes, 10).map((c) => `/v/${c}`),
        200,
      );
      await spotCheck(
        serve.url,
        sample(codes, 10).map((c) => `/api/v1/lookup/${c}`),
        200,
      );
      await spotCheck(
        serve.url,
        sample(unknown, 10).map((c) => `/v/${c}`),
        404,
      );
      await spotCheck(peer.url, ['/'], 200);
    };
    await checks();

    // Warm-up (JIT, SQLite's page cache), not counted.
    for (const c of cases) await runWrk(c.url(), c.script, WARMUP_SECONDS);
    for (let run = 0; run < RUNS; run++) {
      for (const c of cases) {
        const r = await runWrk(c.url(), c.script, DURATION);
        c.results.push(r);
        process.stderr.write(
          `run ${run + 1}/${RUNS} ${c.name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99Ms.toFixed(2)} ms, errors ${c.errors(r)}\n`,
        );
      }
    }
    await checks();
    serveRss = peakRssMb(serve.pid);
  } finally {
    serveExit = await serve.stop();
    await stopChild(peer.child);
  }
  if (serveExit.code !== 0)
    setup.push(`hoso serve did NOT exit 0 on SIGTERM: ${JSON.stringify(serveExit)}`);

  const summary = cases.map((c) => ({
    name: c.name,
    expect: c.expect,
    peer: c.peer,
    rps: median(c.results.map((r) => r.rps)),
    p50Ms: median(c.results.map((r) => r.p50Ms)),
    p99Ms: median(c.results.map((r) => r.p99Ms)),
    requests: c.results.reduce((a, r) => a + r.requests, 0),
    errors: c.results.reduce((a, r) => a + c.errors(r), 0),
  }));
  const peerRow = summary.find((s) => s.peer)!;

  console.log(
    `bench/serve — medians of ${RUNS} run(s) of ${DURATION} s per route; wrk -t${THREADS} -c${CONNECTIONS} --latency on 127.0.0.1; ` +
      `${cpus().length} CPU(s), node ${process.version}`,
  );
  for (const s of setup) console.log(`  setup: ${s}`);
  console.log(
    `  hoso serve --rate-limit off: peak RSS ${serveRss === null ? '?' : `${serveRss.toFixed(0)} MB`}; SIGTERM → exit ${serveExit.code}`,
  );
  console.log('');
  console.log(
    `${'route'.padEnd(30)} ${'status'.padEnd(6)} ${'req/s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'requests'.padStart(9)} ${'errors'.padStart(7)}  ${'÷ peer'.padStart(6)}  target (≥ ${TARGET_RPS} req/s, p99 < ${TARGET_P99_MS} ms, 0 errors)`,
  );
  let allMet = true;
  for (const s of summary) {
    const met = s.rps >= TARGET_RPS && s.p99Ms < TARGET_P99_MS && s.errors === 0;
    if (!s.peer) allMet &&= met;
    const ratio = s.peer ? '' : `${(s.rps / peerRow.rps).toFixed(2)}×`;
    const verdict = s.peer
      ? '(peer, for context)'
      : met
        ? 'met'
        : `NOT met (${[
            s.rps < TARGET_RPS ? 'req/s' : '',
            s.p99Ms >= TARGET_P99_MS ? 'p99' : '',
            s.errors > 0 ? 'errors' : '',
          ]
            .filter(Boolean)
            .join(', ')})`;
    console.log(
      `${s.name.padEnd(30)} ${s.expect.padEnd(6)} ${s.rps.toFixed(0).padStart(8)} ${`${s.p50Ms.toFixed(2)} ms`.padStart(9)} ${`${s.p99Ms.toFixed(2)} ms`.padStart(9)} ${String(s.requests).padStart(9)} ${String(s.errors).padStart(7)}  ${ratio.padStart(6)}  ${verdict}`,
    );
  }
  console.log(`verdict: ${allMet ? 'target met on every route' : 'target NOT met'}`);
  if (PROFILE) for (const line of summariseProfile(PROFILE_DIR)) console.log(line);
  console.log(
    JSON.stringify({
      duration: DURATION,
      runs: RUNS,
      docs: DOCS,
      threads: THREADS,
      connections: CONNECTIONS,
      serveRssMb: serveRss,
      serveExit,
      routes: summary,
      targetMet: allMet,
    }),
  );
  rmSync(OUT, { recursive: true, force: true });
  if (serveExit.code !== 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
