/**
 * What the use cases answer the admin page with. Types only, and importing only other pure modules, so the page
 * type-checks against them without Node's types; each use case re-exports its own.
 */
import type { OverviewSettings, SavingsEstimate, Dashboard, TrendPoint } from '../domain/dashboard';
import type { AppScope } from '../domain/authority';
import type { BillableSeat } from '../domain/billablePaths';
import type { KeptSeats, PlannedSeat } from '../domain/seatPlan';
import type { SeatCount } from '../domain/directory';
import type { SeatOutlook } from '../domain/licenceTiers';
import type { ReversibleAction } from '../domain/reversibleActions';
import type { FieldError } from '../domain/ruleValidation';
import type { NotificationSettings } from '../store/notificationSettings';
import type { OrgConnection } from '../store/orgConnection';
import type { PreviewSummary } from '../domain/preview';
import type { ProtectionSettings, Rule } from '../domain/rule';
import type { RenderedMessage } from '../domain/template';
import type { PendingUser } from '../domain/warning';
import type { RunRecord } from '../store/runRecord';

/* connect.ts */

export interface ConnectionCheck {
  name: 'key' | 'organization' | 'directories' | 'users' | 'jira-seats';
  ok: boolean;
  message: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  checks: ConnectionCheck[];
  orgName: string | null;
  directories: Array<{ id: string; name: string }>;
  /** One sentence for the admin: what works, or the first thing to fix. */
  summary: string;
}

/* overview.ts */

/** Jira's live seat count for a product, with what the latest scan says could be freed and the tiers around it. */
export interface ProductSeats extends SeatCount, SeatOutlook {
  /** From the latest overview; 0 before the first scan. */
  freeable: number;
  /** Licensed users active in the product (`isActive`), from the latest overview; 0 before the first scan. */
  active: number;
}

export interface OverviewAnswer {
  snapshot: { id: string; completedAt: string } | null;
  seats: ProductSeats[];
  dashboard: Dashboard | null;
  /** Set when the stored aggregate was computed with another inactivity threshold than the settings say. */
  stale: { computedWithInactiveDays: number; message: string } | null;
  savings: SavingsEstimate | null;
  trend: TrendPoint[];
  settings: OverviewSettings;
}

/* rules.ts */

export interface RuleView extends Rule {
  lastRunAt: string | null;
  lastRunId: string | null;
  nextRunAt: string | null;
}

export type SaveRuleResult = { saved: true; rule: RuleView } | { saved: false; errors: FieldError[] };

/* ruleCounts.ts */

export type RuleCount =
  | { valid: false; errors: FieldError[] }
  | {
      valid: true;
      inScope: number;
      selected: number;
      /** Protected verdicts, people without activity data among them (as an analysis's `counts.protected`). */
      protected: number;
      /** Of `protected`, the users judged "no activity data" only: not protected people (`protectedPeople`). */
      withoutActivityData: number;
      excluded: number;
      snapshotCompletedAt: string;
      /** Why a run would be refused by the rule's own limits now, or null when it would not be. */
      limitMessage: string | null;
    };

/* notifications.ts */

export type NotificationSettingsView = Omit<NotificationSettings, 'updatedBy' | 'updatedAt'> & {
  updatedBy: string | null;
  updatedAt: string | null;
  /** False until an admin saved settings: warnings cannot be sent before. */
  saved: boolean;
};

export type SaveNotificationSettingsResult =
  { saved: true; settings: NotificationSettingsView } | { saved: false; errors: FieldError[] };

/* history.ts */

export interface RunSummary extends RunRecord {
  /** finishedAt − startedAt; null until the run has both. */
  durationMs: number | null;
  undoable: boolean;
}

export interface AuditExport {
  filename: string;
  contentType: string;
  content: string;
  /** The newest entries only: the export reached the size one answer can carry. */
  truncated: boolean;
  /** When truncated, what to do about it. */
  message: string | null;
}

/* idpHandoff.ts */

export interface IdpHandoffFile {
  filename: string;
  contentType: 'text/csv';
  content: string;
  /** How many removals the identity provider must make. */
  rows: number;
}

/* previewExport.ts */

export interface PreviewExport {
  filename: string;
  contentType: 'text/csv';
  content: string;
  /** Users in the file. */
  rows: number;
  /** The file stopped short of every user: one answer cannot carry more. */
  truncated: boolean;
  message: string | null;
}

/* undo.ts */

export interface UndoDescription {
  /** Users with at least one change to reverse. */
  users: number;
  /** Changes to reverse, per action of the original run. */
  changesByAction: Record<ReversibleAction, number>;
  /** Why `requestUndo` would refuse this undo; absent when it would start. */
  notUndoableReason?: string;
}

/* previewQueries.ts */

/** A stored preview with each rule's summary; its decisions are paged separately. */
export interface Preview {
  id: string;
  snapshotId: string;
  createdAt: string;
  createdBy: string;
  ruleIds: string[];
  /** Per rule, the domain's PreviewSummary, stored as given. */
  summaries: Record<string, PreviewSummary>;
}

/* directorySearch.ts */

/** A user as the pickers show one. */
export interface UserEntry {
  accountId: string;
  name: string;
  email: string | null;
}

/** A group as the pickers show one, with its members as the latest scan counted them. */
export interface GroupEntry {
  id: string;
  name: string;
  memberCount: number;
  syncedFromIdp: boolean;
}

export interface SearchAnswer<T> {
  /** Null when no scan has completed yet: there is nothing to search. */
  snapshotCompletedAt: string | null;
  matches: T[];
  /** More entries match than `limit`: the admin should type more. */
  more: boolean;
}

/* settings */

export interface AppSettings {
  connection: OrgConnection | null;
  protections: ProtectionSettings;
}

export interface AuditRetention {
  days: number;
  /** null while the default applies. */
  updatedAt: string | null;
  updatedBy: string | null;
}

/* notifications.ts */

export type NotificationPreview =
  { ok: true; message: RenderedMessage } | { ok: false; errors: FieldError[] };

export interface ProjectsPage {
  projects: Array<{ id: string; key: string; name: string }>;
  total: number;
  isLast: boolean;
}

/* warningsPending.ts */

export interface PendingRow extends PendingUser {
  ruleName: string;
}

/* seatPaths.ts */

export interface SeatPathsAnswer {
  users: Array<{ accountId: string; seats: BillableSeat[] }>;
}

/* plannedSeats.ts */

export interface PlannedSeatsAnswer {
  /** The users the preview selected, as the Organizations API lists them now, each seat with what the plan does. */
  users: Array<{ accountId: string; seats: PlannedSeat[] }>;
  /** Per product, those whose seat another path keeps billable, by that path. */
  kept: KeptSeats[];
}

/* authority.ts */

export type ProtectedSetting = 'connection' | 'protections' | 'scope' | 'audit-retention';

export interface ScopeSetting {
  scope: AppScope;
  /** null while the default (the site) applies. */
  setBy: string | null;
  setAt: string | null;
}

/** One change of a setting that protects people, with who made it. */
export interface SettingChange {
  at: string;
  actor: string;
  setting: ProtectedSetting;
  before: unknown;
  after: unknown;
}

export interface AuthorityView extends ScopeSetting {
  /** The site the app is installed on. */
  siteCloudId: string | null;
  /** Whether the caller may change the scope and weaken protections. */
  callerIsOrgAdmin: boolean;
  /** The newest changes to settings that protect people. */
  changes: SettingChange[];
}
