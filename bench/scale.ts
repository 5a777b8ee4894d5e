/**
 * The scale benchmark: the real app in the sandbox's Forge host, driven the way Forge drives it (resolvers through
 * the host, job steps through the queue, time passing on the sandbox clock), with latency and rate limits on.
 * One org size per call; every figure is a count or a measurement of this run, never an assertion.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startSandbox, type RunningSandbox } from '../sandbox/start';
import { LATENCY_PRESETS } from '../sandbox/traffic/latency';
import type { ResolverResult } from '../src/contract';
import type { JobStatus } from '../src/jobs/types';
import { installIdleSkip, type IdleSkipTarget } from './idleSkip';
import { measureEvaluation, type EvaluationFigures } from './evaluationCpu';
import { runNaiveBaseline, type NaiveFigures } from './naive';
import { PhaseMeter, type PhaseFigures } from './phaseMeter';
import { benchRules } from './rules';

export interface ScaleOptions {
  users: number;
  latency: 'none' | 'realistic' | 'slow';
  /** Users the naive baseline really calls for; above this its figures are modelled from the sample. */
  naiveSample: number;
  /** The live rule's limit of users per run, as a share of the org's users. */
  capShare: number;
  seed?: number;
  /** Move the sandbox clock past in-process waits instead of waiting them out (bench/idleSkip.ts). */
  skipIdleTime?: boolean;
  log?: (line: string) => void;
}

export interface ScaleResult {
  users: number;
  latency: string;
  /** Whether the sandbox refused storage calls past Forge's units a minute (the bench always turns it on). */
  storageThroughputEnforced: boolean;
  /** The Organizations API budgets the sandbox enforced in this run, per API key and endpoint. */
  orgApiLimits: { readsPerMinute: number; writesPerMinute: number };
  phases: Record<string, PhaseFigures>;
  /** What the first scan left in storage under the snapshot's key prefix (the only snapshot at that point). */
  snapshot: StoredSnapshot;
  /** The generated org's groups, and those that grant a product role (the scan reads their role assignments). */
  groups: { total: number; grantingProducts: number };
  /** How the admin's live run and the scheduled run a day later ended. */
  runs: { live: RunOutcome; daily: RunOutcome };
  evaluation: EvaluationFigures;
  naive: NaiveFigures;
  /** Naive baseline over the app's scan, for the same org. */
  ratios: { calls: number; platformTime: number };
  notes: string[];
  /** In-process waits the bench skipped on the sandbox clock instead of waiting them out. */
  idleSkip: { skips: number; skippedMs: number } | null;
  /** Wall-clock of the whole measurement of this size, sandbox start-up and baselines included. */
  totalWallClockMs: number;
}

export interface StoredSnapshot {
  keyPrefix: string;
  keys: number;
  /** UTF-8 bytes of the stored values' JSON, as Forge measures a value. */
  valueBytes: number;
  bytesPerUser: number;
  /** Every byte the scan phase wrote (snapshot, job records, overwrites), per user: the upper bound. */
  scanBytesWrittenPerUser: number;
}

export interface RunOutcome {
  state: string;
  counts: { planned: number; succeeded: number; failed: number; skipped: number };
  /** The live rule's limit of users per run. */
  cap: number;
}

const RULE_COUNT = 20;
const SCHEDULE_TRIGGER = 'cleanup-schedule';
/** Every key of a snapshot starts with this, whatever its layout below it (src/store/snapshotStore.ts). */
const SNAPSHOT_KEY_PREFIX = 'snap:';

