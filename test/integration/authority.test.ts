import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { inactivity, ruleInput, scope } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let admin: ReturnType<typeof appClient>;
let jiraAdmin: ReturnType<typeof appClient>;
let secondSite: { cloudId: string; onlyThereAccountIds: string[]; onBothSitesAccountIds: string[] };

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 600, seed: 11 });
  admin = appClient(sandbox, 'admin');
  jiraAdmin = appClient(sandbox, 'jiraAdmin');
  secondSite = (
    (await (await fetch(`${sandbox.url}/__sandbox/info`)).json()) as { secondSite: typeof secondSite }
  ).secondSite;
  await admin.connect();
  await admin.analyse();
});
afterAll(async () => {
  await sandbox.close();
});

const groupId = (name: string) => sandbox.ctx.org.groupByName(name)!.id;
const onSecondSite = (resourceId: string) => resourceId.endsWith(secondSite.cloudId);

/** Every membership, status and direct role in the org, to prove a refusal changed nothing. */
function orgState(): string {
  const { org } = sandbox.ctx;
  return JSON.stringify(
    org.users.map((u) => [
      u.accountId,
      u.membershipStatus,
      org.groupsOf(u.accountId).map((g) => g.id),
      u.directRoles,
    ]),
  );
}

type SaveAnswer = {
  saved: boolean;
  errors?: Array<{ field: string; message: string }>;
  rule?: { id: string };
};

async function runRule(client: ReturnType<typeof appClient>, ruleId: string): Promise<{ id: string }> {
  await client.analyse();
  const previewId = (await client.data<{ id: string }>('getPreview', {})).id;
  const run = await client.data<{ id: string }>('requestRun', { previewId, ruleId, confirm: true });
  await client.settle();
  return run;
}

