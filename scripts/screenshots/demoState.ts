import type { RunningSandbox } from '../../sandbox/start';
import type { Decision } from '../../src/domain/decision';
import type { JobStatus } from '../../src/jobs/types';
import type { appClient } from '../../test/support/appClient';

type AppClient = ReturnType<typeof appClient>;

/** What the screens show once the demo state is in place, for the screenshots to wait for and to name. */
export interface DemoState {
  ruleNames: { previewOnly: string; live: string; warning: string };
  /** Users the warning rule's run put in Pending. */
  pendingUsers: number;
}

const RULE_NAMES = {
  previewOnly: 'Jira Software idle 90 days',
  live: 'Contractors idle 60 days',
  warning: 'Warn, then suspend idle Confluence users',
} as const;

/**
 * A realistic state behind every screen, made through the resolvers as the page would: a scan, three rules (one
 * preview-only, one live, one live with a warning period), notification settings, an analysis, an admin run of six
 * contractors with one of them undone, and a run of the warning rule that leaves users pending.
 */
export async function prepareDemoState(sandbox: RunningSandbox, app: AppClient): Promise<DemoState> {
  await analyse(app);
  // Two of the rules suspend, which reaches every product of the organization: an org admin allows it first.
  await app.enableOrgScope();
  const group = (name: string) => {
    const found = sandbox.ctx.org.groupByName(name);
    if (!found) throw new Error(`The generated org has no group ${name}`);
    return found.id;
  };

  await saveRule(app, {
    name: RULE_NAMES.previewOnly,
    mode: 'preview',
    scope: scope([group('jira-software-users')]),
    inactivity: inactivity('jira-software', 90),
    actions: [{ kind: 'suspend' }],
    schedule: { frequency: 'daily', hourUtc: 2 },
    limits: { maxUsersPerRun: 500, maxPercentOfScope: 25 },
  });
  const live = await saveRule(app, {
    name: RULE_NAMES.live,
    mode: 'live',
    scope: scope([group('contractors')]),
    inactivity: inactivity('any', 60),
    actions: [{ kind: 'suspend' }],
    schedule: { frequency: 'weekly', weekday: 1, hourUtc: 3 },
    limits: { maxUsersPerRun: 100, maxPercentOfScope: 25 },
  });
  await saveNotificationSettings(sandbox, app);
  const warning = await saveRule(app, {
    name: RULE_NAMES.warning,
    mode: 'live',
    scope: scope([group('confluence-users')]),
    inactivity: inactivity('confluence', 180),
    actions: [{ kind: 'suspend' }],
    schedule: { frequency: 'monthly', dayOfMonth: 1, hourUtc: 4 },
    limits: { maxUsersPerRun: 200, maxPercentOfScope: 20 },
    warning: { days: 14 },
  });

  const previewId = await analyse(app);
  const contractors = await selectedUsers(app, previewId, live, 6);
  const run = await runAndSettle(app, { previewId, ruleId: live, accountIds: contractors, confirm: true });
  await app.data('requestUndo', { runId: run, accountIds: contractors.slice(0, 1), confirm: true });
  await app.settle();

  const warned = await selectedUsers(app, previewId, warning, 12);
  await runAndSettle(app, { previewId, ruleId: warning, accountIds: warned, confirm: true });
  const pendingUsers = (await app.data<{ total: number }>('listPending', {})).total;
  return { ruleNames: RULE_NAMES, pendingUsers };
}

function scope(includeGroupIds: string[]) {
  return {
    includeGroupIds,
    excludeGroupIds: [],
    excludeAccountIds: [],
    includeEmailDomains: [],
    excludeEmailDomains: [],
    accountKinds: ['staff', 'external'],
  };
}

function inactivity(product: string, days: number) {
  return { product, days, includeNeverActive: false, graceDays: 30, includeInvitedNeverJoined: false };
}

/** Runs an analysis (scanning first when there is no fresh scan) and answers the preview's id. */
async function analyse(app: AppClient): Promise<string> {
  const job = await app.data<JobStatus>('startAnalysis', {});
  await app.settle();
  const done = await app.data<JobStatus>('getJob', { jobId: job.id });
  if (done.state !== 'completed') throw new Error(`The analysis ended ${done.state}: ${done.error}`);
  return (await app.data<{ id: string }>('getPreview', {})).id;
}

async function saveRule(app: AppClient, rule: Record<string, unknown>): Promise<string> {
  const answer = await app.data<
    | { saved: true; rule: { id: string } }
    | { saved: false; errors: Array<{ field: string; message: string }> }
  >('saveRule', { rule: { enabled: true, ...rule } });
  if (!answer.saved) {
    const problems = answer.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new Error(`Rule "${String(rule.name)}" was refused: ${problems}`);
  }
  return answer.rule.id;
}

async function saveNotificationSettings(sandbox: RunningSandbox, app: AppClient): Promise<void> {
  const defaults = await app.data<{ subjectTemplate: string; bodyTemplate: string }>(
    'getNotificationSettings',
  );
  const answer = await app.data<{ saved: boolean }>('saveNotificationSettings', {
    projectKey: 'ITS',
    subjectTemplate: defaults.subjectTemplate,
    bodyTemplate: defaults.bodyTemplate,
    adminContact: 'it-help@example.com',
    digest: { groupIds: [], accountIds: [sandbox.ctx.adminAccountId] },
  });
  if (!answer.saved) throw new Error('The notification settings were refused');
}

async function selectedUsers(app: AppClient, previewId: string, ruleId: string, limit: number) {
  const page = await app.data<{ items: Decision[] }>('getPreviewDecisions', {
    previewId,
    ruleId,
    outcome: 'selected',
    limit,
  });
  return page.items.map((d) => d.accountId);
}

async function runAndSettle(app: AppClient, request: Record<string, unknown>): Promise<string> {
  const run = await app.data<{ id: string }>('requestRun', request);
  await app.settle();
  return run.id;
}
