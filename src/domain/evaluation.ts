/**
 * Judges users against a rule. Order: protections first (a protected user is never selected), then scope, then
 * inactivity, then whether the rule's actions would change anything.
 */
import { actionPlanner } from './actionPlan';
import { isInvitedNeverJoined, lastActivity, hasAnyActivity } from './activity';
import { wholeDaysBetween } from './dates';
import type { Decision, Exclusion, Outcome, PlannedAction, Protection, SelectionReason } from './decision';
import type { DirectoryUser, ProductInfo } from './directory';
import { explainDecision, type ExplainContext } from './explain';
import { protectionCheck, type ProtectionContext } from './protections';
import type { Rule } from './rule';
import { scopeCheck, type ScopeCheck } from './ruleScope';

export interface EvaluationContext extends ProtectionContext {
  now: Date;
  products: ProductInfo[];
}

export interface EvaluationCounts {
  /** Users the rule's scope covers (protected ones too): the denominator of the percent cap. */
  inScope: number;
  selected: number;
  protected: number;
  /** Users in scope who are not selected: recently active, within grace, or nothing to change. */
  excluded: number;
  /** Users outside the scope; they have no decision in `decisions`. */
  outOfScope: number;
}

export interface RuleEvaluation {
  ruleId: string;
  /** One decision per user in scope, whatever the outcome, so the preview can say why someone is not selected. */
  decisions: Decision[];
  counts: EvaluationCounts;
}

/** Everything about a rule that does not depend on the user, worked out once per rule. */
interface PreparedRule {
  rule: Rule;
  nowMs: number;
  scope: ScopeCheck;
  protectionsOf: (user: DirectoryUser) => Protection[];
  plannedActionsOf: (user: DirectoryUser) => PlannedAction[];
  explain: ExplainContext;
}

type Judgement =
  | { outcome: 'selected'; reason: SelectionReason }
  | { outcome: 'excluded'; exclusion: Exclusion }
  | { outcome: 'protected'; protection: Protection };

function noActivityData(): Judgement {
  return { outcome: 'protected', protection: { code: 'no-activity-data' } };
}

export function evaluateUser(user: DirectoryUser, rule: Rule, ctx: EvaluationContext): Decision {
  const prepared = prepareRule(rule, ctx);
  if (prepared.scope.includes(user)) return decideInScope(user, prepared);
  const protections = prepared.protectionsOf(user);
  const exclusions = prepared.scope.exclusionsOf(user);
  return decision(user, prepared, protections.length > 0 ? 'protected' : 'excluded', {
    protections,
    exclusions,
  });
}

export function evaluateRule(
  users: Iterable<DirectoryUser>,
  rule: Rule,
  ctx: EvaluationContext,
): RuleEvaluation {
  const prepared = prepareRule(rule, ctx);
  const decisions: Decision[] = [];
  const counts: EvaluationCounts = { inScope: 0, selected: 0, protected: 0, excluded: 0, outOfScope: 0 };
  for (const user of users) {
    if (!prepared.scope.includes(user)) {
      counts.outOfScope += 1;
      continue;
    }
    const judged = decideInScope(user, prepared);
    decisions.push(judged);
    counts.inScope += 1;
    counts[judged.outcome] += 1;
  }
  return { ruleId: rule.id, decisions, counts };
}

function prepareRule(rule: Rule, ctx: EvaluationContext): PreparedRule {
  return {
    rule,
    nowMs: ctx.now.getTime(),
    scope: scopeCheck(rule, ctx.groupsById),
    protectionsOf: protectionCheck(ctx),
    plannedActionsOf: actionPlanner(rule, ctx.groupsById, ctx.products),
    explain: { product: rule.inactivity.product, products: ctx.products },
  };
}

function decideInScope(user: DirectoryUser, prepared: PreparedRule): Decision {
  const protections = prepared.protectionsOf(user);
  if (protections.length > 0) return decision(user, prepared, 'protected', { protections });
  const judgement = judgeInactivity(user, prepared);
  switch (judgement.outcome) {
    case 'protected':
      protections.push(judgement.protection);
      return decision(user, prepared, 'protected', { protections });
    case 'excluded':
      return decision(user, prepared, 'excluded', { protections, exclusions: [judgement.exclusion] });
    case 'selected': {
      const plannedActions = prepared.plannedActionsOf(user);
      if (plannedActions.length === 0) {
        return decision(user, prepared, 'excluded', {
          protections,
          plannedActions,
          exclusions: [{ code: 'nothing-to-change', selection: judgement.reason }],
        });
      }
      return decision(user, prepared, 'selected', {
        protections,
        reasons: [judgement.reason],
        plannedActions,
      });
    }
  }
}

function judgeInactivity(user: DirectoryUser, prepared: PreparedRule): Judgement {
  const { product, days } = prepared.rule.inactivity;
  const activity = lastActivity(user, product);
  switch (activity.kind) {
    case 'unreadable':
      return noActivityData();
    case 'active': {
      const daysInactive = wholeDaysBetween(activity.lastActiveMs, prepared.nowMs);
      const { lastActiveAt } = activity;
      return daysInactive >= days
        ? {
            outcome: 'selected',
            reason: { code: 'inactive', product, lastActiveAt, daysInactive, thresholdDays: days },
          }
        : {
            outcome: 'excluded',
            exclusion: { code: 'recently-active', product, lastActiveAt, daysInactive, thresholdDays: days },
          };
    }
    case 'never':
      return judgeNeverActive(user, prepared);
  }
}

/**
 * No activity is not inactivity: a user who never used the product is selected only when the rule opts in,
 * and only after the grace period; without the opt-in, an account with no data anywhere is protected.
 */
function judgeNeverActive(user: DirectoryUser, prepared: PreparedRule): Judgement {
  const { product, graceDays, includeNeverActive, includeInvitedNeverJoined } = prepared.rule.inactivity;
  const code =
    includeInvitedNeverJoined && isInvitedNeverJoined(user)
      ? 'invited-never-joined'
      : includeNeverActive
        ? 'never-active'
        : null;
  if (code === null) {
    return hasAnyActivity(user)
      ? { outcome: 'excluded', exclusion: { code: 'never-active-not-selected' } }
      : noActivityData();
  }
  const addedMs = user.addedToOrg === null ? Number.NaN : Date.parse(user.addedToOrg);
  if (user.addedToOrg === null || Number.isNaN(addedMs)) return noActivityData();
  const facts = {
    addedToOrg: user.addedToOrg,
    daysSinceAdded: wholeDaysBetween(addedMs, prepared.nowMs),
    graceDays,
  };
  if (facts.daysSinceAdded <= graceDays)
    return { outcome: 'excluded', exclusion: { code: 'within-grace', ...facts } };
  return {
    outcome: 'selected',
    reason: code === 'never-active' ? { code, product, ...facts } : { code, ...facts },
  };
}

function decision(
  user: DirectoryUser,
  prepared: PreparedRule,
  outcome: Outcome,
  parts: Partial<Pick<Decision, 'reasons' | 'protections' | 'exclusions' | 'plannedActions'>>,
): Decision {
  const judged: Decision = {
    accountId: user.accountId,
    ruleId: prepared.rule.id,
    outcome,
    reasons: parts.reasons ?? [],
    protections: parts.protections ?? [],
    exclusions: parts.exclusions ?? [],
    plannedActions: parts.plannedActions ?? [],
    explanation: '',
  };
  judged.explanation = explainDecision(judged, prepared.explain);
  return judged;
}