describe('as a Jira administrator who is not an org admin, with organization scope off', () => {
  it('sees the scope the app works in, and that it cannot change it', async () => {
    const view = await jiraAdmin.data<{ scope: string; callerIsOrgAdmin: boolean; siteCloudId: string }>(
      'getAuthority',
    );

    expect(view).toEqual(
      expect.objectContaining({
        scope: 'site',
        callerIsOrgAdmin: false,
        siteCloudId: sandbox.ctx.org.identity.cloudId,
      }),
    );
  });

  it('cannot turn organization scope on, and the scope stays the site', async () => {
    const result = await jiraAdmin.call('setAppScope', { scope: 'org' });

    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'forbidden',
        message: expect.stringMatching(/Only an org admin/),
      }),
    });
    expect((await admin.data<{ scope: string }>('getAuthority')).scope).toBe('site');
  });

  it.each([
    ['a suspend rule', () => [{ kind: 'suspend' }], /organization scope/],
    [
      "a rule on the other site's products",
      () => [{ kind: 'remove-from-groups', groupIds: [groupId('acme-labs-confluence-users')] }],
      /another site/,
    ],
    [
      'an add-to-site-admins rule',
      () => [{ kind: 'add-to-group', groupId: groupId('site-admins') }],
      /admin role/,
    ],
  ])('refuses to save %s, saying why, and saves nothing', async (_name, actions, why) => {
    const before = orgState();

    const result = await jiraAdmin.data<SaveAnswer>('saveRule', { rule: ruleInput({ actions: actions() }) });

    expect(result.saved).toBe(false);
    expect(result.errors).toEqual([{ field: 'actions[0]', message: expect.stringMatching(why) }]);
    expect(await admin.data<unknown[]>('listRules')).toEqual([]);
    expect(orgState()).toBe(before);
  });

  it('cannot clear the protections an org admin set, and they stay', async () => {
    const protectedId = sandbox.ctx.nonAdminAccountId;
    await admin.data('saveProtections', { protectedAccountIds: [protectedId], protectedGroupIds: [] });

    const result = await jiraAdmin.call('saveProtections', {
      protectedAccountIds: [],
      protectedGroupIds: [],
    });

    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', field: 'protectedAccountIds' }),
    });
    const settings = await admin.data<{ protections: { protectedAccountIds: string[] } }>('getSettings');
    expect(settings.protections.protectedAccountIds).toEqual([protectedId]);
  });

  it('cannot replace the connection', async () => {
    const result = await jiraAdmin.call('saveConnection', {
      orgId: sandbox.ctx.org.identity.orgId,
      apiKey: sandbox.ctx.credentials.orgApiKey,
    });

    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
  });

  it("runs a site-scoped rule that changes only the app's site", async () => {
    const before = new Map(
      sandbox.ctx.org.users.map((u) => [u.accountId, sandbox.ctx.org.groupsOf(u.accountId).map((g) => g.id)]),
    );
    const saved = await jiraAdmin.data<SaveAnswer>('saveRule', {
      rule: ruleInput({
        name: 'Confluence idle 60 days',
        inactivity: inactivity({ product: 'confluence', days: 60 }),
        actions: [{ kind: 'revoke-product', product: 'confluence' }],
      }),
    });
    expect(saved.saved).toBe(true);

    const run = await runRule(jiraAdmin, saved.rule!.id);

    const details = await jiraAdmin.data<{ state: string; counts: { succeeded: number } }>('getRun', {
      runId: run.id,
    });
    expect(details.state).toBe('completed');
    expect(details.counts.succeeded).toBeGreaterThan(0);
    const { org } = sandbox.ctx;
    const changed = org.users.filter(
      (u) =>
        JSON.stringify(org.groupsOf(u.accountId).map((g) => g.id)) !==
        JSON.stringify(before.get(u.accountId)),
    );
    expect(changed.length).toBeGreaterThan(0);
    const secondSiteGroups = new Set(
      org.groups.filter((g) => g.roleGrants.some((r) => onSecondSite(r.resourceId))).map((g) => g.id),
    );
    for (const user of changed) {
      const lost = before.get(user.accountId)!.filter((id) => !org.isMember(id, user.accountId));
      expect(lost.filter((id) => secondSiteGroups.has(id))).toEqual([]);
    }
    for (const accountId of secondSite.onlyThereAccountIds) {
      expect(org.groupsOf(accountId).map((g) => g.id)).toEqual(before.get(accountId));
    }
    await admin.data('deleteRule', { id: saved.rule!.id });
  });
});

describe('with organization scope turned on by an org admin', () => {
  it('records who turned it on, with before and after, and shows it', async () => {
    await admin.enableOrgScope();

    const view = await jiraAdmin.data<{
      scope: string;
      setBy: string;
      changes: Array<{ setting: string; actor: string; before: { scope: string }; after: { scope: string } }>;
    }>('getAuthority');

    expect(view.scope).toBe('org');
    expect(view.setBy).toBe(sandbox.ctx.adminAccountId);
    expect(view.changes[0]).toEqual(
      expect.objectContaining({
        setting: 'scope',
        actor: sandbox.ctx.adminAccountId,
        before: expect.objectContaining({ scope: 'site' }),
        after: expect.objectContaining({ scope: 'org' }),
      }),
    );
  });

  it('lets an org-wide rule suspend someone who uses only the other site, audited', async () => {
    const saved = await admin.data<SaveAnswer>('saveRule', {
      rule: ruleInput({
        name: 'Labs idle',
        scope: scope({ includeGroupIds: [groupId('acme-labs-confluence-users')] }),
        inactivity: inactivity({ product: 'confluence', days: 90 }),
        actions: [{ kind: 'suspend' }],
      }),
    });
    expect(saved.saved).toBe(true);

    const run = await runRule(admin, saved.rule!.id);

    const suspended = secondSite.onlyThereAccountIds.filter(
      (id) => sandbox.ctx.org.user(id)!.membershipStatus === 'suspended',
    );
    expect(suspended.length).toBeGreaterThan(0);
    const audit = await admin.data<{ entries: Array<{ action: string; state: string; accountId: string }> }>(
      'searchAudit',
      { runId: run.id },
    );
    expect(
      audit.entries.filter((e) => e.action === 'suspend' && e.state === 'succeeded').map((e) => e.accountId),
    ).toEqual(expect.arrayContaining(suspended));
  });

  it('still never adds anyone to an admin group', async () => {
    const result = await admin.data<SaveAnswer>('saveRule', {
      rule: ruleInput({ actions: [{ kind: 'add-to-group', groupId: groupId('jira-admins') }] }),
    });

    expect(result.saved).toBe(false);
    expect(result.errors?.[0]?.message).toMatch(/grants an admin role/);
  });
});

