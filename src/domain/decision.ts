/**
 * What evaluating a rule against a user decides, with the reasons as data (for filters and exports) and in
 * words (for the admin and the auditor).
 */

/** Why a user was selected. */
export type SelectionReason =
  | {
      code: 'inactive';
      /** Product key, or `any` when the rule looks at every product. */
      product: string;
      lastActiveAt: string;
      daysInactive: number;
      thresholdDays: number;
    }
  | { code: 'never-active'; product: string; addedToOrg: string; daysSinceAdded: number; graceDays: number }
  | { code: 'invited-never-joined'; addedToOrg: string; daysSinceAdded: number; graceDays: number };

/** Why a user must never be acted on, whatever the rule says. */
export type Protection =
  | { code: 'org-admin' }
  | { code: 'site-admin' }
  | { code: 'user-access-admin' }
  | { code: 'app-account' }
  | { code: 'the-app-itself' }
  | { code: 'configuring-admin' }
  | { code: 'protected-user' }
  | { code: 'protected-group'; groupId: string; groupName: string }
  | { code: 'no-activity-data' }
  /** Leads a project (or a component) on the app's site: Jira assigns it work by default. */
  | { code: 'project-lead'; projects: string[] }
  | { code: 'component-lead'; components: string[] };

/** Why a user is outside the rule's scope, or not inactive enough. */
export type Exclusion =
  | { code: 'excluded-user' }
  | { code: 'excluded-group'; groupId: string; groupName: string }
  | { code: 'not-in-included-groups' }
  | { code: 'email-domain-not-included'; domain: string | null }
  | { code: 'email-domain-excluded'; domain: string }
  | { code: 'account-kind'; kind: 'staff' | 'external' | 'customer' | 'other' }
  | { code: 'no-access-to-product'; product: string }
  /** A JSM portal customer (free): a rule about Jira Service Management acts on agents only. */
  | { code: 'portal-customer' }
  | { code: 'not-active-in-directory'; status: string }
  | {
      code: 'recently-active';
      product: string;
      lastActiveAt: string;
      daysInactive: number;
      thresholdDays: number;
    }
  | { code: 'within-grace'; addedToOrg: string; daysSinceAdded: number; graceDays: number }
  | { code: 'never-active-not-selected' }
  /** The user would be selected (`selection` says why), but none of the rule's actions would change anything. */
  | { code: 'nothing-to-change'; selection: SelectionReason }
  /** Selected, but less recently active seat holders already bring the product to the rule's seat target. */
  | { code: 'beyond-seat-target'; product: string; target: number; selection: SelectionReason }
  /** Selected by a seat-target rule, but acting would free no seat of the product (none held, or another path keeps it). */
  | { code: 'frees-no-seat'; product: string; selection: SelectionReason }
  /** Selected, but a run already warned the user and their warning period has not ended: acted on when it has. */
  | { code: 'warning-pending'; warnedAt: string; dueAt: string; selection: SelectionReason };

/** One concrete change the run would make for a user. */
export type PlannedAction =
  | { kind: 'remove-from-group'; groupId: string; groupName: string }
  /** The group is synced from an identity provider: the change goes to the IdP hand-off file instead. */
  | { kind: 'idp-handoff'; groupId: string; groupName: string }
  | { kind: 'revoke-direct-role'; resourceId: string; roleId: string }
  | { kind: 'suspend' }
  | { kind: 'add-to-group'; groupId: string; groupName: string };

export type Outcome = 'selected' | 'protected' | 'excluded';

export interface Decision {
  accountId: string;
  ruleId: string;
  outcome: Outcome;
  reasons: SelectionReason[];
  protections: Protection[];
  exclusions: Exclusion[];
  plannedActions: PlannedAction[];
  /** The decision in words, e.g. "last active in Jira on 2026-04-02, 234 days ago; threshold 90". */
  explanation: string;
}

/**
 * A decision without its sentence: what evaluation works out and previews store. The sentence is derived from the
 * data (`explainDecision`), so it is built only for the decisions someone reads.
 */
export type Verdict = Omit<Decision, 'explanation'>;