export async function measureScale(options: ScaleOptions): Promise<ScaleResult> {
  const wallStart = performance.now();
  const log = options.log ?? (() => undefined);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const sandbox = await startSandbox({
    // The scale targets are per user of one site: the second site's people would only blur the counts.
    secondSite: false,
    users: options.users,
    seed: options.seed ?? 42,
    port: 0,
    appDir: REPO_ROOT,
    dataDir,
    now: new Date('2026-11-22T09:00:00Z'),
    latency: LATENCY_PRESETS[options.latency] ?? {},
  });
  // Real limits on: the sandbox meters storage throughput by default but refuses past it only when asked.
  sandbox.host.configureLimits({ kvs: { throughputEnforced: true } });
  const idleSkip = options.skipIdleTime ? installIdleSkip(sandboxActivity(sandbox)) : null;
  const app = resolvers(sandbox);
  const meter = new PhaseMeter(sandbox);
  const phases: Record<string, PhaseFigures> = {};
  const notes: string[] = [];
  try {
    const measure = async (name: string, work: () => Promise<void>) => {
      log(`${options.users}: ${name}…`);
      phases[name] = await meter.measure(work);
      log(`${options.users}: ${name} took ${phases[name].wallClockMs} ms`);
    };

    await measure('connect', async () => {
      await app.data('saveConnection', {
        orgId: sandbox.ctx.org.identity.orgId,
        apiKey: sandbox.ctx.credentials.orgApiKey,
      });
      await app.data('testConnection');
      // The bench's live rule suspends: an org admin (the sandbox admin) allows it (ADR 0019).
      await app.data('setAppScope', { scope: 'org' });
    });

    await measure('scan', async () => {
      await app.settleJob(await app.data<JobStatus>('startAnalysis', {}));
    });
    const snapshot = storedSnapshot(sandbox, options.users, phases.scan!);

    const cap = Math.max(1, Math.round(options.users * options.capShare));
    const rules = benchRules(sandbox, RULE_COUNT, cap);
    const ruleIds: string[] = [];
    for (const rule of rules) {
      const saved = await app.data<{ saved: boolean; rule?: { id: string }; errors?: unknown }>('saveRule', {
        rule,
      });
      if (!saved.saved)
        throw new Error(`bench rule '${String(rule.name)}' refused: ${JSON.stringify(saved.errors)}`);
      ruleIds.push(saved.rule!.id);
    }
    const liveRuleId = ruleIds[0]!;

    let previewId = '';
    await measure('analysis', async () => {
      await app.settleJob(await app.data<JobStatus>('startAnalysis', {}));
      previewId = (await app.data<{ id: string }>('getPreview', {})).id;
    });

    await measure('previewPageSorted', async () => {
      await app.data('getPreviewDecisions', {
        previewId,
        ruleId: liveRuleId,
        limit: 500,
        sort: { by: 'name', direction: 'asc' },
      });
    });

    // As the rule editor's live count asks while the admin edits the live rule: one resolver call with the draft.
    await measure('countRule', async () => {
      const count = await app.data<{ valid: boolean }>('countRule', { rule: rules[0] });
      if (!count.valid) throw new Error(`countRule refused the live rule: ${JSON.stringify(count)}`);
    });

    // The first live run clears the rule's backlog (everyone the preview selected), so the scheduled run a day
    // later acts only on the users who went past the threshold since: a real daily run, within the rule's cap.
    const runs = {} as ScaleResult['runs'];
    await measure('liveRun', async () => {
      const run = await app.data<{ id: string }>('requestRun', {
        previewId,
        ruleId: liveRuleId,
        confirm: true,
      });
      await app.settle();
      const done = await app.data<Omit<RunOutcome, 'cap'>>('getRun', { runId: run.id });
      runs.live = { state: done.state, counts: done.counts, cap };
    });

    sandbox.ctx.clock.advanceDays(1);
    await measure('dailyCycle', async () => {
      const fired = await sandbox.host.fireTrigger(SCHEDULE_TRIGGER);
      if (!fired.ok) throw new Error(`scheduled trigger failed: ${fired.error.message}`);
      await app.settle();
      const listed = await app.data<{ runs: Array<Omit<RunOutcome, 'cap'> & { trigger: string }> }>(
        'listRuns',
        {},
      );
      const scheduled = listed.runs.find((r) => r.trigger === 'schedule');
      if (!scheduled) throw new Error('the hourly trigger started no scheduled run');
      runs.daily = { state: scheduled.state, counts: scheduled.counts, cap };
    });
    notes.push(
      `Live run: the admin acts on everyone the live rule's preview selected (${runs.live.counts.planned} users); it ended ${runs.live.state}.`,
      `Daily cycle: the hourly trigger a day later starts the live rule's scheduled run (refresh scan, plan, act within its limit of ${cap} users); it planned ${runs.daily.counts.planned} users newly past the threshold and ended ${runs.daily.state}.`,
    );

    log(`${options.users}: evaluation CPU…`);
    const evaluation = await measureEvaluation(sandbox, RULE_COUNT);
    log(`${options.users}: naive baseline…`);
    const naive = await runNaiveBaseline(sandbox, options.naiveSample);
    const scan = phases.scan!;
    return {
      users: options.users,
      latency: options.latency,
      storageThroughputEnforced: sandbox.host.limits().kvs.throughputEnforced,
      orgApiLimits: {
        readsPerMinute: sandbox.orgLimits.current().readsPerMinute,
        writesPerMinute: sandbox.orgLimits.current().writesPerMinute,
      },
      phases,
      snapshot,
      groups: {
        total: sandbox.ctx.org.groups.length,
        grantingProducts: sandbox.ctx.org.groups.filter((g) => g.roleGrants.length > 0).length,
      },
      runs,
      evaluation,
      naive,
      ratios: {
        calls: round(naive.calls / Math.max(1, scan.orgApiCalls), 1),
        platformTime: round(naive.platformTimeMs / Math.max(1, scan.platformTimeMs), 1),
      },
      notes,
      idleSkip: idleSkip?.figures() ?? null,
      totalWallClockMs: Math.round(performance.now() - wallStart),
    };
  } finally {
    idleSkip?.uninstall();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The snapshot's stored size, read from the storage itself (not from the app's layout): every live key under the
 * snapshot prefix right after the first scan, when that scan's snapshot is the only one. Fails loudly when the scan
 * left nothing there, as a layout that moved the snapshot elsewhere would.
 */
function storedSnapshot(sandbox: RunningSandbox, users: number, scan: PhaseFigures): StoredSnapshot {
  const keys = sandbox.host.kvs.keys(SNAPSHOT_KEY_PREFIX);
  if (keys.length === 0)
    throw new Error(
      `the scan stored no key under '${SNAPSHOT_KEY_PREFIX}': where does the snapshot live now?`,
    );
  const valueBytes = keys.reduce(
    (sum, key) => sum + Buffer.byteLength(JSON.stringify(sandbox.host.kvs.peek(key))),
    0,
  );
  return {
    keyPrefix: SNAPSHOT_KEY_PREFIX,
    keys: keys.length,
    valueBytes,
    bytesPerUser: round(valueBytes / users, 1),
    scanBytesWrittenPerUser: round(scan.storage.bytesWritten / users, 1),
  };
}

/** What the idle skipper watches: the sandbox clock and the requests at the sandbox server. */
function sandboxActivity(sandbox: RunningSandbox): IdleSkipTarget {
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  const requestsStarted = () => total(sandbox.traffic.stats.snapshot().requests);
  return {
    clock: sandbox.ctx.clock,
    requestsStarted,
    // Every request the server answers counts a status; the bench injects no faults that answer none.
    inFlight: () => {
      const stats = sandbox.traffic.stats.snapshot();
      return total(stats.requests) - total(stats.statuses);
    },
  };
}

/** Resolver calls through the Forge host, as the page's bridge makes them, and job settling on the sandbox clock. */
function resolvers(sandbox: RunningSandbox) {
  const data = async <T>(method: string, payload: unknown = {}): Promise<T> => {
    const result = await sandbox.host.invokeResolver(method, payload, 'admin');
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    const answer = result.body as ResolverResult<T>;
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
    return answer.data;
  };
  const settle = () =>
    sandbox.host.queue.drain({
      passTime: (to) => {
        if (to > sandbox.ctx.clock.now()) sandbox.ctx.clock.setNow(new Date(to));
      },
    });
  const settleJob = async (job: JobStatus) => {
    await settle();
    const done = await data<JobStatus>('getJob', { jobId: job.id });
    if (done.state !== 'completed')
      throw new Error(`job ${job.id} ended ${done.state}: ${JSON.stringify(done)}`);
  };
  return { data, settle, settleJob };
}

export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
