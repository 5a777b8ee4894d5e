/**
 * `npm run bench [-- --sizes 1000,10000,100000] [--latency realistic] [--naive-sample 300] [--only scale|startup]`
 * Each org size runs in its own child process (one sandbox per process, and one size's heap does not colour the
 * next). Figures go to bench/results/ (scale-<N>.json in full, summary.json merged size by size) and the README's
 * tables are rendered from them; nothing asserts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../sandbox/start';
import type { InvocationFigures, PhaseFigures } from './phaseMeter';
import { updateReadme } from './table';
import { measureScale, type ScaleOptions, type ScaleResult } from './scale';
import { measureStartup } from './startup';
import { mergeSummary, readSummary } from './summary';

const DEFAULT_SCALE_SIZES = [1_000, 10_000, 100_000];
const STARTUP_SIZES = [2_000, 150_000];
const RESULTS_DIR = path.join(__dirname, 'results');
const SUMMARY_FILE = path.join(RESULTS_DIR, 'summary.json');

interface Flags {
  sizes: number[];
  latency: ScaleOptions['latency'];
  naiveSample: number;
  only: 'scale' | 'startup' | null;
}

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

function flags(): Flags {
  const sizes = flag('sizes')?.split(',').map(Number) ?? DEFAULT_SCALE_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 10 || n > 200_000)) {
    throw new Error('--sizes must be a comma-separated list of whole numbers from 10 to 200000');
  }
  const latency = flag('latency') ?? 'realistic';
  if (latency !== 'none' && latency !== 'realistic' && latency !== 'slow') {
    throw new Error('--latency must be none, realistic or slow');
  }
  const naiveSample = Number(flag('naive-sample') ?? 300);
  if (!Number.isInteger(naiveSample) || naiveSample < 1)
    throw new Error('--naive-sample must be a whole number ≥ 1');
  const only = flag('only') ?? null;
  if (only !== null && only !== 'scale' && only !== 'startup')
    throw new Error('--only must be scale or startup');
  return { sizes, latency, naiveSample, only };
}

export function machine(): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function write(file: string, value: unknown): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(RESULTS_DIR, file);
  fs.writeFileSync(out, `${JSON.stringify(value, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

function runStartup(): void {
  const startup = measureStartup(STARTUP_SIZES);
  write('startup.json', { measuredAt: new Date().toISOString(), machine: machine(), startup });
  console.log('users    start (ms)   heap (MB)   rss (MB)');
  for (const f of startup) {
    console.log(
      `${String(f.users).padEnd(8)} ${String(f.startMs).padStart(10)} ${String(f.heapUsedMb).padStart(11)} ${String(f.rssMb).padStart(10)}`,
    );
  }
}

async function runScale(options: Flags): Promise<void> {
  for (const users of options.sizes) {
    const child: ScaleOptions = {
      users,
      latency: options.latency,
      naiveSample: options.naiveSample,
      capShare: 0.05,
      skipIdleTime: true,
    };
    const out = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=4096',
        '--import',
        'tsx',
        __filename,
        '--child',
        JSON.stringify(child),
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
    );
    const result = JSON.parse(out.trim().split('\n').pop()!) as ScaleResult;
    const at = new Date();
    write(`scale-${users}.json`, { measuredAt: at.toISOString(), machine: machine(), ...result });
    write('summary.json', mergeSummary(readSummary(SUMMARY_FILE), result, { at, machine: machine() }));
    printScale(result);
  }
  await updateReadme();
}

function printScale(result: ScaleResult): void {
  console.log(`\n${result.users} users (latency ${result.latency})`);
  const columns: Array<[string, number, (p: PhaseFigures) => string]> = [
    ['phase', 18, () => ''],
    ['org reads/writes', 17, (p) => `${p.orgApiReads}/${p.orgApiWrites}`],
    ['jira pts', 9, (p) => String(p.jiraPoints)],
    ['invocations', 12, (p) => String(sum(p, (f) => f.count))],
    ['longest/limit', 14, (p) => `${max(p, (f) => f.longestOfLimitPct)}%`],
    ['egress/budget', 14, (p) => `${max(p, (f) => f.maxEgressOfBudgetPct)}%`],
    ['heap MB', 8, (p) => String(max(p, (f) => f.peakHeapMb))],
    ['units r/w', 14, (p) => `${p.storage.readUnits}/${p.storage.writeUnits}`],
    ['peak/min r/w', 13, (p) => `${p.storage.peakReadUnitsPerMinute}/${p.storage.peakWriteUnitsPerMinute}`],
    ['throttled', 10, (p) => String(p.storage.throttled)],
    ['wall s', 8, (p) => (p.wallClockMs / 1000).toFixed(1)],
    ['platform s', 11, (p) => (p.platformTimeMs / 1000).toFixed(0)],
  ];
  console.log(
    columns.map(([title, width], i) => (i === 0 ? title.padEnd(width) : title.padStart(width))).join(' '),
  );
  for (const [name, p] of Object.entries(result.phases)) {
    console.log(
      columns.map(([, width, cell], i) => (i === 0 ? name.padEnd(width) : cell(p).padStart(width))).join(' '),
    );
  }
  console.log(
    `snapshot: ${result.snapshot.bytesPerUser} bytes per user stored under '${result.snapshot.keyPrefix}' (${result.snapshot.keys} keys); the scan wrote ${result.snapshot.scanBytesWrittenPerUser} bytes per user in all`,
  );
  const e = result.evaluation;
  console.log(
    `evaluation: ${e.users} users × ${e.rules} rules: ${e.verdictsCpuMs} ms CPU (${e.withSentencesCpuMs} ms with every sentence)`,
  );
  const n = result.naive;
  console.log(
    `naive (${n.basis}, ${n.sampledUsers} users called): ${n.calls} calls, ${(n.platformTimeMs / 60000).toFixed(1)} min; ${result.ratios.calls}× the scan's calls, ${result.ratios.platformTime}× its time`,
  );
  console.log(`the whole size took ${(result.totalWallClockMs / 60000).toFixed(1)} min of wall clock`);
}

function sum(p: PhaseFigures, figure: (f: InvocationFigures) => number): number {
  return Object.values(p.invocations).reduce((total, f) => total + figure(f), 0);
}

function max(p: PhaseFigures, figure: (f: InvocationFigures) => number): number {
  return Math.max(0, ...Object.values(p.invocations).map(figure));
}

if (process.argv[2] === '--child') {
  measureScale({
    ...(JSON.parse(process.argv[3]!) as ScaleOptions),
    log: (line) => console.error(line),
  }).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  const options = flags();
  if (options.only !== 'scale') runStartup();
  if (options.only !== 'startup')
    runScale(options).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
