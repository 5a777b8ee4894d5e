import type { RunningSandbox } from '../../sandbox/start';
import type { RunItem } from '../../src/store/runRecord';
import { appClient } from '../support/appClient';
import { inactivity, ruleInput, scope } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 500, seed: 21 });
  app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();
  await app.analyse();
});
afterAll(async () => {
  await sandbox.close();
});

function rule(overrides: Record<string, unknown>) {
  return ruleInput({ name: 'Idle Jira users', inactivity: inactivity({ days: 180 }), ...overrides });
}

async function control(method: string, path: string, body: unknown) {
  await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

it('starts a due live rule from the hourly schedule, and only once when the trigger fires twice', async () => {
  const saved = await app.data<{ rule: { id: string; nextRunAt: string } }>('saveRule', {
    rule: rule({ schedule: { frequency: 'daily', hourUtc: 11 } }),
  });
  expect(saved.rule.nextRunAt).toBe('2026-11-22T11:00:00.000Z');

  await control('POST', '/__sandbox/clock', { now: '2026-11-22T11:30:00Z' });
  await fetch(`${sandbox.url}/__sandbox/triggers/cleanup-schedule/fire`, { method: 'POST' });
  await fetch(`${sandbox.url}/__sandbox/triggers/cleanup-schedule/fire`, { method: 'POST' });
  await app.settle();

  const runs = await app.data<{
    runs: Array<{ trigger: string; state: string; ruleIds: string[]; counts: { succeeded: number } }>;
  }>('listRuns', {});
  const scheduled = runs.runs.filter((r) => r.trigger === 'schedule' && r.ruleIds.includes(saved.rule.id));
  expect(scheduled).toHaveLength(1);
  expect(scheduled[0]!.state).toBe('completed');
  expect(scheduled[0]!.counts.succeeded).toBeGreaterThan(25);
  // Acting on that many users takes more Organizations API calls than Forge allows an invocation per minute:
  // the run paced itself across invocations instead of being refused.
  expect(sandbox.host.invocationStats().byFunction.jobs?.errors ?? 0).toBe(0);
  await app.data('setRuleEnabled', { id: saved.rule.id, enabled: false });
});

it('lists the users of a scheduled run by name', async () => {
  const runs = await app.data<{ runs: Array<{ id: string; trigger: string }> }>('listRuns', {});
  const scheduled = runs.runs.find((r) => r.trigger === 'schedule')!;

  const page = await app.data<{ items: Array<{ accountId: string; userName: string | null }> }>(
    'getRunItems',
    { runId: scheduled.id, limit: 200 },
  );

  expect(page.items.length).toBeGreaterThan(25);
  for (const item of page.items) expect(item.userName).toBe(sandbox.ctx.org.user(item.accountId)!.name);
});

it("records in a scheduled run's plan each user's billable seats, every one freed by the suspension", async () => {
  const runs = await app.data<{ runs: Array<{ id: string; trigger: string }> }>('listRuns', {});
  const scheduled = runs.runs.find((r) => r.trigger === 'schedule')!;
  const org = sandbox.ctx.org;
  const jira = org.product('jira-software')!;

  const { items } = await app.data<{ items: RunItem[] }>('getRunItems', { runId: scheduled.id, limit: 200 });

  expect(items.some((item) => (item.seats ?? []).length > 0)).toBe(true);
  for (const item of items) {
    // Planned before the run suspended them; suspension leaves their roles, so Jira's billable role is still there.
    const jiraRole = org
      .roleAssignments(item.accountId)
      .some(
        (r) => r.resourceId === jira.resourceId && ['atlassian/user', 'atlassian/admin'].includes(r.roleId),
      );
    expect(item.seats!.some((seat) => seat.productKey === 'jira-software')).toBe(jiraRole);
    for (const seat of item.seats!) expect(seat.after).toBe('freed');
  }
});

it('stops a scheduled run over its limit before changing anything, and says so', async () => {
  const saved = await app.data<{ rule: { id: string } }>('saveRule', {
    rule: rule({
      inactivity: inactivity({ product: 'confluence', days: 30 }),
      schedule: { frequency: 'daily', hourUtc: 13 },
      limits: { maxUsersPerRun: 2, maxPercentOfScope: 100 },
    }),
  });
  const suspendedBefore = sandbox.ctx.org.users.filter((u) => u.membershipStatus === 'suspended').length;

  await control('POST', '/__sandbox/clock', { now: '2026-11-22T13:30:00Z' });
  await fetch(`${sandbox.url}/__sandbox/triggers/cleanup-schedule/fire`, { method: 'POST' });
  await app.settle();

  const runs = await app.data<{ runs: Array<{ state: string; ruleIds: string[]; message: string }> }>(
    'listRuns',
    {},
  );
  const run = runs.runs.find((r) => r.ruleIds.includes(saved.rule.id))!;
  expect(run.state).toBe('stopped-at-limit');
  expect(run.message).toMatch(/Nothing was changed\..*limit of 2 per run/);
  expect(sandbox.ctx.org.users.filter((u) => u.membershipStatus === 'suspended').length).toBe(
    suspendedBefore,
  );
  await app.data('setRuleEnabled', { id: saved.rule.id, enabled: false });
});

it('hands removals from groups synced from an identity provider to a file instead of changing them', async () => {
  const synced = sandbox.ctx.org.groupByName('entra-engineering')!;
  const saved = await app.data<{ rule: { id: string } }>('saveRule', {
    rule: rule({
      scope: scope({ includeGroupIds: [synced.id], accountKinds: ['staff'] }),
      inactivity: inactivity({ days: 60 }),
      actions: [{ kind: 'remove-from-groups', groupIds: [synced.id] }],
    }),
  });
  await app.analyse();
  const preview = await app.data<{ id: string }>('getPreview', {});
  const membersBefore = sandbox.ctx.org.memberCount(synced.id);

  const run = await app.data<{ id: string }>('requestRun', {
    previewId: preview.id,
    ruleId: saved.rule.id,
    confirm: true,
  });
  await app.settle();
  const file = await app.data<{ content: string; rows: number }>('exportIdpHandoff', { runId: run.id });

  expect(file.rows).toBeGreaterThan(0);
  expect(file.content.split('\r\n')[0]).toBe('group,groupId,accountId,name,email,action,reason');
  expect(file.content).toContain('entra-engineering');
  expect(sandbox.ctx.org.memberCount(synced.id)).toBe(membersBefore);
});

it('refuses to act for a preview-only rule', async () => {
  const saved = await app.data<{ rule: { id: string } }>('saveRule', { rule: rule({ mode: 'preview' }) });
  await app.analyse();
  const preview = await app.data<{ id: string }>('getPreview', {});

  const result = await app.call('requestRun', {
    previewId: preview.id,
    ruleId: saved.rule.id,
    confirm: true,
  });

  expect(result).toEqual({
    ok: false,
    error: expect.objectContaining({
      code: 'invalid-input',
      message: expect.stringMatching(/preview-only mode/),
    }),
  });
});

describe('test connection', () => {
  async function testWithKey(key: string) {
    await app.connect(key);
    return app.data<{ ok: boolean; summary: string }>('testConnection');
  }
  const keys = async () =>
    (
      (await (await fetch(`${sandbox.url}/__sandbox/info`)).json()) as {
        orgApiKeys: { scoped: string; otherOrg: string };
      }
    ).orgApiKeys;

  afterAll(async () => {
    await app.connect();
    await app.enableOrgScope();
  });

  it('explains that a scoped key must be replaced by a key without scopes', async () => {
    const result = await testWithKey((await keys()).scoped);
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/scoped key: create an API key without scopes/);
  });

  it('explains that a key of another organization does not manage this one', async () => {
    const result = await testWithKey((await keys()).otherOrg);
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/does not belong to organization/);
  });
});
