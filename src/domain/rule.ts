/**
 * A cleanup rule as the admin configures it. Validation lives in ./ruleValidation.ts; a rule that fails it
 * is never saved.
 */

/** Which accounts a rule looks at. Empty lists mean "no restriction" except where said. */
export interface RuleScope {
  /** Only members of at least one of these groups (empty: everyone). */
  includeGroupIds: string[];
  /** Never members of any of these groups. */
  excludeGroupIds: string[];
  /** Never these accounts. */
  excludeAccountIds: string[];
  /** Only these e-mail domains (empty: any), compared case-insensitively. */
  includeEmailDomains: string[];
  /** Never these e-mail domains. */
  excludeEmailDomains: string[];
  /**
   * Kinds of account: `staff` = managed accounts (the org's verified domains), `external` = unmanaged
   * Atlassian accounts (contractors, partners), `customer` = JSM portal customers. At least one.
   */
  accountKinds: Array<'staff' | 'external' | 'customer'>;
}

export interface InactivityCondition {
  /** A product key (`jira-software`, ...) or `any`: inactive means inactive in every product they can use. */
  product: string;
  /** Days since the last activity before a user counts as inactive: 1..3650. */
  days: number;
  /**
   * Users who never used the product (no activity data) are selected only when this is true, and only once
   * they have been in the org longer than `graceDays`.
   */
  includeNeverActive: boolean;
  /** Grace for accounts that never used the product, counted from when they were added: 0..3650 days. */
  graceDays: number;
  /** Also select invited users who never joined (never logged in, e-mail unverified), after `graceDays`. */
  includeInvitedNeverJoined: boolean;
}

export type RuleAction =
  /** Leave these groups. Groups synced from an identity provider produce a hand-off entry instead. */
  | { kind: 'remove-from-groups'; groupIds: string[] }
  /** Leave every group that grants the product and drop direct roles on it. */
  | { kind: 'revoke-product'; product: string }
  /** Suspend the user in the directory: no access, not billed, groups kept and restored on undo. */
  | { kind: 'suspend' }
  /** Add to a group, e.g. a "reclaimed licences" review group. */
  | { kind: 'add-to-group'; groupId: string };

/**
 * Keep a product at or under a seat count: of the users the rule selects, only those holding a billable seat of
 * the product are acted on, least recently active first, until the product's live seat count from Jira reaches
 * the target (./seatTarget.ts). `next-lower` aims at the pricing tier boundary below today's count.
 */
export type SeatTarget = { product: string; seats: number } | { product: string; tier: 'next-lower' };

export type RuleSchedule =
  | { frequency: 'manual' }
  | { frequency: 'daily'; hourUtc: number }
  | { frequency: 'weekly'; weekday: 0 | 1 | 2 | 3 | 4 | 5 | 6; hourUtc: number }
  | { frequency: 'monthly'; dayOfMonth: number; hourUtc: number };

export interface RuleLimits {
  /** Never act on more than this many users in one run: 1..100000. */
  maxUsersPerRun: number;
  /** Never act on more than this share of the users in the rule's scope: 0.1..100 (percent). */
  maxPercentOfScope: number;
}

/**
 * Warn users before acting: they are put in a pending state, told by e-mail, and acted on only once `days`
 * have passed and they are still inactive.
 */
export interface RuleWarning {
  /** 1..90. */
  days: number;
}

export interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  /** `preview` rules only ever produce previews; `live` rules act when run. */
  mode: 'preview' | 'live';
  scope: RuleScope;
  inactivity: InactivityCondition;
  actions: RuleAction[];
  schedule: RuleSchedule;
  limits: RuleLimits;
  /** `null`: act without warning. Rules stored before warnings existed read as `null`. */
  warning: RuleWarning | null;
  /** `null`: no seat target. Rules stored before seat targets existed read as `null`. */
  seatTarget: SeatTarget | null;
  createdAt: string;
  updatedAt: string;
}

/** App-wide settings that no rule can override. */
export interface ProtectionSettings {
  protectedAccountIds: string[];
  protectedGroupIds: string[];
}
