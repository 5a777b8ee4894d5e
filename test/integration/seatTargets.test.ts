import { OrgClient } from '../../src/atlassian/orgClient';
import type { Decision } from '../../src/domain/decision';
import type { DirectoryUser } from '../../src/domain/directory';
import { DEFAULT_TIER_BOUNDARIES } from '../../src/domain/licenceTiers';
import { billableSeats, type BillableSeat } from '../../src/domain/billablePaths';
import type { ProductSeatsByPath } from '../../src/domain/seatsByPath';
import type { PreviewSummary } from '../../src/domain/preview';
import type { PlannedSeatsAnswer } from '../../src/contract/answers';
import type { RunItem } from '../../src/store/runRecord';
import type { Dashboard } from '../../src/domain/dashboard';
import { jiraSiteOf } from '../../sandbox/jira';
import type { RunningSandbox } from '../../sandbox/start';
import { sandboxTransport } from '../atlassian/support';
import { appClient } from '../support/appClient';
import { inactivity, ruleInput, scope } from '../support/ruleInput';
import { jiraApi, startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 400, seed: 15 });
  app = appClient(sandbox);
  await app.connect();
  await app.analyse();
});
afterAll(async () => {
  await sandbox.close();
});

async function previewOf(rule: Record<string, unknown>) {
  const saved = await app.data<{ rule: { id: string } }>('saveRule', { rule });
  await app.analyse({ refresh: true });
  const preview = await app.data<{ id: string; summaries: Record<string, PreviewSummary> }>('getPreview', {});
  return { previewId: preview.id, ruleId: saved.rule.id, summary: preview.summaries[saved.rule.id]! };
}

