/**
 * The resolvers the page can call, each parsed at the edge with its contract schema before its use case runs. The
 * table's type makes the compiler hold every name to `src/contract`: a missing or extra resolver, a use case taking
 * other input or answering another type than the contract says, does not compile.
 */
import { startAnalysis } from '../app/analysis/analyse';
import { getAppStatus } from '../app/overview/appStatus';
import { getAuthority, setAppScope } from '../app/authority/authority';
import { saveConnection, testConnection } from '../app/connection/connect';
import { lookupDirectory, searchGroups, searchUsers } from '../app/directory/directorySearch';
import {
  exportAudit,
  getAuditRetention,
  getRun,
  getRunAudit,
  getRunItems,
  listRuns,
  searchAudit,
  setAuditRetention,
} from '../app/audit/history';
import { exportIdpHandoff } from '../app/audit/idpHandoff';
import {
  getNotificationSettings,
  previewNotification,
  saveNotificationSettings,
  searchProjects,
} from '../app/notifications/notifications';
import { getOverview, saveOverviewSettings } from '../app/overview/overview';
import { cancelJob, getJob, getPreview, getPreviewDecisions } from '../app/analysis/previewQueries';
import { exportPreviewDecisions } from '../app/analysis/previewExport';
import { saveProtections } from '../app/settings/protections';
import { countRule } from '../app/analysis/ruleCounts';
import { deleteRule, listRules, saveRule, setRuleEnabled } from '../app/rules/rules';
import { requestRun } from '../app/runs/run';
import { cancelRun } from '../app/runs/runRecovery';
import { getSeatPaths, getSeatsByPath } from '../app/seats/seatPaths';
import { getPlannedSeats } from '../app/seats/plannedSeats';
import type { Services } from '../app/services';
import { getSettings } from '../app/settings/settings';
import { describeUndo, requestUndo } from '../app/undo/undoRequest';
import { actOnPendingNow, cancelPending, extendPending, listPending } from '../app/warnings/warningsPending';
import { resolverInputs, type ResolverInput, type ResolverName } from '../contract/inputs';
import type { ResolverAnswers } from '../contract/resolvers';
import { parsePayload } from '../domain/invalidInput';
import type { z } from 'zod';

type UseCase<K extends ResolverName> = (
  services: Services,
  input: ResolverInput<K>,
  accountId: string,
) => Promise<ResolverAnswers[K]> | ResolverAnswers[K];

const useCases: { [K in ResolverName]: UseCase<K> } = {
  getAppStatus: (s) => getAppStatus(s),
  getOverview: (s) => getOverview(s),
  saveOverviewSettings: (s, input) => saveOverviewSettings(s, input),
  getSettings: (s) => getSettings(s),
  saveConnection: (s, input, by) => saveConnection(s, input, by),
  testConnection: (s) => testConnection(s),
  getAuthority: (s, _input, by) => getAuthority(s, by),
  setAppScope: (s, input, by) => setAppScope(s, input, by),
  saveProtections: (s, input, by) => saveProtections(s, input, by),
  listRules: (s) => listRules(s),
  saveRule: (s, input, by) => saveRule(s, input, by),
  setRuleEnabled: (s, input, by) => setRuleEnabled(s, input, by),
  deleteRule: (s, input) => deleteRule(s, input),
  countRule: (s, input) => countRule(s, input),
  searchGroups: (s, input) => searchGroups(s, input),
  searchUsers: (s, input) => searchUsers(s, input),
  lookupDirectory: (s, input) => lookupDirectory(s, input),
  startAnalysis: (s, input, by) => startAnalysis(s, input, by),
  getJob: (s, input) => getJob(s, input),
  cancelJob: (s, input, by) => cancelJob(s, input, by),
  getPreview: (s, input) => getPreview(s, input),
  getPreviewDecisions: (s, input) => getPreviewDecisions(s, input),
  exportPreviewDecisions: (s, input) => exportPreviewDecisions(s, input),
  getSeatPaths: (s, input) => getSeatPaths(s, input),
  getSeatsByPath: (s) => getSeatsByPath(s),
  getPlannedSeats: (s, input) => getPlannedSeats(s, input),
  requestRun: (s, input, by) => requestRun(s, input, by),
  cancelRun: (s, input, by) => cancelRun(s, input, by),
  listRuns: (s, input) => listRuns(s, input),
  getRun: (s, input) => getRun(s, input),
  getRunItems: (s, input) => getRunItems(s, input),
  getRunAudit: (s, input) => getRunAudit(s, input),
  getAuditRetention: (s) => getAuditRetention(s),
  searchAudit: (s, input) => searchAudit(s, input),
  exportAudit: (s, input) => exportAudit(s, input),
  setAuditRetention: (s, input, by) => setAuditRetention(s, input, by),
  exportIdpHandoff: (s, input) => exportIdpHandoff(s, input),
  requestUndo: (s, input, by) => requestUndo(s, input, by),
  describeUndo: (s, input) => describeUndo(s, input),
  getNotificationSettings: (s) => getNotificationSettings(s),
  saveNotificationSettings: (s, input, by) => saveNotificationSettings(s, input, by),
  previewNotification: (s, input) => previewNotification(s, input),
  searchProjects: (s, input) => searchProjects(s, input),
  listPending: (s, input) => listPending(s, input),
  extendPending: (s, input, by) => extendPending(s, input, by),
  cancelPending: (s, input, by) => cancelPending(s, input, by),
  actOnPendingNow: (s, input, by) => actOnPendingNow(s, input, by),
};

export const RESOLVER_NAMES = Object.keys(resolverInputs) as ResolverName[];

/** Whether the page may call `key`: only own names of the table, never `constructor`, `__proto__` and the like. */
export function isResolverName(key: string): key is ResolverName {
  return Object.hasOwn(resolverInputs, key);
}

/** Parses the page's payload with the resolver's contract schema, then runs its use case for the caller. */
export async function callUseCase<K extends ResolverName>(
  key: K,
  services: Services,
  payload: unknown,
  accountId: string,
): Promise<ResolverAnswers[K]> {
  const useCase: UseCase<K> = useCases[key];
  const schema: z.ZodType = resolverInputs[key];
  // The schema for K parses to ResolverInput<K>; TypeScript cannot follow a generic key through the table.
  const input = parsePayload(schema, payload) as ResolverInput<K>;
  return useCase(services, input, accountId);
}
