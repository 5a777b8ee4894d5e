import type { Rule } from '../../domain/rule';
import type { ResolverInput } from '../../contract/inputs';
import { ruleValidationContextOf, validateRuleInput } from '../../domain/ruleValidation';
import { checkRunLimits } from '../../domain/runLimits';
import { InvalidInputError } from '../../domain/invalidInput';
import { isProtectedPerson } from '../../domain/measures';
import { judgeSnapshot } from './evaluationContext';
import type { RuleCount } from '../../contract/answers';
import { customerOnlyGroupIds } from '../seats/serviceManagement';
import type { Services } from '../services';

export type { RuleCount };

/**
 * What an unsaved rule would do against the latest snapshot, judged exactly as an analysis judges it: the same
 * validation as saving, the same judging (`judgeSnapshot`), one stored chunk of users at a time.
 */
export async function countRule(services: Services, input: ResolverInput<'countRule'>): Promise<RuleCount> {
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot?.completedAt) {
    throw new InvalidInputError(
      undefined,
      'Rules are counted against the latest scan of your org: run "Analyse now" once first.',
    );
  }
  const validated = validateRuleInput(
    input.rule,
    ruleValidationContextOf(snapshot, await customerOnlyGroupIds(services)),
  );
  if (!validated.ok) return { valid: false, errors: validated.errors };
  const now = services.platform.clock.now();
  const rule: Rule = {
    ...validated.rule,
    id: 'unsaved-rule',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  let withoutActivityData = 0;
  const { counts } = await judgeSnapshot(services, snapshot, rule, now, (verdict) => {
    if (verdict.outcome === 'protected' && !isProtectedPerson(verdict.protections)) withoutActivityData += 1;
  });
  const limits = checkRunLimits(counts.selected, counts.inScope, rule.limits);
  return {
    valid: true,
    inScope: counts.inScope,
    selected: counts.selected,
    protected: counts.protected,
    withoutActivityData,
    excluded: counts.excluded,
    snapshotCompletedAt: snapshot.completedAt,
    limitMessage: limits.ok ? null : limits.message,
  };
}
