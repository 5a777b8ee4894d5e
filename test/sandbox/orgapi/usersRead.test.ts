import { CONFLUENCE, GROUPS, JSW, ORG_ID, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeAll(async () => {
  api = await startOrgApi();
});
afterAll(() => api.close());

it('lists users through the deprecated GET with query filters and the same paging', async () => {
  const first = await api.call('GET', `${V2}/users?limit=2&claimStatus=unmanaged&status=active`);
  expect(first.status).toBe(200);
  expect(first.body.data.map((u: { accountId: string }) => u.accountId)).toEqual([
    'external-1',
    'external-2',
  ]);
  const second = await api.call(
    'GET',
    `${V2}/users?limit=2&claimStatus=unmanaged&status=active&cursor=${first.body.links.next}`,
  );
  expect(second.body.data.map((u: { accountId: string }) => u.accountId)).toEqual(['external-3', 'app-1']);
});

it('accepts repeated and comma-separated array parameters on the GET listing', async () => {
  const repeated = await api.call('GET', `${V2}/users?accountIds=agent-1&accountIds=agent-2`);
  const commas = await api.call('GET', `${V2}/users?accountIds=agent-1,agent-2`);
  expect(repeated.body.data).toHaveLength(2);
  expect(commas.body.data).toEqual(repeated.body.data);
});

it('refuses an unknown query parameter on the GET listing with 400 naming it', async () => {
  const res = await api.call('GET', `${V2}/users?pageSize=5`);
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/pageSize/);
});

it('returns one user as {data: user} with platform roles and resource counts', async () => {
  const res = await api.call('GET', `${V2}/users/admin-1`);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual(
    expect.objectContaining({
      accountId: 'admin-1',
      platformRoles: ['atlassian/org-admin', 'atlassian/site-admin'],
      counts: { resources: 1 },
    }),
  );
});

it('answers an unknown account with 404', async () => {
  const res = await api.call('GET', `${V2}/users/nobody`);
  expect(res.status).toBe(404);
  expect(res.body.errors[0]).toEqual(
    expect.objectContaining({ status: '404', detail: expect.stringMatching(/nobody/) }),
  );
});

it('counts users matching the filters', async () => {
  const res = await api.call('GET', `${V2}/users/count?groupIds=${GROUPS.idpEngineering}`);
  expect(res.body).toEqual({ count: 6 });
});

it('answers stats with counts per role and per account status', async () => {
  const res = await api.call('GET', `${V2}/users/stats`);
  expect(res.status).toBe(200);
  expect(res.body.accountStatus).toEqual(
    expect.arrayContaining([
      { status: 'active', count: 29 },
      { status: 'inactive', count: 1 },
    ]),
  );
  expect(res.body.roles).toEqual(
    expect.arrayContaining([
      { roleId: 'atlassian/admin', count: 1 },
      { roleId: 'atlassian/customer', count: 2 },
      { roleId: 'atlassian/org-admin', count: 1 },
    ]),
  );
});

it('lists a user role assignments per resource with how each role was assigned', async () => {
  const res = await api.call('GET', `${V2}/users/direct-1/role-assignments`);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual([
    {
      resourceId: CONFLUENCE,
      resourceOwner: 'confluence',
      roles: ['atlassian/user'],
      roleAssignments: [{ role: 'atlassian/user', roleAssignmentMethods: ['direct', 'group_direct'] }],
      directoryId: expect.any(String),
      userDirectoryStatus: 'active',
    },
  ]);
});

it('lists platform roles on the org resource outside any directory', async () => {
  const res = await api.call('GET', `${V2}/users/admin-1/role-assignments`);
  const platform = res.body.data.find((e: { resourceOwner: string }) => e.resourceOwner === 'platform');
  expect(platform).toEqual(
    expect.objectContaining({
      resourceId: `ari:cloud:platform::org/${ORG_ID}`,
      directoryId: null,
      userDirectoryStatus: null,
    }),
  );
  const jira = res.body.data.find((e: { resourceId: string }) => e.resourceId === JSW);
  expect(jira.roles.sort()).toEqual(['atlassian/admin', 'atlassian/user']);
});
