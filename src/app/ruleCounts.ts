import { z } from 'zod';
import { evaluateRule, type EvaluationCounts } from '../domain/evaluation';
import type { Rule } from '../domain/rule';
import { validateRuleInput } from '../domain/ruleValidation';
import { checkRunLimits } from '../domain/runLimits';
import { InvalidInputError, parsePayload } from '../edge/invalidInput';
import { evaluationContextFor } from './evaluationContext';
import type { RuleCount } from './resolverAnswers';
import type { Services } from './services';

export type { RuleCount };

const countSchema = z.object({ rule: z.unknown() }).strict();

/**
 * What an unsaved rule would do against the latest snapshot, judged exactly as an analysis judges it: the same
 * validation as saving, the same evaluation context, one stored chunk of users at a time.
 */
export async function countRule(services: Services, payload: unknown): Promise<RuleCount> {
  const input = parsePayload(countSchema, payload);
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot?.completedAt) {
    throw new InvalidInputError(
      undefined,
      'Rules are counted against the latest scan of your org: run "Analyse now" once first.',
    );
  }
  const validated = validateRuleInput(input.rule, {
    groups: snapshot.groups.map((g) => ({ id: g.id, name: g.name, syncedFromIdp: g.syncedFromIdp })),
    products: [...new Set(snapshot.products.map((p) => p.key))],
  });
  if (!validated.ok) return { valid: false, errors: validated.errors };
  const now = services.platform.clock.now();
  const rule: Rule = {
    ...validated.rule,
    id: 'unsaved-rule',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const ctx = await evaluationContextFor(services, snapshot, now);
  const counts: EvaluationCounts = { inScope: 0, selected: 0, protected: 0, excluded: 0, outOfScope: 0 };
  for await (const users of services.snapshots.readUsers(snapshot.id)) {
    const chunk = evaluateRule(users, rule, ctx).counts;
    for (const key of Object.keys(counts) as Array<keyof EvaluationCounts>) counts[key] += chunk[key];
  }
  const limits = checkRunLimits(counts.selected, counts.inScope, rule.limits);
  return {
    valid: true,
    inScope: counts.inScope,
    selected: counts.selected,
    protected: counts.protected,
    excluded: counts.excluded,
    snapshotCompletedAt: snapshot.completedAt,
    limitMessage: limits.ok ? null : limits.message,
  };
}
