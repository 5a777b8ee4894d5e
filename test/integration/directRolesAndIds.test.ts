import type { Decision } from '../../src/domain/decision';
import type { RunningSandbox } from '../../sandbox/start';
import { buildUser } from '../support/orgBuilders';
import { appClient } from '../support/appClient';
import { ruleInput, scope } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

const DAY = 86_400_000;
const ROLE_REVOKE = 'POST /admin/v1/orgs/:orgId/users/:accountId/roles/revoke';
const ROLE_ASSIGN = 'POST /admin/v1/orgs/:orgId/users/:accountId/roles/assign';

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;
let jira: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 300, seed: 5 });
  app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();
  await app.analyse();
  jira = sandbox.ctx.org.product('jira-software')!.resourceId;
  const now = sandbox.ctx.clock.now();
  sandbox.ctx.org.addUser(
    buildUser({
      accountId: 'direct-jira-only',
      name: 'Dana Direct',
      addedToOrg: now - 400 * DAY,
      directRoles: [{ resourceId: jira, roleId: 'atlassian/user' }],
      lastActive: new Map([[jira, now - 200 * DAY]]),
    }),
  );
});
afterAll(async () => {
  await sandbox.close();
});

async function previewOf(rule: Record<string, unknown>): Promise<{ previewId: string; ruleId: string }> {
  const saved = await app.data<{ rule: { id: string } }>('saveRule', { rule });
  await app.analyse({ refresh: true });
  const preview = await app.data<{ id: string }>('getPreview', {});
  return { previewId: preview.id, ruleId: saved.rule.id };
}

async function decisionsOf(previewId: string, ruleId: string, outcome: string): Promise<Decision[]> {
  const page = await app.data<{ items: Decision[] }>('getPreviewDecisions', {
    previewId,
    ruleId,
    outcome,
    limit: 500,
  });
  return page.items;
}

it('matches group rules on members although users/search names the group by its ARI', async () => {
  const group = sandbox.ctx.org.groupByName('jira-software-users')!;
  const members = new Set(sandbox.ctx.org.membersOf(group.id));
  const including = await previewOf(
    ruleInput({ name: 'Jira users only', scope: scope({ includeGroupIds: [group.id] }) }),
  );
  const excluding = await previewOf(
    ruleInput({ name: 'All but Jira users', scope: scope({ excludeGroupIds: [group.id] }) }),
  );

  const selectedMembers = await decisionsOf(including.previewId, including.ruleId, 'selected');
  expect(selectedMembers.length).toBeGreaterThan(0);
  expect(selectedMembers.every((d) => members.has(d.accountId))).toBe(true);
  const selectedOthers = await decisionsOf(excluding.previewId, excluding.ruleId, 'selected');
  expect(selectedOthers.length).toBeGreaterThan(0);
  expect(selectedOthers.filter((d) => members.has(d.accountId))).toEqual([]);
});

it('revokes a licence held only through a direct role by the published call, and undo gives it back', async () => {
  const { previewId, ruleId } = await previewOf(
    ruleInput({ name: 'Revoke idle Jira', actions: [{ kind: 'revoke-product', product: 'jira-software' }] }),
  );
  const [decision] = (await decisionsOf(previewId, ruleId, 'selected')).filter(
    (d) => d.accountId === 'direct-jira-only',
  );
  expect(decision!.plannedActions).toEqual([
    { kind: 'revoke-direct-role', resourceId: jira, roleId: 'atlassian/user' },
  ]);

  sandbox.traffic.stats.reset();
  const run = await app.data<{ id: string }>('requestRun', {
    previewId,
    ruleId,
    accountIds: ['direct-jira-only'],
    confirm: true,
  });
  await app.settle();
  expect(await app.data('getRun', { runId: run.id })).toMatchObject({ state: 'completed' });
  expect(sandbox.ctx.org.user('direct-jira-only')!.directRoles).toEqual([]);
  expect(sandbox.traffic.stats.snapshot().requests[ROLE_REVOKE]).toBe(1);

  await app.data('requestUndo', { runId: run.id, confirm: true });
  await app.settle();
  expect(sandbox.ctx.org.user('direct-jira-only')!.directRoles).toEqual([
    { resourceId: jira, roleId: 'atlassian/user' },
  ]);
  expect(sandbox.traffic.stats.snapshot().requests[ROLE_ASSIGN]).toBe(1);
});
