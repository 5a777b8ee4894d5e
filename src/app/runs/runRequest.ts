/** Starting a live run: an admin's chosen part of a preview, or the schedule's run of a rule. */
import { randomUUID } from 'node:crypto';
import type { ResolverInput } from '../../contract/inputs';
import type { Rule } from '../../domain/rule';
import { checkRunLimits } from '../../domain/runLimits';
import { InvalidInputError } from '../../domain/invalidInput';
import type { PreviewDecision } from '../../store/previewStore';
import type { RunRecord } from '../../store/runStore';
import { requireLiveRule } from './liveRule';
import type { RunInput } from './run';
import { itemOf } from './runBatch';
import { runJobId } from './runJobIds';
import { requireRuleTurn, takeRuleTurn } from './runLock';
import type { Services } from '../services';

/**
 * The admin acts on a chosen part of a preview, as one run: only users the preview selected, only for a
 * live rule, and never past the rule's limits (the run stops before acting and says so).
 */
export async function requestRun(
  services: Services,
  input: ResolverInput<'requestRun'>,
  actor: string,
): Promise<RunRecord> {
  const rule = await requireLiveRule(services, input.ruleId);
  const preview = await services.previews.get(input.previewId);
  if (!preview)
    throw new InvalidInputError('previewId', `previewId: preview ${input.previewId} does not exist`);
  const summary = preview.summaries[rule.id];
  if (!summary) throw new InvalidInputError('ruleId', `The preview did not analyse rule '${rule.name}'.`);

  const decisions = await selectedDecisions(services, preview.id, rule, input.accountIds);
  const limit = checkRunLimits(decisions.length, summary.counts.inScope, rule.limits);
  if (!limit.ok) throw new InvalidInputError('accountIds', `Nothing was changed. ${limit.message}`);

  const runId = randomUUID();
  await requireRuleTurn(services, rule, runId);
  const run = await services.runs.create({
    id: runId,
    trigger: 'admin',
    actor,
    ruleIds: [rule.id],
    previewId: preview.id,
    undoOf: null,
    state: 'planned',
    counts: { planned: decisions.length, succeeded: 0, failed: 0, skipped: 0 },
    message: null,
    createdAt: services.platform.clock.now().toISOString(),
    startedAt: null,
    finishedAt: null,
  });
  await services.runs.saveItems(
    runId,
    decisions.map((decision) => itemOf(decision, decision.name)),
  );
  await services.jobs.start<RunInput>('run', { runId }, actor, { jobId: runJobId(runId) });
  return run;
}

async function selectedDecisions(
  services: Services,
  previewId: string,
  rule: Rule,
  accountIds: string[] | undefined,
): Promise<PreviewDecision[]> {
  if (!accountIds) {
    const all: PreviewDecision[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await services.previews.pageDecisions(previewId, rule.id, {
        offset,
        limit: 500,
        outcome: 'selected',
      });
      all.push(...page.items);
      if (offset + 500 >= page.total) break;
    }
    if (all.length === 0)
      throw new InvalidInputError('accountIds', `The preview selected nobody for rule '${rule.name}'.`);
    return all;
  }
  const unique = [...new Set(accountIds)];
  const found = await services.previews.decisionsFor(previewId, rule.id, unique);
  const selected = new Map(found.filter((d) => d.outcome === 'selected').map((d) => [d.accountId, d]));
  const notSelected = unique.filter((id) => !selected.has(id));
  if (notSelected.length > 0) {
    const shown = notSelected.slice(0, 5).join(', ');
    const more = notSelected.length > 5 ? ` and ${notSelected.length - 5} more` : '';
    throw new InvalidInputError(
      'accountIds',
      `accountIds: ${shown}${more} ${notSelected.length === 1 ? 'was' : 'were'} not selected by rule '${rule.name}' in this preview.`,
    );
  }
  return unique.map((id) => selected.get(id)!);
}

/**
 * A scheduled live run of one rule: it plans from a fresh snapshot, then acts. While another run of the rule is live
 * the schedule joins it (returns it) instead; null while that other run is still being stored.
 */
export async function startScheduledRun(
  services: Services,
  rule: Rule,
  slot: Date,
): Promise<RunRecord | null> {
  const runId = `sched-${rule.id}-${slot
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 12)}`;
  const instead = await takeRuleTurn(services, rule.id, runId);
  if (instead) return instead.run;
  const run = await services.runs.create({
    id: runId,
    trigger: 'schedule',
    actor: 'schedule',
    ruleIds: [rule.id],
    previewId: null,
    undoOf: null,
    state: 'planned',
    counts: { planned: 0, succeeded: 0, failed: 0, skipped: 0 },
    message: null,
    createdAt: services.platform.clock.now().toISOString(),
    startedAt: null,
    finishedAt: null,
  });
  await services.jobs.start<RunInput>('run', { runId }, 'schedule', { jobId: runJobId(runId) });
  return run;
}
