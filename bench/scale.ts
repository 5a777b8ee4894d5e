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
import { measureEvaluation, type EvaluationFigures } from './evaluationCpu';
import { runNaiveBaseline, type NaiveFigures } from './naive';
import { PhaseMeter, type PhaseFigures } from './phaseMeter';
import { benchRules } from './rules';

export interface ScaleOptions {
  users: number;
  latency: 'none' | 'realistic' | 'slow';
  /** Users the naive baseline really calls for; above this its figures are modelled from the sample. */
  naiveSample: number;
  /** Share of users the live run acts on. */
  actOnShare: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface ScaleResult {
  users: number;
  latency: string;
  phases: Record<string, PhaseFigures>;
  evaluation: EvaluationFigures;
  naive: NaiveFigures;
  /** Naive baseline over the app's scan, for the same org. */
  ratios: { calls: number; platformTime: number };
  notes: string[];
}

const RULE_COUNT = 20;
const SCHEDULE_TRIGGER = 'cleanup-schedule';

export async function measureScale(options: ScaleOptions): Promise<ScaleResult> {
  const log = options.log ?? (() => undefined);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const sandbox = await startSandbox({
    users: options.users,
    seed: options.seed ?? 42,
    port: 0,
    appDir: REPO_ROOT,
    dataDir,
    now: new Date('2026-11-22T09:00:00Z'),
    latency: LATENCY_PRESETS[options.latency] ?? {},
  });
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
    });

    await measure('scan', async () => {
      await app.settleJob(await app.data<JobStatus>('startAnalysis', {}));
    });

    const actOn = Math.max(1, Math.round(options.users * options.actOnShare));
    const rules = benchRules(sandbox, RULE_COUNT, actOn);
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

    const chosen = await selectedAccounts(app, previewId, liveRuleId, actOn);
    if (chosen.length < actOn) {
      notes.push(
        `The live rule selected ${chosen.length} users, fewer than ${actOn}; the run acts on all of them.`,
      );
    }
    await measure('liveRun', async () => {
      const run = await app.data<{ id: string }>('requestRun', {
        previewId,
        ruleId: liveRuleId,
        accountIds: chosen,
        confirm: true,
      });
      await app.settle();
      const done = await app.data<{ state: string; counts: unknown }>('getRun', { runId: run.id });
      if (done.state !== 'completed')
        notes.push(`The live run ended ${done.state}: ${JSON.stringify(done.counts)}.`);
    });

    sandbox.ctx.clock.advanceDays(1);
    await measure('dailyCycle', async () => {
      const fired = await sandbox.host.fireTrigger(SCHEDULE_TRIGGER);
      if (!fired.ok) throw new Error(`scheduled trigger failed: ${fired.error.message}`);
      await app.settle();
      const runs = await app.data<{ runs: Array<{ state: string; counts: unknown; trigger: string }> }>(
        'listRuns',
        {},
      );
      const scheduled = runs.runs.find((r) => r.trigger === 'schedule');
      notes.push(
        `The scheduled run ended ${scheduled?.state ?? 'missing'}: ${JSON.stringify(scheduled?.counts)}.`,
      );
    });
    notes.push(
      `Daily cycle: the hourly trigger a day later starts the live rule's scheduled run (refresh scan, plan, act within its limit of ${actOn} users).`,
    );

    log(`${options.users}: evaluation CPU…`);
    const evaluation = await measureEvaluation(sandbox, RULE_COUNT);
    log(`${options.users}: naive baseline…`);
    const naive = await runNaiveBaseline(sandbox, options.naiveSample);
    const scan = phases.scan!;
    return {
      users: options.users,
      latency: options.latency,
      phases,
      evaluation,
      naive,
      ratios: {
        calls: round(naive.calls / Math.max(1, scan.orgApiCalls), 1),
        platformTime: round(naive.platformTimeMs / Math.max(1, scan.platformTimeMs), 1),
      },
      notes,
    };
  } finally {
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function selectedAccounts(
  app: ReturnType<typeof resolvers>,
  previewId: string,
  ruleId: string,
  wanted: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ids.length < wanted; offset += 500) {
    const page = await app.data<{ total: number; items: Array<{ accountId: string }> }>(
      'getPreviewDecisions',
      {
        previewId,
        ruleId,
        outcome: 'selected',
        offset,
        limit: 500,
      },
    );
    ids.push(...page.items.map((d) => d.accountId));
    if (offset + 500 >= page.total) break;
  }
  return ids.slice(0, wanted);
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
