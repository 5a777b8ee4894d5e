import type { SeatCount } from '../domain/directory';

/**
 * What the admin page and the backend agree on: every resolver answers a `ResolverResult`, so errors reach
 * the page as data it can show, never as a mangled exception. docs/api.md documents each resolver.
 */

export type ErrorCode = 'forbidden' | 'invalid-input' | 'upstream-unavailable' | 'internal';

export type ResolverResult<T> =
  { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; field?: string } };

/** Seats per Jira product, as Jira's `applicationrole` reports them. */
export type SeatSummary = SeatCount;

export interface Heartbeat {
  /** ISO time the scheduled trigger last ran. */
  scheduledAt: string | null;
  /** ISO time the job queue consumer last processed the schedule's check event. */
  processedAt: string | null;
}

export interface AppStatus {
  /** Whether an organization API key is stored; the key itself never leaves secret storage. */
  orgApiKeySet: boolean;
  seats: SeatSummary[];
  heartbeat: Heartbeat;
}

/*
 * Every type a resolver answers with or takes, for the admin page: the page imports backend types only from here.
 * Each comes from a module holding only types or pure code, so the page type-checks without Node's types.
 */
export type { JobStatus, JobStatusView } from '../jobs/types';
export type {
  Dashboard,
  OverviewSettings,
  SavingsEstimate,
  TrendPoint,
  UserState,
} from '../domain/dashboard';
export type { Decision, Outcome, PlannedAction } from '../domain/decision';
export type { PreviewSummary } from '../domain/preview';
export type { ProtectionSettings, Rule, RuleAction, RuleSchedule } from '../domain/rule';
export type { FieldError } from '../domain/ruleValidation';
export type { RenderedMessage } from '../domain/template';
export type { PendingUser } from '../domain/warning';
export type { AuditEntry, AuditQuery, AuditState } from '../store/auditEntry';
export type { OrgConnection } from '../store/orgConnection';
export type { DecisionSort, DecisionSortKey, PreviewDecision } from '../store/previewRow';
export type { RunItem, RunItemState, RunRecord, RunState } from '../store/runRecord';
export type { BillableSeat, SeatPath } from '../domain/billablePaths';
export type { KeptSeats, PlannedSeat } from '../domain/seatPlan';
export type { PathSeats, ProductSeatsByPath, SeatsByPathRecord } from '../domain/seatsByPath';
export type {
  AuditExport,
  ConnectionCheck,
  ConnectionTestResult,
  IdpHandoffFile,
  NotificationSettingsView,
  OverviewAnswer,
  PreviewExport,
  ProductSeats,
  RuleCount,
  RuleView,
  RunSummary,
  SaveNotificationSettingsResult,
  SaveRuleResult,
  UndoDescription,
} from './answers';
export type {
  AppSettings,
  AuditRetention,
  AuthorityView,
  SettingChange,
  GroupEntry,
  NotificationPreview,
  PendingRow,
  Preview,
  ProjectsPage,
  SearchAnswer,
  SeatPathsAnswer,
  UserEntry,
} from './answers';
export type { ResolverAnswer, ResolverAnswers } from './resolvers';
export type { ResolverInput, ResolverName, ResolverPayload } from './inputs';
