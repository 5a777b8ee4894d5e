/**
 * The functions manifest.yml names, and nothing but wiring: each resolver checks the caller is a Jira
 * administrator and validates its payload; the schedule and the queue consumer act only on stored,
 * validated configuration.
 */
import type { AsyncEvent } from '@forge/events';
import Resolver from '@forge/resolver';
import { getAppStatus } from './app/appStatus';
import { startAnalysis } from './app/analyse';
import { saveConnection, testConnection } from './app/connect';
import { lookupDirectory, searchGroups, searchUsers } from './app/directorySearch';
import { buildEngine } from './app/engine';
import { exportIdpHandoff } from './app/idpHandoff';
import { HEARTBEAT_JOB, recordQueueCheck, recordScheduledRun } from './app/heartbeat';
import {
  applyAuditRetention,
  exportAudit,
  getAuditRetention,
  getRun,
  getRunAudit,
  getRunItems,
  listRuns,
  searchAudit,
  setAuditRetention,
} from './app/history';
import {
  getNotificationSettings,
  previewNotification,
  saveNotificationSettings,
  searchProjects,
} from './app/notifications';
import { getOverview, saveOverviewSettings } from './app/overview';
import { getJob, getPreview, getPreviewDecisions } from './app/previewQueries';
import { saveProtections } from './app/protections';
import { deleteRule, listRules, saveRule, setRuleEnabled } from './app/rules';
import { countRule } from './app/ruleCounts';
import { requestRun } from './app/run';
import { cancelRun } from './app/runRecovery';
import { runDueRules } from './app/scheduler';
import { describeUndo, requestUndo } from './app/undo';
import { actOnPendingNow, cancelPending, extendPending, listPending } from './app/warningsPending';
import { adminOnly } from './edge/adminOnly';
import { isJobStepEvent } from './jobs/events';
import {
  forgeQueue,
  forgeStore,
  jiraAsApp,
  jiraAsUser,
  orgApiTransport,
  systemClock,
} from './platform/forge';
import { egressBudgetFor, FORGE_LIMITS } from './platform/forgeLimits';

/** `timeoutSeconds` of the `scheduled` and `jobs` functions in manifest.yml; resolvers have Forge's 25 s. */
export const FUNCTION_TIMEOUT_SECONDS = { resolver: FORGE_LIMITS.invocation.resolverSeconds, jobs: 900 };

/** The use cases for one invocation; its egress budget is that of the function it runs in. */
const engine = (fn: keyof typeof FUNCTION_TIMEOUT_SECONDS = 'resolver') =>
  buildEngine({
    store: forgeStore,
    queue: forgeQueue(),
    clock: systemClock,
    jira: jiraAsApp,
    orgApi: orgApiTransport,
    appAccountId: null,
    egressBudget: egressBudgetFor(FUNCTION_TIMEOUT_SECONDS[fn]),
  });

const page = new Resolver();
const define = <T>(
  key: string,
  run: (engine: ReturnType<typeof buildEngine>, payload: unknown, accountId: string) => Promise<T>,
) =>
  page.define(
    key,
    adminOnly(({ payload, accountId }) => run(engine(), payload, accountId), jiraAsUser),
  );

define('getAppStatus', (e) => getAppStatus(e));
define('getOverview', (e, payload) => getOverview(e, payload));
define('saveOverviewSettings', (e, payload) => saveOverviewSettings(e, payload));
define('getSettings', async (e) => ({
  connection: await e.settings.getConnection(),
  protections: await e.settings.getProtections(),
}));
define('saveConnection', (e, payload, by) => saveConnection(e, payload, by));
define('testConnection', (e) => testConnection(e));
define('saveProtections', (e, payload, by) => saveProtections(e, payload, by));
define('listRules', (e) => listRules(e));
define('saveRule', (e, payload, by) => saveRule(e, payload, by));
define('setRuleEnabled', (e, payload, by) => setRuleEnabled(e, payload, by));
define('deleteRule', (e, payload) => deleteRule(e, payload));
define('countRule', (e, payload) => countRule(e, payload));
define('searchGroups', (e, payload) => searchGroups(e, payload));
define('searchUsers', (e, payload) => searchUsers(e, payload));
define('lookupDirectory', (e, payload) => lookupDirectory(e, payload));
define('startAnalysis', (e, payload, by) => startAnalysis(e, payload, by));
define('getJob', (e, payload) => getJob(e, payload));
define('getPreview', (e, payload) => getPreview(e, payload));
define('getPreviewDecisions', (e, payload) => getPreviewDecisions(e, payload));
define('requestRun', (e, payload, by) => requestRun(e, payload, by));
define('cancelRun', (e, payload, by) => cancelRun(e, payload, by));
define('listRuns', (e, payload) => listRuns(e, payload));
define('getRun', (e, payload) => getRun(e, payload));
define('getRunItems', (e, payload) => getRunItems(e, payload));
define('getRunAudit', (e, payload) => getRunAudit(e, payload));
define('getAuditRetention', (e) => getAuditRetention(e));
define('searchAudit', (e, payload) => searchAudit(e, payload));
define('exportAudit', (e, payload) => exportAudit(e, payload));
define('setAuditRetention', (e, payload, by) => setAuditRetention(e, payload, by));
define('exportIdpHandoff', (e, payload) => exportIdpHandoff(e, payload));
define('requestUndo', (e, payload, by) => requestUndo(e, payload, by));
define('describeUndo', (e, payload) => describeUndo(e, payload));
define('getNotificationSettings', (e) => getNotificationSettings(e));
define('saveNotificationSettings', (e, payload, by) => saveNotificationSettings(e, payload, by));
define('previewNotification', async (e, payload) => previewNotification(e, payload));
define('searchProjects', (e, payload) => searchProjects(e, payload));
define('listPending', (e, payload) => listPending(e, payload));
define('extendPending', (e, payload, by) => extendPending(e, payload, by));
define('cancelPending', (e, payload, by) => cancelPending(e, payload, by));
define('actOnPendingNow', (e, payload, by) => actOnPendingNow(e, payload, by));
export const resolver = page.getDefinitions();

export async function scheduled(): Promise<void> {
  const e = engine('jobs');
  await recordScheduledRun({ store: forgeStore, queue: e.platform.queue, clock: systemClock });
  await runDueRules(e);
  await applyAuditRetention(e);
}

export async function jobs(event: AsyncEvent): Promise<void> {
  if (isJobStepEvent(event.body)) {
    await engine('jobs').jobs.handle(event);
    return;
  }
  if (event.body.kind !== HEARTBEAT_JOB) {
    console.warn(`job queue: ignoring an event of unknown kind ${JSON.stringify(event.body.kind)}`);
    return;
  }
  await recordQueueCheck({ store: forgeStore, clock: systemClock });
}
