import type { Decision } from '../../src/domain/decision';
import type { PendingUser } from '../../src/domain/warning';
import type { JobStatus } from '../../src/jobs/types';
import type { SentEmail } from '../../sandbox/jira';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { ruleInput, scope } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;
let ruleId: string;

const DAY_MS = 86_400_000;
const WARNING_DAYS = 14;

interface RunView {
  id: string;
  state: string;
  message: string | null;
  counts: { succeeded: number; skipped: number; failed: number };
}
interface AuditPage {
  entries: Array<{ accountId: string; action: string; state: string; reason: string; error: string | null }>;
}

const settingsInput = (overrides: Record<string, unknown> = {}) => ({
  projectKey: 'ENG',
  subjectTemplate: 'Your {product} access will be removed on {dueDate}',
  bodyTemplate: 'Hello {name}, you were last active on {lastActiveDate}. Open {issueLink} before {dueDate}.',
  adminContact: 'it-help@example.com',
  digest: { groupIds: [], accountIds: [sandbox.ctx.adminAccountId] },
  ...overrides,
});

async function outbox(): Promise<SentEmail[]> {
  return ((await (await fetch(`${sandbox.url}/__sandbox/outbox`)).json()) as { emails: SentEmail[] }).emails;
}

/** Analyses the rules; `refresh` takes a new snapshot (a scan) even when the last one is fresh. */
async function analyse(refresh = false): Promise<string> {
  const job = await app.analyse(refresh ? { refresh: true } : {});
  expect((await app.data<JobStatus>('getJob', { jobId: job.id })).state).toBe('completed');
  return (await app.data<{ id: string }>('getPreview', {})).id;
}

async function selected(previewId: string, offset: number, limit: number): Promise<string[]> {
  const page = await app.data<{ items: Decision[] }>('getPreviewDecisions', {
    previewId,
    ruleId,
    outcome: 'selected',
    offset,
    limit,
  });
  return page.items.map((d) => d.accountId);
}

async function runOn(previewId: string, accountIds: string[]): Promise<RunView> {
  const run = await app.data<{ id: string }>('requestRun', { previewId, ruleId, accountIds, confirm: true });
  await app.settle();
  return app.data<RunView>('getRun', { runId: run.id });
}

async function pendingOf(accountIds: string[]): Promise<PendingUser[]> {
  const page = await app.data<{ items: PendingUser[] }>('listPending', { ruleId, limit: 100 });
  return page.items.filter((p) => accountIds.includes(p.accountId));
}

async function useJira(accountId: string): Promise<void> {
  await fetch(`${sandbox.url}/__sandbox/activity`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ accountId, product: 'jira-software' }),
  });
}

const warningRule = () =>
  ruleInput({
    scope: scope({ includeGroupIds: [sandbox.ctx.org.groupByName('jira-software-users')!.id] }),
    warning: { days: WARNING_DAYS },
  });

const membership = (id: string) => sandbox.ctx.org.user(id)!.membershipStatus;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 600, seed: 11 });
  app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();
  await analyse();
});
afterAll(async () => {
  await sandbox.close();
});

describe('notification settings', () => {
  it('refuses a live rule with a warning period before notification settings are saved, naming the field', async () => {
    const result = await app.data<{ saved: boolean; errors: Array<{ field: string; message: string }> }>(
      'saveRule',
      { rule: warningRule() },
    );

    expect(result.saved).toBe(false);
    expect(result.errors).toEqual([
      { field: 'warning', message: expect.stringContaining('set up Notifications') },
    ]);
    expect(await app.data<unknown[]>('listRules')).toEqual([]);
  });

  it('refuses a body template without {dueDate}, naming the field and the placeholder', async () => {
    const result = await app.data<{ saved: boolean; errors: Array<{ field: string; message: string }> }>(
      'saveNotificationSettings',
      settingsInput({ bodyTemplate: 'Hello {name}, open {issueLink}.' }),
    );
    expect(result.saved).toBe(false);
    expect(result.errors).toEqual([
      { field: 'bodyTemplate', message: expect.stringContaining('must contain {dueDate}') },
    ]);
  });

  it('refuses an unknown placeholder, naming it', async () => {
    const result = await app.data<{ saved: boolean; errors: Array<{ field: string; message: string }> }>(
      'saveNotificationSettings',
      settingsInput({ subjectTemplate: 'Access for {manager}' }),
    );
    expect(result.errors).toEqual([
      { field: 'subjectTemplate', message: expect.stringContaining('unknown placeholder {manager}') },
    ]);
  });

  it('refuses a project the site does not have', async () => {
    const result = await app.data<{ saved: boolean; errors: Array<{ field: string }> }>(
      'saveNotificationSettings',
      settingsInput({ projectKey: 'NOPE' }),
    );
    expect(result.errors.map((e) => e.field)).toEqual(['projectKey']);
  });

  it('lists the projects the admin can choose from', async () => {
    const page = await app.data<{ projects: Array<{ key: string }> }>('searchProjects', { query: 'eng' });
    expect(page.projects.map((p) => p.key)).toEqual(['ENG']);
  });

  it('previews the templates for a sample user with every placeholder filled', async () => {
    const { subjectTemplate, bodyTemplate, adminContact } = settingsInput();
    const preview = await app.data<{ ok: true; message: { subject: string; textBody: string } }>(
      'previewNotification',
      { subjectTemplate, bodyTemplate, adminContact },
    );
    expect(preview.message.subject).toMatch(/^Your Jira access will be removed on \d{4}-\d{2}-\d{2}$/);
    expect(preview.message.textBody).not.toMatch(/\{\w+\}/);
  });

  it('saves valid settings with the project resolved', async () => {
    const result = await app.data<{ saved: boolean; settings: { projectKey: string; projectId: string } }>(
      'saveNotificationSettings',
      settingsInput(),
    );
    expect(result).toMatchObject({ saved: true, settings: { projectKey: 'ENG', projectId: '10000' } });
  });

  it('accepts a live rule with a warning period once notification settings are saved', async () => {
    const saved = await app.data<{ saved: boolean; rule: { id: string } }>('saveRule', {
      rule: warningRule(),
    });

    expect(saved.saved).toBe(true);
    ruleId = saved.rule.id;
  });
});

