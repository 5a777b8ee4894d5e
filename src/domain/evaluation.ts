/**
 * Judges users against a rule. Order: protections first (a protected user is never selected), then scope, then
 * inactivity, then whether the rule's actions would change anything.
 */
import { actionPlanner } from './actionPlan';
import { isInvitedNeverJoined, lastActivity, hasAnyActivity, type Activity } from './activity';
import { wholeDaysBetween } from './dates';
import type {
  Decision,
  Exclusion,
  Outcome,
  PlannedAction,
  Protection,
  SelectionReason,
  Verdict,
} from './decision';
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
  factsOf: FactsOf;
  plannedActionsOf: (user: DirectoryUser) => PlannedAction[];
  explain: ExplainContext;
}

/**
 * What judging a user needs that does not depend on the rule, worked out once per user and shared by the rules
 * judged together: analysis judges each user against every rule before it moves on to the next user.
 */
interface UserFacts {
  user: DirectoryUser;
  /** Shared by the rules: a verdict gets its own copy. */
  protections: readonly Protection[];
  /** The user's activity per product key, each worked out (and its timestamps parsed) the first time it is asked. */
  activity: Map<string, Activity>;
}

type FactsOf = (user: DirectoryUser) => UserFacts;

/** The facts of the user judged last, kept until another user is judged; users do not change while judged. */
function factsOfLastUser(ctx: ProtectionContext): FactsOf {
  const protectionsOf = protectionCheck(ctx);
  let last: UserFacts | null = null;
  return (user) => {
    if (last === null || last.user !== user) {
      last = { user, protections: protectionsOf(user), activity: new Map() };
    }
    return last;
  };
}

function activityOf(facts: UserFacts, product: string): Activity {
  let activity = facts.activity.get(product);
  if (activity === undefined) {
    activity = lastActivity(facts.user, product);
    facts.activity.set(product, activity);
  }
  return activity;
}

type Judgement =
  | { outcome: 'selected'; reason: SelectionReason }
  | { outcome: 'excluded'; exclusion: Exclusion }
  | { outcome: 'protected'; protection: Protection };

function noActivityData(): Judgement {
  return { outcome: 'protected', protection: { code: 'no-activity-data' } };
}

export function evaluateUser(user: DirectoryUser, rule: Rule, ctx: EvaluationContext): Decision {
  const prepared = prepareRule(rule, ctx, factsOfLastUser(ctx));
  return explained(verdictOf(user, prepared), prepared.explain);
}

export function evaluateRule(
  users: Iterable<DirectoryUser>,
  rule: Rule,
  ctx: EvaluationContext,
): RuleEvaluation {
  const judge = ruleJudge(rule, ctx);
  const decisions: Decision[] = [];
  const counts = emptyCounts();
  for (const user of users) {
    const verdict = judge.inScope(user);
    countVerdict(counts, verdict);
    if (verdict) decisions.push(explained(verdict, judge.explain));
  }
  return { ruleId: rule.id, decisions, counts };
}

/**
 * A rule ready to judge users one at a time, for callers that stream users and keep only what they need: the
 * verdict of a user in scope (null outside it), and what `explainDecision` needs to put any verdict into words.
 */
export interface RuleJudge {
  ruleId: string;
  explain: ExplainContext;
  inScope(user: DirectoryUser): Verdict | null;
}

export function ruleJudge(rule: Rule, ctx: EvaluationContext): RuleJudge {
  return ruleJudges([rule], ctx)[0]!;
}

/**
 * Judges for several rules that share what they learn about a user (protections, activity), for callers that
 * judge each user against every rule in turn: the shared part is worked out once per user, not once per rule.
 */
export function ruleJudges(rules: readonly Rule[], ctx: EvaluationContext): RuleJudge[] {
  const factsOf = factsOfLastUser(ctx);
  return rules.map((rule) => {
    const prepared = prepareRule(rule, ctx, factsOf);
    return {
      ruleId: rule.id,
      explain: prepared.explain,
      inScope: (user) => (prepared.scope.includes(user) ? decideInScope(user, prepared) : null),
    };
  });
}

export function emptyCounts(): EvaluationCounts {
  return { inScope: 0, selected: 0, protected: 0, excluded: 0, outOfScope: 0 };
}

/** Adds one user's verdict (null: outside the scope) to the counts. */
export function countVerdict(counts: EvaluationCounts, verdict: Verdict | null): void {
  if (verdict === null) {
    counts.outOfScope += 1;
    return;
  }
  counts.inScope += 1;
  counts[verdict.outcome] += 1;
}

function explained(verdict: Verdict, ctx: ExplainContext): Decision {
  return { ...verdict, explanation: explainDecision(verdict, ctx) };
}

function verdictOf(user: DirectoryUser, prepared: PreparedRule): Verdict {
  if (prepared.scope.includes(user)) return decideInScope(user, prepared);
  const protections = [...prepared.factsOf(user).protections];
  const exclusions = prepared.scope.exclusionsOf(user);
  return verdict(user, prepared, protections.length > 0 ? 'protected' : 'excluded', {
    protections,
    exclusions,
  });
}

function prepareRule(rule: Rule, ctx: EvaluationContext, factsOf: FactsOf): PreparedRule {
  return {
    rule,
    nowMs: ctx.now.getTime(),
    scope: scopeCheck(rule, ctx.groupsById),
    factsOf,
    plannedActionsOf: actionPlanner(rule, ctx.groupsById, ctx.products),
    explain: { product: rule.inactivity.product, products: ctx.products },
  };
}

function decideInScope(user: DirectoryUser, prepared: PreparedRule): Verdict {
  const facts = prepared.factsOf(user);
  if (facts.protections.length > 0) {
    return verdict(user, prepared, 'protected', { protections: [...facts.protections] });
  }
  const judgement = judgeInactivity(facts, prepared);
  switch (judgement.outcome) {
    case 'protected':
      return verdict(user, prepared, 'protected', { protections: [judgement.protection] });
    case 'excluded':
      return verdict(user, prepared, 'excluded', { exclusions: [judgement.exclusion] });
    case 'selected': {
      const plannedActions = prepared.plannedActionsOf(user);
      if (plannedActions.length === 0) {
        return verdict(user, prepared, 'excluded', {
          plannedActions,
          exclusions: [{ code: 'nothing-to-change', selection: judgement.reason }],
        });
      }
      return verdict(user, prepared, 'selected', {
        reasons: [judgement.reason],
        plannedActions,
      });
    }
  }
}

function judgeInactivity(facts: UserFacts, prepared: PreparedRule): Judgement {
  const { product, days } = prepared.rule.inactivity;
  const activity = activityOf(facts, product);
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
      return judgeNeverActive(facts.user, prepared);
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

function verdict(
  user: DirectoryUser,
  prepared: PreparedRule,
  outcome: Outcome,
  parts: Partial<Pick<Verdict, 'reasons' | 'protections' | 'exclusions' | 'plannedActions'>>,
): Verdict {
  return {
    accountId: user.accountId,
    ruleId: prepared.rule.id,
    outcome,
    reasons: parts.reasons ?? [],
    protections: parts.protections ?? [],
    exclusions: parts.exclusions ?? [],
    plannedActions: parts.plannedActions ?? [],
  };
}
