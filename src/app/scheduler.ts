import { isDue, nextRunAt } from '../domain/schedule';
import type { Rule } from '../domain/rule';
import { startScheduledRun } from './run';
import type { Services } from './services';

const STALLED_AFTER_MS = 60 * 60 * 1000;

export interface ScheduledStart {
  ruleId: string;
  kind: 'run' | 'analysis';
  id: string;
}

/**
 * What the hourly trigger does: start every enabled rule that is due (live rules run, preview-only rules
 * analyse), then recover jobs whose next step was lost. Acts only on stored, validated rules; a trigger that
 * fires twice starts nothing twice (run ids come from the rule and its scheduled slot).
 */
export async function runDueRules(services: Services): Promise<ScheduledStart[]> {
  const now = services.platform.clock.now();
  const started: ScheduledStart[] = [];
  for (const rule of await services.settings.listRules()) {
    if (!rule.enabled) continue;
    const state = await services.settings.getRuleState(rule.id);
    const lastRunAt = state.lastRunAt ? new Date(state.lastRunAt) : null;
    const createdAt = new Date(rule.createdAt);
    if (!isDue(rule.schedule, lastRunAt, now, createdAt)) continue;
    const slot = nextRunAt(rule.schedule, lastRunAt && lastRunAt > createdAt ? lastRunAt : createdAt)!;
    started.push(await startRule(services, rule, slot));
    await services.settings.setRuleState(rule.id, {
      lastRunAt: now.toISOString(),
      lastRunId: started.at(-1)!.id,
    });
  }
  await services.jobs.resumeStalled(STALLED_AFTER_MS);
  return started;
}

async function startRule(services: Services, rule: Rule, slot: Date): Promise<ScheduledStart> {
  if (rule.mode === 'live') {
    const run = await startScheduledRun(services, rule, slot);
    return { ruleId: rule.id, kind: 'run', id: run.id };
  }
  const previewId = `sched-${rule.id}-${slot
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 12)}`;
  await services.jobs.start(
    'analyse',
    { previewId, ruleIds: [rule.id], createdBy: 'schedule', refresh: false },
    'schedule',
    { jobId: `analyse-${previewId}` },
  );
  return { ruleId: rule.id, kind: 'analysis', id: previewId };
}
