import type { RunningSandbox } from '../../sandbox/start';
import { jiraApi, orgApi, startTestSandbox } from '../support/sandbox';

interface JiraRole {
  key: string;
  userCount: number;
  remainingSeats: number;
}
interface OrgUser {
  accountId: string;
  groups?: Array<{ id: string; name: string }>;
  productAccess?: Array<{ key: string }>;
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

async function jiraSoftwareSeats(): Promise<JiraRole> {
  const res = await jiraApi(sandbox)('GET', '/rest/api/3/applicationrole/jira-software');
  expect(res.status).toBe(200);
  return res.body as JiraRole;
}

async function orgUser(accountId: string): Promise<OrgUser> {
  const res = await orgApi(sandbox).searchUsers({
    accountIds: [accountId],
    expand: ['groups', 'productAccess'],
  });
  expect(res.status).toBe(200);
  return (res.body as { data: OrgUser[] }).data[0]!;
}

/** A licensed user who gets Jira only through the jira-software-users group. */
function userLicensedOnlyThroughGroup(groupName: string): string {
  const { org } = sandbox.ctx;
  const product = org.product('jira-software')!;
  const candidate = org.users.find((u) => {
    if (!org.consumesSeat(u, product) || u.accountId === sandbox.ctx.adminAccountId) return false;
    const grants = org.roleAssignments(u.accountId).filter((a) => a.resourceId === product.resourceId);
    return (
      grants.length > 0 &&
      grants.every((a) => a.via !== 'direct' && org.group(a.via.groupId)?.name === groupName)
    );
  });
  if (!candidate) throw new Error(`no user is licensed for Jira only through ${groupName}`);
  return candidate.accountId;
}

it('frees a Jira seat at once when the Organizations API suspends a user', async () => {
  const user = userLicensedOnlyThroughGroup('jira-software-users');
  const before = await jiraSoftwareSeats();

  expect((await orgApi(sandbox).suspend(user)).status).toBeLessThan(300);

  const after = await jiraSoftwareSeats();
  expect(after.userCount).toBe(before.userCount - 1);
  const jiraUser = await jiraApi(sandbox)('GET', `/rest/api/3/user?accountId=${user}`);
  expect((jiraUser.body as { active: boolean }).active).toBe(false);
});

it('gives the seat and the groups back when the Organizations API restores the user', async () => {
  const user = userLicensedOnlyThroughGroup('jira-software-users');
  const groupsBefore = (await orgUser(user)).groups?.map((g) => g.id).sort();
  const before = await jiraSoftwareSeats();
  await orgApi(sandbox).suspend(user);

  expect((await orgApi(sandbox).restore(user)).status).toBeLessThan(300);

  expect((await jiraSoftwareSeats()).userCount).toBe(before.userCount);
  expect((await orgUser(user)).groups?.map((g) => g.id).sort()).toEqual(groupsBefore);
});

it('removes product access in the Organizations API when Jira removes the user from the licensing group', async () => {
  const user = userLicensedOnlyThroughGroup('jira-software-users');
  const group = sandbox.ctx.org.groupByName('jira-software-users')!;
  expect((await orgUser(user)).productAccess?.map((p) => p.key)).toContain('jira-software');

  const res = await jiraApi(sandbox)(
    'DELETE',
    `/rest/api/3/group/user?groupId=${group.id}&accountId=${user}`,
  );
  expect(res.status).toBe(200);

  const after = await orgUser(user);
  expect(after.groups?.map((g) => g.name)).not.toContain('jira-software-users');
  expect(after.productAccess?.map((p) => p.key) ?? []).not.toContain('jira-software');
});

it('stops listing a member in Jira once the Organizations API removes them from the group', async () => {
  const user = userLicensedOnlyThroughGroup('jira-software-users');
  const group = sandbox.ctx.org.groupByName('jira-software-users')!;

  expect((await orgApi(sandbox).removeMember(group.id, user)).status).toBeLessThan(300);

  const jiraGroups = await jiraApi(sandbox)('GET', `/rest/api/3/user/groups?accountId=${user}`);
  expect((jiraGroups.body as Array<{ name: string }>).map((g) => g.name)).not.toContain(
    'jira-software-users',
  );
});

it('refuses membership changes to a group synced from an identity provider through both APIs', async () => {
  const { org } = sandbox.ctx;
  const synced = org.groups.find((g) => g.syncedFromIdp && org.memberCount(g.id) > 0)!;
  const member = org.membersOf(synced.id)[0]!;

  const viaOrg = await orgApi(sandbox).removeMember(synced.id, member);
  const viaJira = await jiraApi(sandbox)(
    'DELETE',
    `/rest/api/3/group/user?groupId=${synced.id}&accountId=${member}`,
  );

  expect(viaOrg.status).toBeGreaterThanOrEqual(400);
  expect(viaJira.status).toBeGreaterThanOrEqual(400);
  expect(org.isMember(synced.id, member)).toBe(true);
});

it("answers unknown paths with each service's own error shape", async () => {
  const jira = await jiraApi(sandbox)('GET', '/rest/api/3/no-such-resource');
  const org = await orgApi(sandbox).call('GET', `${sandbox.url}/admin/v2/no-such-resource`);

  expect(jira.status).toBe(404);
  expect(jira.body).toEqual(expect.objectContaining({ errorMessages: expect.any(Array) }));
  expect(org.status).toBe(404);
  expect(org.body).toEqual({ errors: [expect.objectContaining({ status: '404' })] });
});

it("answers a method a path does not support with 405, an Allow header and the service's error shape", async () => {
  const jira = await jiraApi(sandbox)('PUT', '/rest/api/3/users/search');
  const org = await orgApi(sandbox).call('PUT', `${orgApi(sandbox).base}/groups/search`);

  expect(jira.status).toBe(405);
  expect(jira.headers.get('allow')).toBe('GET');
  expect(jira.body).toEqual(expect.objectContaining({ errorMessages: expect.any(Array) }));
  expect(org.status).toBe(405);
  expect(org.headers.get('allow')).toBe('POST');
  expect(org.body).toEqual({ errors: [expect.objectContaining({ status: '405' })] });
});

it("answers a body that is not JSON with 400 in the service's error shape", async () => {
  const res = await fetch(`${orgApi(sandbox).base}/users/search`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${sandbox.ctx.credentials.orgApiKey}`,
      'Content-Type': 'application/json',
    },
    body: '{"limit": ',
  });

  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ errors: [expect.objectContaining({ status: '400' })] });
});