describe('warn, then act only after the period', () => {
  let previewId: string;
  let warned: string[];
  let warnRunId: string;

  it('warns the users a run selects instead of acting, and e-mails each through Jira', async () => {
    previewId = await analyse();
    warned = await selected(previewId, 0, 3);

    const run = await runOn(previewId, warned);
    warnRunId = run.id;

    expect(run.state).toBe('completed');
    expect(run.message).toMatch(/0 acted on.* 3 warned/);
    for (const id of warned) expect(membership(id)).toBe('active');
    const pending = await pendingOf(warned);
    const now = sandbox.ctx.clock.now();
    expect(pending).toHaveLength(3);
    for (const p of pending) {
      expect(p.notifiedAt).not.toBeNull();
      expect(Date.parse(p.dueAt)).toBeGreaterThan(now + (WARNING_DAYS - 1) * DAY_MS);
    }
    const emails = (await outbox()).filter((e) => warned.some((id) => e.to.includes(id)));
    expect(emails.map((e) => e.to).sort()).toEqual(warned.map((id) => [id]).sort());
    const due = pending[0]!.dueAt.slice(0, 10);
    expect(emails[0]!.subject).toBe(`Your Jira access will be removed on ${due}`);
    expect(emails[0]!.textBody).toContain(`/browse/${pending[0]!.issueKey}`);
    const audit = await app.data<AuditPage>('searchAudit', { action: 'warn' });
    expect(
      audit.entries
        .filter((e) => e.state === 'succeeded')
        .map((e) => e.accountId)
        .sort(),
    ).toEqual([...warned].sort());
  });

  it('files one Jira issue for the batch', async () => {
    const keys = new Set((await pendingOf(warned)).map((p) => p.issueKey));
    expect(keys.size).toBe(1);
  });

  it('lists the users a run warned as warned in its items, not as skipped', async () => {
    const page = await app.data<{
      items: Array<{ accountId: string; state: string; message: string | null }>;
    }>('getRunItems', { runId: warnRunId });

    expect(page.items.map((i) => [i.accountId, i.state]).sort()).toEqual(
      warned.map((id) => [id, 'warned']).sort(),
    );
    expect(page.items.every((i) => i.message?.startsWith('Warned: acted on from '))).toBe(true);
  });

  it('shows warned users as pending in a new analysis, with their dates, not as selected', async () => {
    const next = await analyse();
    const page = await app.data<{ items: Decision[] }>('getPreviewDecisions', {
      previewId: next,
      ruleId,
      search: sandbox.ctx.org.user(warned[0]!)!.name,
      offset: 0,
      limit: 10,
    });

    const row = page.items.find((d) => d.accountId === warned[0]);
    expect(row?.outcome).toBe('excluded');
    expect(row?.explanation).toMatch(
      /^Pending: warned on \d{4}-\d{2}-\d{2}, acted on \d{4}-\d{2}-\d{2} if still inactive/,
    );
    expect(await selected(next, 0, 500)).not.toEqual(expect.arrayContaining([warned[0]]));
  });

  it('does not act on warned users before their period is over', async () => {
    const run = await runOn(previewId, warned);

    expect(run.counts.succeeded).toBe(0);
    expect(run.message).toMatch(/3 still in their warning period/);
    for (const id of warned) expect(membership(id)).toBe('active');
  });

  it('cancels the warning of a user who follows the e-mail link, at the next scan, and audits it', async () => {
    const returning = warned[0]!;
    const email = (await outbox()).find((e) => e.to.includes(returning))!;
    const opened = await fetch(`${sandbox.url}/__sandbox/outbox/${email.id}/open`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accountId: returning }),
    });
    expect(opened.status).toBe(200);

    await analyse(true);

    expect(await pendingOf([returning])).toEqual([]);
    const audit = await app.data<AuditPage>('searchAudit', {
      accountId: returning,
      action: 'warning:cancelled',
    });
    expect(audit.entries).toEqual([expect.objectContaining({ state: 'succeeded' })]);
  });

  it('acts on users still away once the period is over, and cancels one who came back just before', async () => {
    const [, cameBack, stayedAway] = warned as [string, string, string];
    await fetch(`${sandbox.url}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceDays: WARNING_DAYS + 1 }),
    });
    previewId = await analyse();
    await useJira(cameBack);

    const run = await runOn(previewId, [cameBack, stayedAway]);

    expect(run.counts).toMatchObject({ succeeded: 1, skipped: 1 });
    expect(membership(stayedAway)).toBe('suspended');
    expect(membership(cameBack)).toBe('active');
    const audit = await app.data<AuditPage>('searchAudit', { runId: run.id });
    const actions = audit.entries.map((e) => `${e.accountId} ${e.action}`).sort();
    expect(actions).toEqual(
      [
        `${cameBack} recheck`,
        `${cameBack} warning:cancelled`,
        `${stayedAway} suspend`,
        `${stayedAway} warning:acted`,
      ].sort(),
    );
    expect(await pendingOf([cameBack, stayedAway])).toEqual([]);
  });

  it('e-mails the admin digest after the run: what was done, pending and failed', async () => {
    const digest = (await outbox()).filter((e) => e.to.includes(sandbox.ctx.adminAccountId)).at(-1)!;
    expect(digest.subject).toMatch(/1 acted on, \d+ pending, 0 failed/);
    expect(digest.textBody).toContain('Acted on: 1');
  });
});

describe('extend, cancel and act now', () => {
  let users: [string, string, string];
  let actNowRunId: string;

  beforeAll(async () => {
    const previewId = await analyse();
    const page = await selected(previewId, 10, 3);
    users = page as [string, string, string];
    await runOn(previewId, users);
  });

  it('extends a warning period by the days asked, audited', async () => {
    const [before] = await pendingOf([users[0]]);

    await app.data('extendPending', { ruleId, accountIds: [users[0]], days: 7 });

    const [after] = await pendingOf([users[0]]);
    expect(Date.parse(after!.dueAt) - Date.parse(before!.dueAt)).toBe(7 * DAY_MS);
    const audit = await app.data<AuditPage>('searchAudit', {
      accountId: users[0],
      action: 'warning:extended',
    });
    expect(audit.entries).toHaveLength(1);
  });

  it('cancels a warning: the user leaves the pending list and nothing is done to them', async () => {
    await app.data('cancelPending', { ruleId, accountIds: [users[1]] });

    expect(await pendingOf([users[1]])).toEqual([]);
    expect(membership(users[1])).toBe('active');
  });

  it('refuses to act now without confirm, naming the field', async () => {
    const result = await app.call('actOnPendingNow', { ruleId, accountIds: [users[2]] });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ field: 'confirm' }) });
  });

  it('refuses to act now on more users than the rule allows as a share of its scope', async () => {
    const tightLimits = { maxUsersPerRun: 1000, maxPercentOfScope: 0.1 };
    await app.data('saveRule', { id: ruleId, rule: { ...warningRule(), limits: tightLimits } });

    const result = await app.call('actOnPendingNow', { ruleId, accountIds: [users[0]], confirm: true });
    await app.data('saveRule', { id: ruleId, rule: warningRule() });

    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        field: 'accountIds',
        message: expect.stringMatching(/^Nothing was changed\..*above the limit of 0\.1%/),
      }),
    });
    expect(await pendingOf([users[0]])).toHaveLength(1);
    expect(membership(users[0])).toBe('active');
  });

  it('acts now on a pending user, before the period ends, in a run of its own', async () => {
    const run = await app.data<{ id: string }>('actOnPendingNow', {
      ruleId,
      accountIds: [users[2]],
      confirm: true,
    });
    actNowRunId = run.id;
    await app.settle();

    expect((await app.data<RunView>('getRun', { runId: run.id })).counts.succeeded).toBe(1);
    expect(membership(users[2])).toBe('suspended');
  });

  it('lists the user of an act-now run by name', async () => {
    const page = await app.data<{ items: Array<{ accountId: string; userName: string | null }> }>(
      'getRunItems',
      { runId: actNowRunId },
    );

    expect(page.items).toEqual([
      expect.objectContaining({ accountId: users[2], userName: sandbox.ctx.org.user(users[2])!.name }),
    ]);
  });

  it('refuses to extend a user who is not pending, naming them', async () => {
    const result = await app.call('extendPending', { ruleId, accountIds: [users[1]], days: 3 });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ field: 'accountIds', message: expect.stringContaining(users[1]) }),
    });
  });
});
