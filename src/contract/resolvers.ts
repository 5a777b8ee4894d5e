/**
 * Every resolver the page can call and what it answers, defined once: the edge registers exactly these names and
 * type-checks each use case's answer against this map, and the page's `callResolver` takes its types from it.
 */
import type { JobStatus, JobStatusView } from '../jobs/types';
import type { OverviewSettings } from '../domain/dashboard';
import type { ProtectionSettings } from '../domain/rule';
import type { SeatsByPathRecord } from '../domain/seatsByPath';
import type { AuditEntry } from '../store/auditEntry';
import type { OrgConnection } from '../store/orgConnection';
import type { PreviewDecision } from '../store/previewRow';
import type { RunItem, RunRecord } from '../store/runRecord';
import type {
  AppSettings,
  AuditExport,
  AuditRetention,
  AuthorityView,
  ConnectionTestResult,
  GroupEntry,
  IdpHandoffFile,
  NotificationPreview,
  NotificationSettingsView,
  OverviewAnswer,
  PendingRow,
  Preview,
  PreviewExport,
  ProjectsPage,
  RuleCount,
  RuleView,
  RunSummary,
  SaveNotificationSettingsResult,
  SaveRuleResult,
  SearchAnswer,
  PlannedSeatsAnswer,
  SeatPathsAnswer,
  UndoDescription,
  UserEntry,
} from './answers';
import type { AppStatus } from './index';
import type { ResolverName } from './inputs';

export interface ResolverAnswers {
  getAppStatus: AppStatus;
  getOverview: OverviewAnswer;
  saveOverviewSettings: OverviewSettings;
  getSettings: AppSettings;
  saveConnection: OrgConnection;
  testConnection: ConnectionTestResult;
  getAuthority: AuthorityView;
  setAppScope: AuthorityView;
  saveProtections: ProtectionSettings;
  listRules: RuleView[];
  saveRule: SaveRuleResult;
  setRuleEnabled: RuleView;
  deleteRule: { deleted: string };
  countRule: RuleCount;
  searchGroups: SearchAnswer<GroupEntry>;
  searchUsers: SearchAnswer<UserEntry>;
  lookupDirectory: { users: UserEntry[]; groups: GroupEntry[] };
  startAnalysis: JobStatus;
  getJob: JobStatusView;
  cancelJob: JobStatusView;
  getPreview: Preview | null;
  getPreviewDecisions: { total: number; items: PreviewDecision[] };
  exportPreviewDecisions: PreviewExport;
  getSeatPaths: SeatPathsAnswer;
  getSeatsByPath: SeatsByPathRecord | null;
  getPlannedSeats: PlannedSeatsAnswer;
  requestRun: RunRecord;
  cancelRun: RunRecord;
  listRuns: { runs: RunSummary[]; nextCursor?: string };
  getRun: RunSummary;
  getRunItems: { items: RunItem[]; nextOffset?: number };
  getRunAudit: { entries: AuditEntry[]; nextCursor?: string };
  getAuditRetention: AuditRetention;
  searchAudit: { entries: AuditEntry[]; nextCursor?: string };
  exportAudit: AuditExport;
  setAuditRetention: AuditRetention;
  exportIdpHandoff: IdpHandoffFile;
  requestUndo: RunRecord;
  describeUndo: UndoDescription;
  getNotificationSettings: NotificationSettingsView;
  saveNotificationSettings: SaveNotificationSettingsResult;
  previewNotification: NotificationPreview;
  searchProjects: ProjectsPage;
  listPending: { total: number; items: PendingRow[] };
  extendPending: { extended: number };
  cancelPending: { cancelled: number };
  actOnPendingNow: RunRecord;
}

export type ResolverAnswer<K extends ResolverName> = ResolverAnswers[K];
