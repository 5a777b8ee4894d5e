import { isDue, nextRunAt } from '../../domain/schedule';
import type { Rule } from '../../domain/rule';
import { startScheduledRun } from './run';
import { recoverOrphanedRuns } from './runRecovery';
import type { Services } from '../services';

const STALLED_AFTER_MS = 60 * 60 * 1000;

export interface ScheduledStart {
  ruleId: string;
  kind: 'run' | 'analysis';
  id: string;
}

/**
 * What the hourly trigger does: start every enabled rule that is due (live rules run, preview-only rules
 * analyse), then recover jobs whose next step was lost. Acts only on stored, validated rules; a trigger that
 * fires twice starts nothing twice (run ids come from the rule and its scheduled slot, the analysis id from the
 * trigger's hour).
 */
export async function runDueRules(services: Services): Promise<ScheduledStart[]> {
  const now = services.platform.clock.now();
  const started: ScheduledStart[] = [];
  const duePreviews: Rule[] = [];
  for (const rule of await services.settings.listRules()) {
    if (!rule.enabled) continue;
    const state = await services.settings.getRuleState(rule.id);
    const lastRunAt = state.lastRunAt ? new Date(state.lastRunAt) : null;
    const createdAt = new Date(rule.createdAt);
    if (!isDue(rule.schedule, lastRunAt, now, createdAt)) continue;
    if (rule.mode !== 'live') {
      duePreviews.push(rule);
      continue;
    }
    const slot = nextRunAt(rule.schedule, lastRunAt && lastRunAt > createdAt ? lastRunAt : createdAt)!;
    const run = await startScheduledRun(services, rule, slot);
    if (!run) continue;
    started.push({ ruleId: rule.id, kind: 'run', id: run.id });
    await services.settings.setRuleState(rule.id, { lastRunAt: now.toISOString(), lastRunId: run.id });
  }
  if (duePreviews.length > 0) {
    const previewId = await startScheduledAnalysis(services, duePreviews, now);
    for (const rule of duePreviews) {
      started.push({ ruleId: rule.id, kind: 'analysis', id: previewId });
      await services.settings.setRuleState(rule.id, { lastRunAt: now.toISOString(), lastRunId: previewId });
    }
  }
  await services.jobs.resumeStalled(STALLED_AFTER_MS);
  await recoverOrphanedRuns(services);
  return started;
}

/**
 * One analysis for every preview-only rule due this hour: each analysis scans when the snapshot is stale, so one
 * job per rule would read the whole directory once per rule.
 */
async function startScheduledAnalysis(services: Services, rules: Rule[], now: Date): Promise<string> {
  const previewId = `sched-${now
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 10)}`;
  await services.jobs.start(
    'analyse',
    { previewId, ruleIds: rules.map((rule) => rule.id), createdBy: 'schedule', refresh: false },
    'schedule',
    { jobId: `analyse-${previewId}` },
  );
  return previewId;
}
