import { randomUUID } from 'node:crypto';
import type { ResolverInput } from '../../contract/inputs';
import { lastActivity } from '../../domain/activity';
import type { Verdict } from '../../domain/decision';
import type { DirectoryUser } from '../../domain/directory';
import { ruleJudges } from '../../domain/evaluation';
import { previewTally, type PreviewSummary } from '../../domain/preview';
import type { Rule } from '../../domain/rule';
import { SeatTargetHold, seatTargetSentence } from '../../domain/seatTarget';
import { SeatsByPathTally } from '../../domain/seatsByPath';
import { KeptSeatsTally, mayKeepSeats, plannedSeats } from '../../domain/seatPlan';
import { verdictWhileWarned } from '../../domain/warning';
import type { JobContext, JobDefinition, JobStatus, StepResult } from '../../jobs/types';
import type { Preview } from '../../store/previewStore';
import { changesSinceScan } from '../scan/changesSinceScan';
import { evaluationContextFor } from './evaluationContext';
import { saveSeatsByPath } from '../seats/seatPaths';
import { seatFactsOf, seatTargetSelections } from '../seats/seatTargets';
import { isFresh, newScanState, scanStep, type ScanState } from '../scan/scan';
import { warnedUsersByRule } from '../warnings/warnedUsers';
import { NotConnectedError, type Services } from '../services';

export interface AnalyseInput {
  previewId: string;
  /** Null: every enabled rule. */
  ruleIds: string[] | null;
  createdBy: string;
  /** Scan first even when the latest snapshot is fresh. */
  refresh: boolean;
}

export interface AnalyseState extends AnalyseInput {
  phase: 'scan' | 'evaluate';
  scan: ScanState | null;
  snapshotId: string | null;
}

/** "Analyse now": a scan when the snapshot is missing, stale or asked for, then every rule evaluated. */
export async function startAnalysis(
  services: Services,
  input: ResolverInput<'startAnalysis'>,
  by: string,
): Promise<JobStatus> {
  if (!(await services.settings.getConnection())?.keySet) throw new NotConnectedError();
  const previewId = randomUUID();
  const analyseInput: AnalyseInput = {
    previewId,
    ruleIds: input.ruleIds ?? null,
    createdBy: by,
    refresh: input.refresh ?? false,
  };
  return services.jobs.start('analyse', analyseInput, by, { jobId: `analyse-${previewId}` });
}

export function analyseJob(services: Services): JobDefinition<AnalyseInput, AnalyseState> {
  return {
    kind: 'analyse',
    initialState: (input) => ({ ...input, phase: 'scan', scan: null, snapshotId: null }),
    step: (state, ctx) => analyseStep(services, state, ctx),
  };
}

async function analyseStep(
  services: Services,
  state: AnalyseState,
  ctx: JobContext,
): Promise<StepResult<AnalyseState>> {
  if (state.phase === 'scan') {
    const latest = await services.snapshots.latestComplete();
    if (!state.scan && !state.refresh && latest && isFresh(latest.completedAt, ctx.now())) {
      return { state: { ...state, phase: 'evaluate', snapshotId: latest.id }, done: false };
    }
    const scan = state.scan ?? newScanState(`snap-${state.previewId}`);
    const result = await scanStep(services, scan, ctx);
    const next: AnalyseState = result.done
      ? { ...state, scan: result.state, phase: 'evaluate', snapshotId: result.state.snapshotId }
      : { ...state, scan: result.state };
    return { ...result, state: next, done: false };
  }
  const { preview, selected } = await evaluateIntoPreview(services, state, ctx.now());
  return {
    state,
    done: true,
    progress: {
      done: 1,
      total: 1,
      message: `Analysed ${preview.ruleIds.length} rules: ${selected} users selected.`,
    },
  };
}

/**
 * Evaluates every rule in one pass over the snapshot, a stored chunk of users at a time. The preview gathers each
 * user once and each verdict as two numbers, and is stored packed at the end (ADR 0017).
 */
