import { GROUPS, JSW, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeEach(async () => {
  api = await startOrgApi();
});
afterEach(() => api.close());

const searchGroups = (body: unknown) => api.call('POST', `${V2}/groups/search`, { body });
const names = (res: { body: { data: Array<{ name: string }> } }) => res.body.data.map((g) => g.name);

it('returns groups in the v2 shape, IdP-synced groups marked external and not modifiable', async () => {
  const res = await searchGroups({ groupIds: [GROUPS.idpEngineering] });
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual([
    {
      id: GROUPS.idpEngineering,
      name: 'Engineering (Okta)',
      description: 'Synced from Okta',
      directoryId: expect.any(String),
      managementAccess: { deletable: false, modifiable: false, readable: true },
      externalSynced: true,
      managedBy: 'external',
    },
  ]);
  expect(res.body.links.next).toBeUndefined();
});

it('expands counts.users and counts.resources', async () => {
  const res = await searchGroups({
    groupIds: [GROUPS.jsmAgents],
    expand: ['counts.users', 'counts.resources'],
  });
  expect(res.body.data[0].counts).toEqual({ users: 5, resources: 1 });
});

it('filters groups by exact names ignoring case', async () => {
  expect(names(await searchGroups({ groupNames: ['JIRA-ADMINS'] }))).toEqual(['jira-admins']);
});

it('filters groups by searchTerm', async () => {
  expect(names(await searchGroups({ searchTerm: 'jira' }))).toEqual(['jira-software-users', 'jira-admins']);
});

it('pages groups with the same cursors, default page 20', async () => {
  const first = await searchGroups({ limit: 3 });
  const second = await searchGroups({ limit: 3, cursor: first.body.links.next });
  expect(first.body.data).toHaveLength(3);
  expect(second.body.data).toHaveLength(2);
  expect(second.body.links.next).toBeUndefined();
});

it('refuses groupNames together with searchTerm with 400', async () => {
  expect((await searchGroups({ groupNames: ['a'], searchTerm: 'a' })).status).toBe(400);
});

it('refuses an unknown group expand with 400 naming it', async () => {
  const res = await searchGroups({ expand: ['members'] });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/members/);
});

it('lists a group role assignments per resource', async () => {
  const res = await api.call('GET', `${V2}/groups/${GROUPS.jswUsers}/role-assignments`);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual([
    {
      resourceId: JSW,
      resourceOwner: 'jira-software',
      defaultRole: 'atlassian/user',
      roles: ['atlassian/user'],
    },
  ]);
});

it('revokes a group role: members lose that access in the model', async () => {
  const jsw = api.ctx.org.product('jira-software')!;
  const res = await api.call('POST', `${V2}/groups/${GROUPS.jiraAdmins}/role-assignments/revoke`, {
    body: { resourceId: JSW, roleId: 'atlassian/admin' },
  });
  expect(res.status).toBe(204);
  expect(api.ctx.org.effectiveRoles('admin-1').some((r) => r.roleId === 'atlassian/admin')).toBe(false);
  expect(api.ctx.org.consumesSeat(api.ctx.org.user('admin-1')!, jsw)).toBe(true);
});

it('refuses to revoke a role the group does not have with 404', async () => {
  const res = await api.call('POST', `${V2}/groups/${GROUPS.jswUsers}/role-assignments/revoke`, {
    body: { resourceId: JSW, roleId: 'atlassian/admin' },
  });
  expect(res.status).toBe(404);
});

it('refuses a revoke without roleId with 400 naming it', async () => {
  const res = await api.call('POST', `${V2}/groups/${GROUPS.jswUsers}/role-assignments/revoke`, {
    body: { resourceId: JSW },
  });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/roleId/);
});

it('answers role assignments of an unknown group with 404', async () => {
  expect((await api.call('GET', `${V2}/groups/nope/role-assignments`)).status).toBe(404);
});
