import type { Decision } from '../../src/domain/decision';
import type { JobStatus } from '../../src/jobs/types';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient, startSandboxApp, type AppClient } from '../support/appClient';
import { ruleInput, scope } from '../support/ruleInput';

let sandbox: RunningSandbox;
let app: AppClient;

beforeAll(async () => {
  ({ sandbox, app } = await startSandboxApp({ users: 600, seed: 7 }));
});
afterAll(() => sandbox.close());

const ruleFor = (groupId: string) => ruleInput({ scope: scope({ includeGroupIds: [groupId] }) });

async function analyse(): Promise<{ previewId: string }> {
  const job = await app.analyse();
  const done = await app.data<JobStatus>('getJob', { jobId: job.id });
  expect(done.state).toBe('completed');
  return { previewId: (await app.data<{ id: string }>('getPreview', {})).id };
}

describe('connect', () => {
  it('refuses to save a connection without a key the first time, naming the field', async () => {
    const result = await app.call('saveConnection', { orgId: sandbox.ctx.org.identity.orgId });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid-input', field: 'apiKey' }),
    });
  });

  it('explains an expired key in words an admin can act on', async () => {
    const keys = (await (await fetch(`${sandbox.url}/__sandbox/info`)).json()) as {
      orgApiKeys: { expired: string };
    };
    await app.connect(keys.orgApiKeys.expired);
    const test = await app.data<{ ok: boolean; summary: string }>('testConnection');
    expect(test.ok).toBe(false);
    expect(test.summary).toMatch(/rejected: it is wrong, revoked or expired/);
  });

  it('proves a valid key works, lists the directories and never returns the key', async () => {
    await app.connectWithOrgScope();
    const test = await app.data<{ ok: boolean; directories: Array<{ id: string }> }>('testConnection');
    const settings = await app.data<unknown>('getSettings');

    expect(test.ok).toBe(true);
    expect(test.directories.map((d) => d.id)).toContain(sandbox.ctx.org.identity.directory.directoryId);
    expect(JSON.stringify(settings)).not.toContain(sandbox.ctx.credentials.orgApiKey);
  });
});