async function evaluateIntoPreview(
  services: Services,
  state: AnalyseState,
  now: Date,
): Promise<{ preview: Preview; selected: number }> {
  const snapshot = await services.snapshots.getSummary(state.snapshotId!);
  if (!snapshot?.complete) throw new Error(`Snapshot ${state.snapshotId} is not complete; analyse again.`);
  const rules = await rulesToAnalyse(services, state.ruleIds);
  const [ctx, changes, warnedByRule] = await Promise.all([
    evaluationContextFor(services, snapshot, now),
    changesSinceScan(services, snapshot),
    warnedUsersByRule(services, rules),
  ]);
  const judges = ruleJudges(rules, ctx);
  const live = seatFactsOf(snapshot);
  const selections = await seatTargetSelections(services, rules, live);
  const seatsByPath = new SeatsByPathTally(live.paths);
  const evaluations = rules.map((rule, i) => {
    const selection = selections.get(rule.id);
    return {
      rule,
      product: rule.inactivity.product,
      judge: judges[i]!,
      tally: previewTally(rule.id, { ...ctx, ruleProduct: rule.inactivity.product }),
      kept: new KeptSeatsTally(),
      hold: selection ? new SeatTargetHold(selection) : null,
      warned: warnedByRule.get(rule.id),
    };
  });
  const meta = {
    id: state.previewId,
    snapshotId: snapshot.id,
    createdAt: now.toISOString(),
    createdBy: state.createdBy,
    ruleIds: rules.map((r) => r.id),
  };
  const writer = services.previews.writer(
    meta,
    Object.fromEntries(evaluations.map(({ judge }) => [judge.ruleId, judge.explain])),
  );
  const keep = async (
    { product, tally, kept }: (typeof evaluations)[number],
    verdict: Verdict | null,
    user: DirectoryUser,
  ) => {
    tally.add(verdict, user);
    if (verdict?.outcome === 'selected' && mayKeepSeats(verdict.plannedActions))
      kept.add(plannedSeats(user, verdict.plannedActions, live.paths));
    if (verdict) {
      await writer.add({
        verdict,
        name: user.name,
        lastActiveAt: lastActiveAt(user, product),
        addedToOrg: user.addedToOrg,
      });
    }
  };
  for await (const users of services.snapshots.readUsers(snapshot.id)) {
    for (const scanned of users) {
      const user = changes.apply(scanned);
      seatsByPath.add(user);
      for (const evaluation of evaluations) {
        const judged = evaluation.judge.inScope(user);
        const warned = judged && evaluation.warned?.get(user.accountId);
        const verdict = warned ? verdictWhileWarned(judged, warned, now) : judged;
        if (!evaluation.hold?.take(verdict, user)) await keep(evaluation, verdict, user);
      }
    }
  }
  const summaries: Record<string, PreviewSummary> = {};
  for (const evaluation of evaluations) {
    const { rule, judge, tally, hold, kept } = evaluation;
    const released = hold?.release(rule.limits);
    for (const { verdict, user } of released?.verdicts ?? []) await keep(evaluation, verdict, user);
    const summary = { ...tally.summary(), seatsKeptThrough: kept.result() };
    if (released) {
      const { chosen, ...outcome } = released.outcome;
      const sentence = seatTargetSentence(released.outcome);
      summary.seatTarget = { ...outcome, chosen: chosen.length, sentence };
      summary.notes.unshift(sentence);
    }
    summaries[judge.ruleId] = summary;
    await writer.finishRule(judge.ruleId, summary);
  }
  await writer.commit();
  await saveSeatsByPath(services, {
    snapshotId: snapshot.id,
    computedAt: now.toISOString(),
    products: seatsByPath.result(),
  });
  const selected = Object.values(summaries).reduce((sum, summary) => sum + summary.counts.selected, 0);
  return { preview: { ...meta, summaries }, selected };
}

function lastActiveAt(user: DirectoryUser, product: string): string | null {
  const activity = lastActivity(user, product);
  return activity.kind === 'active' ? activity.lastActiveAt : null;
}

async function rulesToAnalyse(services: Services, ruleIds: string[] | null): Promise<Rule[]> {
  const rules = await services.settings.listRules();
  if (ruleIds === null) return rules.filter((r) => r.enabled);
  const missing = ruleIds.filter((id) => !rules.some((r) => r.id === id));
  if (missing.length > 0) throw new Error(`Rules not found: ${missing.join(', ')}.`);
  return rules.filter((r) => ruleIds.includes(r.id));
}
