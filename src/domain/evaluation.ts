/**
 * Judges users against a rule. Order: protections first (a protected user is never selected), then scope, then
 * inactivity, then whether the rule's actions would change anything.
 */
import { actionPlanner } from './actionPlan';
import { isInvitedNeverJoined } from './activity';
import type {
  Decision,
  Exclusion,
  Outcome,
  PlannedAction,
  Protection,
  SelectionReason,
  Verdict,
} from './decision';
import { userOnSite } from './authority';
import type { DirectoryUser, ProductInfo } from './directory';
import { explainDecision, type ExplainContext } from './explain';
import { protectionsFor, type ProtectionContext } from './protections';
import type { Rule } from './rule';
import { scopeExclusions, scopeTest } from './ruleScope';
import { UserFacts } from './userFacts';

export interface EvaluationContext extends ProtectionContext {
  now: Date;
  products: ProductInfo[];
  /**
   * Set when the app works within the installed site (ADR 0019): only product use on this site counts, so someone
   * who uses only another site of the org is outside every rule's scope.
   */
  siteCloudId?: string;
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

/** One user's decision, outside the scope too (with every reason they are outside it), in words. */
export function evaluateUser(user: DirectoryUser, rule: Rule, ctx: EvaluationContext): Decision {
  const judge = ruleJudge(rule, ctx);
  return explained(judge.inScope(user) ?? outOfScope(user, rule, ctx), judge.explain);
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
 * Judges for several rules that share what they learn about a user (directory status, account kind, group
 * membership, protections, activity per product: `UserFacts`), for callers that judge each user against every rule
 * in turn: the shared part is worked out once per user, not once per rule. Each rule is compiled once into a scope
 * test and a decision.
 */
export function ruleJudges(rules: readonly Rule[], ctx: EvaluationContext): RuleJudge[] {
  const facts = new UserFacts(ctx, ctx.now);
  const visible = ctx.siteCloudId === undefined ? (user: DirectoryUser) => user : userOnSite(ctx.siteCloudId);
  return rules.map((rule) => {
    const inRuleScope = scopeTest(rule, facts);
    const decide = inScopeDecision(rule, ctx, facts);
    return {
      ruleId: rule.id,
      explain: { product: rule.inactivity.product, products: ctx.products },
      inScope: (user) => {
        const judged = facts.of(visible(user));
        return inRuleScope(judged) ? decide(judged) : null;
      },
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

/**
 * The empty list every verdict shares for the parts it has none of: an analysis makes hundreds of thousands of
 * verdicts, and most of their lists are empty. Frozen, so nothing can add to it.
 */
const NONE = Object.freeze([]) as unknown as never[];

function outOfScope(user: DirectoryUser, rule: Rule, ctx: EvaluationContext): Verdict {
  const protections = protectionsFor(user, ctx);
  const exclusions = scopeExclusions(rule, ctx.groupsById)(user);
  const outcome = protections.length > 0 ? 'protected' : 'excluded';
  return verdict(user.accountId, rule.id, outcome, NONE, protections, exclusions, NONE);
}

/**
 * The verdict on a user in the rule's scope. Order: protections first (a protected user is never selected), then
 * inactivity, then whether the rule's actions would change anything. Everything that does not depend on the user
 * is worked out here, once per rule.
 */
function inScopeDecision(
  rule: Rule,
  ctx: EvaluationContext,
  facts: UserFacts,
): (judged: UserFacts) => Verdict {
  const ruleId = rule.id;
  const { product, days, graceDays, includeNeverActive, includeInvitedNeverJoined } = rule.inactivity;
  const productActivity = facts.productActivity(product);
  const plannedActionsOf = actionPlanner(rule, ctx.groupsById, ctx.products);

  const protectedBy = (user: DirectoryUser, protections: Protection[]): Verdict =>
    verdict(user.accountId, ruleId, 'protected', NONE, protections, NONE, NONE);
  const noActivityData = (user: DirectoryUser) => protectedBy(user, [{ code: 'no-activity-data' }]);
  const excludedBy = (user: DirectoryUser, exclusion: Exclusion): Verdict =>
    verdict(user.accountId, ruleId, 'excluded', NONE, NONE, [exclusion], NONE);
  const selectedFor = (user: DirectoryUser, reason: SelectionReason): Verdict => {
    const plannedActions = plannedActionsOf(user);
    if (plannedActions.length === 0) {
      const exclusions: Exclusion[] = [{ code: 'nothing-to-change', selection: reason }];
      return verdict(user.accountId, ruleId, 'excluded', NONE, NONE, exclusions, plannedActions);
    }
    return verdict(user.accountId, ruleId, 'selected', [reason], NONE, NONE, plannedActions);
  };

  /**
   * No activity is not inactivity: a user who never used the product is selected only when the rule opts in,
   * and only after the grace period; without the opt-in, an account with no data anywhere is protected.
   */
  const neverActive = (judged: UserFacts): Verdict => {
    const { user } = judged;
    const code =
      includeInvitedNeverJoined && isInvitedNeverJoined(user)
        ? 'invited-never-joined'
        : includeNeverActive
          ? 'never-active'
          : null;
    if (code === null) {
      return judged.hasAnyActivity()
        ? excludedBy(user, { code: 'never-active-not-selected' })
        : noActivityData(user);
    }
    const { addedToOrg } = user;
    const daysSinceAdded = judged.daysSinceAdded();
    if (addedToOrg === null || Number.isNaN(daysSinceAdded)) return noActivityData(user);
    if (daysSinceAdded <= graceDays) {
      return excludedBy(user, { code: 'within-grace', addedToOrg, daysSinceAdded, graceDays });
    }
    return selectedFor(
      user,
      code === 'never-active'
        ? { code, product, addedToOrg, daysSinceAdded, graceDays }
        : { code, addedToOrg, daysSinceAdded, graceDays },
    );
  };

  return (judged) => {
    const { user } = judged;
    const protections = judged.protections();
    if (protections.length > 0) return protectedBy(user, [...protections]);
    const activity = judged.activityIn(productActivity);
    switch (activity.state) {
      case 'unreadable':
        return noActivityData(user);
      case 'never':
        return neverActive(judged);
      case 'active': {
        const { lastActiveAt, daysInactive } = activity;
        return daysInactive >= days
          ? selectedFor(user, { code: 'inactive', product, lastActiveAt, daysInactive, thresholdDays: days })
          : excludedBy(user, {
              code: 'recently-active',
              product,
              lastActiveAt,
              daysInactive,
              thresholdDays: days,
            });
      }
    }
  };
}

function verdict(
  accountId: string,
  ruleId: string,
  outcome: Outcome,
  reasons: SelectionReason[],
  protections: Protection[],
  exclusions: Exclusion[],
  plannedActions: PlannedAction[],
): Verdict {
  return { accountId, ruleId, outcome, reasons, protections, exclusions, plannedActions };
}