async function decisionsOf(previewId: string, ruleId: string, outcome: string): Promise<Decision[]> {
  const items: Decision[] = [];
  let cursor: string | undefined;
  do {
    const page = await app.data<{ items: Decision[]; nextCursor?: string | null }>('getPreviewDecisions', {
      previewId,
      ruleId,
      outcome,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

async function jiraSeats(product: string): Promise<number> {
  const res = await jiraApi(sandbox)('GET', `/rest/api/3/applicationrole/${product}`);
  return (res.body as { userCount: number }).userCount;
}

/** Least recently active first: never-used accounts (oldest member first), then by last Jira activity. */
function recencyOf(accountId: string): number {
  const user = sandbox.ctx.org.user(accountId)!;
  const jira = sandbox.ctx.org.product('jira-software')!.resourceId;
  return user.lastActive.get(jira) ?? user.addedToOrg - 1e13;
}

let rulesSaved = 0;
const idleJira = (overrides: Record<string, unknown> = {}) =>
  ruleInput({
    name: `Idle Jira ${++rulesSaved}`,
    scope: scope(),
    inactivity: inactivity({ days: 30, includeNeverActive: true, graceDays: 30 }),
    actions: [{ kind: 'revoke-product', product: 'jira-software' }],
    ...overrides,
  });

describe('a seat-target rule', () => {
  it('brings Jira’s live seat count to the target, acting only on users less recently active than every one it kept', async () => {
    const before = await jiraSeats('jira-software');
    const target = before - 6;
    const { previewId, ruleId, summary } = await previewOf(
      idleJira({ seatTarget: { product: 'jira-software', seats: target } }),
    );
    const selected = await decisionsOf(previewId, ruleId, 'selected');
    const kept = (await decisionsOf(previewId, ruleId, 'excluded')).filter((d) =>
      d.exclusions.some((e) => e.code === 'beyond-seat-target'),
    );

    expect(summary.seatTarget).toMatchObject({
      liveSeats: before,
      target,
      needed: 6,
      chosen: 6,
      shortfall: null,
    });
    expect(summary.notes[0]).toBe(
      `Jira has ${before} seats; target ${target}: these 6 users, least recently active first.`,
    );
    expect(selected).toHaveLength(6);
    expect(kept.length).toBeGreaterThan(0);
    const latestActed = Math.max(...selected.map((d) => recencyOf(d.accountId)));
    const earliestKept = Math.min(...kept.map((d) => recencyOf(d.accountId)));
    expect(latestActed).toBeLessThanOrEqual(earliestKept);

    await app.data('requestRun', { previewId, ruleId, confirm: true });
    await app.settle();

    expect(await jiraSeats('jira-software')).toBe(target);
  });

  it('says by how much and why the target stays out of reach when protections and limits stop it', async () => {
    const { summary } = await previewOf(
      idleJira({
        seatTarget: { product: 'jira-software', seats: 0 },
        limits: { maxUsersPerRun: 2, maxPercentOfScope: 100 },
      }),
    );

    const live = await jiraSeats('jira-software');
    expect(summary.seatTarget).toMatchObject({ target: 0, needed: live, chosen: 2 });
    expect(summary.seatTarget!.shortfall).toMatchObject({ seats: live - 2 });
    expect(summary.seatTarget!.shortfall!.protectedHolders).toBeGreaterThan(0);
    expect(summary.seatTarget!.shortfall!.overLimit).toBeGreaterThan(0);
    expect(summary.notes[0]).toMatch(
      new RegExp(`the target stays out of reach by ${(live - 2).toLocaleString('en-US')} seats: .*protected`),
    );
  });

  it('aims at the pricing tier below today’s count with tier: next-lower', async () => {
    const live = await jiraSeats('jira-software');
    const { summary } = await previewOf(
      idleJira({ seatTarget: { product: 'jira-software', tier: 'next-lower' } }),
    );

    expect(summary.seatTarget!.target).toBe([...DEFAULT_TIER_BOUNDARIES].reverse().find((b) => b < live));
  });

  it('is refused on save with errors naming the field', async () => {
    const result = await app.data('saveRule', {
      rule: idleJira({ seatTarget: { product: 'jira-nothing', seats: -1 } }),
    });

    expect(result).toEqual({
      saved: false,
      errors: [
        { field: 'seatTarget.seats', message: 'Seat target must be a whole number from 0 to 100,000' },
        {
          field: 'seatTarget.product',
          message: expect.stringMatching(/^product 'jira-nothing' is not one of .*jira-software/),
        },
      ],
    });
  });
});

it('never selects a project lead or a component lead: they are protected, with the reason shown', async () => {
  const plain = await previewOf(idleJira());
  const [first, second] = await decisionsOf(plain.previewId, plain.ruleId, 'selected');
  const site = jiraSiteOf(sandbox.ctx.org);
  site.setProjectLead('OPS', first!.accountId);
  site.addComponent('ENG', 'Billing', second!.accountId);

  const again = await previewOf(idleJira());
  const selected = await decisionsOf(again.previewId, again.ruleId, 'selected');
  const protectedOnes = await decisionsOf(again.previewId, again.ruleId, 'protected');

  expect(selected.map((d) => d.accountId)).not.toContain(first!.accountId);
  expect(selected.map((d) => d.accountId)).not.toContain(second!.accountId);
  expect(protectedOnes.find((d) => d.accountId === first!.accountId)).toMatchObject({
    protections: [{ code: 'project-lead', projects: ['OPS'] }],
    explanation: expect.stringContaining('lead of project OPS'),
  });
  expect(protectedOnes.find((d) => d.accountId === second!.accountId)?.protections).toEqual([
    { code: 'component-lead', components: ['ENG/Billing'] },
  ]);
});

it('reads the leads from Jira once per scan: one project search and one component page per project', async () => {
  sandbox.traffic.stats.reset();

  await app.analyse({ refresh: true });
  await previewOf(idleJira());

  const requests = sandbox.traffic.stats.snapshot().requests;
  const count = (suffix: string) =>
    Object.entries(requests)
      .filter(([route]) => route.endsWith(suffix))
      .reduce((sum, [, n]) => sum + n, 0);
  expect(count('/project/search')).toBe(2);
  expect(count('/component')).toBe(2 * jiraSiteOf(sandbox.ctx.org).projects.length);
});

it('a JSM rule never selects a portal-only customer', async () => {
  const customers = sandbox.ctx.org.users.filter((u) => u.accountType === 'customer').map((u) => u.accountId);
  const { previewId, ruleId, summary } = await previewOf(
    ruleInput({
      name: 'Idle JSM',
      scope: scope({ accountKinds: ['staff', 'external', 'customer'] }),
      inactivity: inactivity({
        product: 'jira-servicedesk',
        days: 1,
        includeNeverActive: true,
        graceDays: 0,
      }),
      actions: [{ kind: 'revoke-product', product: 'jira-servicedesk' }],
    }),
  );
  const selected = new Set((await decisionsOf(previewId, ruleId, 'selected')).map((d) => d.accountId));

  expect(customers.length).toBeGreaterThan(0);
  expect(selected.size).toBeGreaterThan(0);
  expect(customers.filter((id) => selected.has(id))).toEqual([]);
  expect(summary.counts.outOfScope).toBeGreaterThanOrEqual(customers.length);
});

it('finds the paths that bill each seat exactly where Jira and the Organizations API bill one', async () => {
  const { orgId, directory } = sandbox.ctx.org.identity;
  const client = new OrgClient(sandboxTransport(sandbox.url, sandbox.ctx.credentials.orgApiKey), orgId);
  const groups = await client.listGroups(directory.directoryId);
  const users: DirectoryUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.searchUsers({
      directoryId: directory.directoryId,
      ...(cursor ? { cursor } : {}),
    });
    users.push(...page.users);
    cursor = page.nextCursor;
  } while (cursor);
  const products = sandbox.ctx.org.products
    .filter((p) => p.isJiraApplication)
    .map((p) => ({ key: p.key, name: p.name, resourceId: p.resourceId }));
  const ctx = {
    groupsById: new Map(groups.map((g) => [g.id, g])),
    products,
    defaultGroupIds: new Map<string, Set<string>>(),
  };

  for (const product of products) {
    const holders = users.filter((user) =>
      billableSeats(user, ctx).some((seat) => seat.resourceId === product.resourceId),
    );
    const billedBySandbox = sandbox.ctx.org.users.filter((u) =>
      sandbox.ctx.org.consumesSeat(u, sandbox.ctx.org.product(product.key)!),
    );
    expect(holders.map((u) => u.accountId).sort()).toEqual(billedBySandbox.map((u) => u.accountId).sort());
    expect(holders).toHaveLength(await jiraSeats(product.key));
  }
});

it('shows each preview row the paths Jira and the Organizations API bill its seat by', async () => {
  const { previewId, ruleId } = await previewOf(idleJira());
  const rows = (await decisionsOf(previewId, ruleId, 'selected')).slice(0, 20);
  const jira = sandbox.ctx.org.product('jira-software')!;

  const { users } = await app.data<{ users: Array<{ accountId: string; seats: BillableSeat[] }> }>(
    'getSeatPaths',
    {
      accountIds: rows.map((row) => row.accountId),
    },
  );

  expect(users).toHaveLength(rows.length);
  for (const { accountId, seats } of users) {
    const groupsGranting = sandbox.ctx.org
      .groupsOf(accountId)
      .filter((g) =>
        g.roleGrants.some((r) => r.resourceId === jira.resourceId && r.roleId === 'atlassian/user'),
      )
      .map((g) => g.name);
    const seat = seats.find((s) => s.productKey === 'jira-software');
    expect(seat !== undefined).toBe(sandbox.ctx.org.consumesSeat(sandbox.ctx.org.user(accountId)!, jira));
    const groupPaths = seat?.paths.flatMap((p) => (p.kind === 'group' ? [p.groupName] : [])) ?? [];
    expect(groupPaths.sort()).toEqual(groupsGranting.sort());
    for (const path of seat?.paths ?? []) {
      if (path.kind === 'group') expect(path.defaultGroup).toBe(path.groupName === 'jira-software-users');
    }
  }
});

it("adds up the Overview's seats by path to Jira's seat count, the default group among them", async () => {
  await app.analyse({ refresh: true });
  const byPath = await app.data<{ products: ProductSeatsByPath[] }>('getSeatsByPath', {});
  const software = byPath.products.find((p) => p.productKey === 'jira-software')!;

  expect(software.seats).toBe(await jiraSeats('jira-software'));
  expect(software.paths.find((p) => p.label === 'jira-software-users')).toMatchObject({
    defaultGroup: true,
    seats: sandbox.ctx.org
      .membersOf(sandbox.ctx.org.groupByName('jira-software-users')!.id)
      .filter((id) =>
        sandbox.ctx.org.consumesSeat(sandbox.ctx.org.user(id)!, sandbox.ctx.org.product('jira-software')!),
      ).length,
  });
});

describe('a plan that leaves the seat billable through another group', () => {
  const groupId = (name: string) => sandbox.ctx.org.groupByName(name)!.id;
  const leaveJiraUsersInEntra = () =>
    ruleInput({
      name: 'Leave jira-software-users',
      scope: scope({ includeGroupIds: [groupId('entra-engineering')] }),
      inactivity: inactivity({ days: 1, includeNeverActive: true, graceDays: 0 }),
      actions: [{ kind: 'remove-from-groups', groupIds: [groupId('jira-software-users')] }],
    });

  it('says so in the preview, in the act confirmation and in the run’s plan, and Jira still bills the seat', async () => {
    const { previewId, ruleId, summary } = await previewOf(leaveJiraUsersInEntra());
    const selected = (await decisionsOf(previewId, ruleId, 'selected')).map((d) => d.accountId);
    const jira = sandbox.ctx.org.product('jira-software')!;

    expect(selected.length).toBeGreaterThan(0);
    expect(summary.seatsKeptThrough).toEqual([
      {
        productKey: 'jira-software',
        productName: jira.name,
        users: selected.length,
        paths: [{ label: 'entra-engineering', users: selected.length }],
      },
    ]);

    const shown = selected.slice(0, 50);
    const planned = await app.data<PlannedSeatsAnswer>('getPlannedSeats', {
      previewId,
      ruleId,
      accountIds: shown,
    });
    expect(planned.kept).toEqual([
      expect.objectContaining({ productKey: 'jira-software', users: shown.length }),
    ]);
    for (const { seats } of planned.users) {
      expect(seats.find((s) => s.productKey === 'jira-software')).toMatchObject({
        after: 'kept',
        keptThrough: [
          expect.objectContaining({ kind: 'group', groupName: 'entra-engineering', syncedFromIdp: true }),
        ],
      });
    }

    const run = await app.data<{ id: string }>('requestRun', { previewId, ruleId, confirm: true });
    await app.settle();
    const { items } = await app.data<{ items: RunItem[] }>('getRunItems', { runId: run.id, limit: 200 });

    expect(items.map((item) => item.accountId).sort()).toEqual([...selected].sort());
    for (const item of items) {
      expect(item.state).toBe('done');
      const seat = item.seats!.find((s) => s.productKey === 'jira-software')!;
      expect(seat.after).toBe('kept');
      expect(seat.paths.map((p) => (p.kind === 'group' ? p.groupName : p.kind)).sort()).toEqual([
        'entra-engineering',
        'jira-software-users',
      ]);
      expect(sandbox.ctx.org.consumesSeat(sandbox.ctx.org.user(item.accountId)!, jira)).toBe(true);
      expect(sandbox.ctx.org.isMember(groupId('jira-software-users'), item.accountId)).toBe(false);
    }
  });
});

it('counts on the Overview JSM agents, portal-only customers and agents who are also customers, as the org has them', async () => {
  const org = sandbox.ctx.org;
  const jsm = org.product('jira-servicedesk')!;
  const agents = org.users.filter((u) => org.consumesSeat(u, jsm));
  org.addGroup({
    id: 'jsm-portal-customers-id',
    name: 'jsm-portal-customers',
    description: 'Agents who raise requests too',
    syncedFromIdp: false,
    roleGrants: [{ resourceId: jsm.resourceId, roleId: 'atlassian/customer' }],
    isDefaultFor: [],
  });
  for (const agent of agents.slice(0, 3)) org.addMember('jsm-portal-customers-id', agent.accountId);
  await app.analyse({ refresh: true });

  const { dashboard } = await app.data<{ dashboard: Dashboard }>('getOverview', {});

  const customerByGroup = (accountId: string) =>
    org
      .roleAssignments(accountId)
      .some(
        (r) => r.via !== 'direct' && r.resourceId === jsm.resourceId && r.roleId === 'atlassian/customer',
      );
  expect(agents.length).toBeGreaterThan(3);
  expect(dashboard.serviceManagement).toEqual({
    agents: agents.length,
    portalCustomers: org.users.filter((u) => u.accountType === 'customer' && org.hasLiveAccess(u)).length,
    agentsAlsoCustomers: agents.filter((u) => customerByGroup(u.accountId)).length,
    customerOnlyGroupIds: [],
  });
  expect(dashboard.serviceManagement!.agentsAlsoCustomers).toBe(3);
  expect(dashboard.serviceManagement!.agents).toBe(await jiraSeats('jira-servicedesk'));
});