describe('abuse', () => {
  it('answers a flood of 1,500 non-admin calls for at most 10 Jira points, and admins still get in', async () => {
    sandbox.traffic.stats.reset();
    const nonAdmin = appClient(sandbox, 'nonAdmin');
    const answers: string[] = [];
    for (let batch = 0; batch < 15; batch++) {
      const calls = Array.from({ length: 100 }, () =>
        nonAdmin.call('getAppStatus').then(
          (r) => (r.ok ? 'ok' : r.error.code),
          () => 'rate-limited',
        ),
      );
      answers.push(...(await Promise.all(calls)));
    }
    const spent = sandbox.traffic.stats.snapshot().jiraPointsSpent;

    expect(answers.filter((a) => a === 'ok')).toEqual([]);
    expect(spent).toBeLessThanOrEqual(10);
    for (let i = 0; i < 5; i++) expect((await admin.call('getAppStatus')).ok).toBe(true);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'noSuchResolver'])(
    'gives %s the same unknown-resolver error',
    async (name) => {
      const res = await fetch(`${sandbox.url}/__sandbox/invoke/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ payload: {}, as: 'admin' }),
      });
      const body = (await res.json()) as { error: { code: string } };

      expect(res.status).toBe(404);
      expect(body.error.code).toBe('UNKNOWN_FUNCTION_KEY');
    },
  );

  it.each(['orgId', 'directoryId'])('refuses an API key in %s without echoing it', async (field) => {
    const key = sandbox.ctx.credentials.orgApiKey;
    const result = await admin.call('saveConnection', {
      orgId: sandbox.ctx.org.identity.orgId,
      [field]: key,
    });

    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid-input', field }) });
    expect(JSON.stringify(result)).not.toContain(key);
  });

  const deep = (levels: number): unknown => (levels === 0 ? 'x' : { a: deep(levels - 1) });
  it.each([
    ['saveRule', { rule: deep(200) }],
    ['saveRule', { id: 'r'.repeat(5_000), rule: {} }],
    ['saveProtections', { protectedAccountIds: 'everyone', protectedGroupIds: 7 }],
    ['saveProtections', JSON.parse('{"__proto__": {"admin": true}, "protectedAccountIds": []}')],
    ['searchAudit', { accountId: 'x'.repeat(100_000) }],
    ['deleteRule', { id: 'a'.repeat(600) }],
    ['setAppScope', { scope: ['org'] }],
    ['getRun', { runId: { $ne: null } }],
  ])('answers %s with a bad payload as invalid input, never internal', async (key, payload) => {
    const result = await admin.call(key, payload);

    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid-input' }) });
  });

  it('answers upstream-unavailable, not internal, when Jira fails during the permission check', async () => {
    const faults = (rates: Record<string, number>) =>
      fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          rates: { serverError: 0, timeout: 0, drop: 0, rateLimit: 0, ...rates },
          apis: ['jira'],
        }),
      });
    await faults({ serverError: 1 });
    try {
      // An account whose answer is not cached yet: its check goes to Jira, which fails every time.
      const result = await sandbox.host.invokeResolver(
        'getAppStatus',
        {},
        secondSite.onBothSitesAccountIds[0]!,
      );

      expect(result).toEqual(
        expect.objectContaining({
          ok: true,
          body: { ok: false, error: expect.objectContaining({ code: 'upstream-unavailable' }) },
        }),
      );
    } finally {
      await faults({});
    }
  });
});