describe('scan, rules, preview, run and undo', () => {
  let previewId: string;
  let ruleId: string;

  it('scans the whole directory in N / page-size Organizations API calls', async () => {
    sandbox.traffic.stats.reset();
    await analyse();
    const requests = sandbox.traffic.stats.snapshot().requests;
    const searches = Object.entries(requests).find(([k]) => k.endsWith('/users/search'))?.[1];
    expect(searches).toBe(Math.ceil(sandbox.ctx.org.users.length / 100));
  });

  it('rejects a rule naming a group that does not exist, and saves nothing', async () => {
    const result = await app.data<{ saved: boolean; errors: Array<{ field: string; message: string }> }>(
      'saveRule',
      {
        rule: ruleFor('no-such-group'),
      },
    );
    expect(result.saved).toBe(false);
    expect(result.errors.map((e) => e.field)).toContain('scope.includeGroupIds[0]');
    expect(await app.data<unknown[]>('listRules')).toEqual([]);
  });

  it('saves a valid rule and shows when it runs next', async () => {
    const group = sandbox.ctx.org.groupByName('jira-software-users')!;
    const result = await app.data<{ saved: true; rule: { id: string; nextRunAt: string | null } }>(
      'saveRule',
      {
        rule: ruleFor(group.id),
      },
    );
    expect(result.saved).toBe(true);
    ruleId = result.rule.id;
  });

  it('previews who the rule selects, each with the reason in words and data', async () => {
    ({ previewId } = await analyse());
    const page = await app.data<{ total: number; items: Decision[] }>('getPreviewDecisions', {
      previewId,
      ruleId,
      outcome: 'selected',
      limit: 5,
    });
    expect(page.total).toBeGreaterThan(0);
    const first = page.items[0]!;
    expect(first.reasons[0]).toEqual(expect.objectContaining({ code: 'inactive', thresholdDays: 90 }));
    expect(first.explanation).toMatch(/days ago/);
  });

  it('never selects the org and site admins, and says why', async () => {
    const admins = sandbox.ctx.org.users.filter((u) => u.platformRoles.length > 0).map((u) => u.accountId);
    const page = await app.data<{ items: Decision[] }>('getPreviewDecisions', {
      previewId,
      ruleId,
      outcome: 'selected',
      limit: 500,
    });
    expect(page.items.map((d) => d.accountId).filter((id) => admins.includes(id))).toEqual([]);
  });

  it('acts on a chosen subset as one run, verified in the org, with every action audited', async () => {
    const page = await app.data<{ items: Decision[] }>('getPreviewDecisions', {
      previewId,
      ruleId,
      outcome: 'selected',
      limit: 3,
    });
    const chosen = page.items.map((d) => d.accountId);
    sandbox.traffic.stats.reset();

    const run = await app.data<{ id: string }>('requestRun', {
      previewId,
      ruleId,
      accountIds: chosen,
      confirm: true,
    });
    await app.settle();

    const details = await app.data<{ state: string; counts: { succeeded: number } }>('getRun', {
      runId: run.id,
    });
    expect(details.state).toBe('completed');
    expect(details.counts.succeeded).toBe(3);
    for (const id of chosen) expect(sandbox.ctx.org.user(id)!.membershipStatus).toBe('suspended');
    // One read re-checks the whole batch before acting and one verifies it after: no per-user reads.
    const requests = Object.entries(sandbox.traffic.stats.snapshot().requests);
    expect(requests.find(([k]) => k.endsWith('/users/search'))?.[1]).toBe(2);
    expect(requests.find(([k]) => k.endsWith('/suspend'))?.[1]).toBe(3);
    const audit = await app.data<{ entries: Array<{ accountId: string; action: string; state: string }> }>(
      'searchAudit',
      {
        runId: run.id,
      },
    );
    expect(
      audit.entries
        .filter((e) => e.action === 'suspend' && e.state === 'succeeded')
        .map((e) => e.accountId)
        .sort(),
    ).toEqual([...chosen].sort());
  });

  it('lists the users of a run started from a preview by name', async () => {
    const runs = await app.data<{
      runs: Array<{ id: string; trigger: string; counts: { succeeded: number } }>;
    }>('listRuns', {});
    const acted = runs.runs.find((r) => r.trigger === 'admin' && r.counts.succeeded === 3)!;

    const page = await app.data<{ items: Array<{ accountId: string; userName: string | null }> }>(
      'getRunItems',
      { runId: acted.id },
    );

    expect(page.items).toHaveLength(3);
    for (const item of page.items) expect(item.userName).toBe(sandbox.ctx.org.user(item.accountId)!.name);
  });

  it('skips, and records why, a user who came back between the preview and the run', async () => {
    const page = await app.data<{ items: Decision[] }>('getPreviewDecisions', {
      previewId,
      ruleId,
      outcome: 'selected',
      offset: 3,
      limit: 1,
    });
    const returning = page.items[0]!.accountId;
    await fetch(`${sandbox.url}/__sandbox/activity`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accountId: returning, product: 'jira-software' }),
    });

    const run = await app.data<{ id: string }>('requestRun', {
      previewId,
      ruleId,
      accountIds: [returning],
      confirm: true,
    });
    await app.settle();

    expect(sandbox.ctx.org.user(returning)!.membershipStatus).toBe('active');
    const audit = await app.data<{ entries: Array<{ action: string; state: string }> }>('searchAudit', {
      runId: run.id,
    });
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'recheck', state: 'skipped' })]);
  });

  it('refuses a run above the rule’s limit before changing anything', async () => {
    const group = sandbox.ctx.org.groupByName('jira-software-users')!;
    await app.data('saveRule', {
      id: ruleId,
      rule: { ...ruleFor(group.id), limits: { maxUsersPerRun: 1, maxPercentOfScope: 100 } },
    });
    const page = await app.data<{ items: Decision[] }>('getPreviewDecisions', {
      previewId,
      ruleId,
      outcome: 'selected',
      offset: 4,
      limit: 2,
    });

    const result = await app.call('requestRun', {
      previewId,
      ruleId,
      accountIds: page.items.map((d) => d.accountId),
      confirm: true,
    });

    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid-input', message: expect.stringMatching(/limit of 1/) }),
    });
    for (const d of page.items) expect(sandbox.ctx.org.user(d.accountId)!.membershipStatus).toBe('active');
  });

  it('describes the undo of a whole run before it starts: three users, three suspensions', async () => {
    const runs = await app.data<{
      runs: Array<{ id: string; trigger: string; counts: { succeeded: number } }>;
    }>('listRuns', {});
    const acted = runs.runs.find((r) => r.trigger === 'admin' && r.counts.succeeded === 3)!;

    const description = await app.data<{ users: number; changesByAction: Record<string, number> }>(
      'describeUndo',
      { runId: acted.id },
    );

    expect(description).toEqual({
      users: 3,
      changesByAction: {
        suspend: 3,
        'remove-from-group': 0,
        'revoke-direct-role': 0,
        'add-to-group': 0,
        'idp-handoff': 0,
      },
    });
  });

  it('undoes a whole run, giving the users back their access, and audits the undo', async () => {
    const runs = await app.data<{
      runs: Array<{ id: string; counts: { succeeded: number }; trigger: string }>;
    }>('listRuns', {});
    const acted = runs.runs.find((r) => r.trigger === 'admin' && r.counts.succeeded === 3)!;
    const suspended = sandbox.ctx.org.users.filter((u) => u.membershipStatus === 'suspended').length;

    const undo = await app.data<{ id: string }>('requestUndo', { runId: acted.id, confirm: true });
    await app.settle();

    expect(sandbox.ctx.org.users.filter((u) => u.membershipStatus === 'suspended').length).toBe(
      suspended - 3,
    );
    const audit = await app.data<{ entries: Array<{ action: string; state: string }> }>('searchAudit', {
      runId: undo.id,
    });
    expect(audit.entries.filter((e) => e.action === 'undo:suspend' && e.state === 'succeeded')).toHaveLength(
      3,
    );
  });

  it('refuses a non-administrator every engine call', async () => {
    const result = await appClient(sandbox, 'nonAdmin').call('listRules');
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
  });
});
