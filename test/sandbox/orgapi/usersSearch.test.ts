import { GROUPS, JSM, JSW, NOW, V2, V2_ALL, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeAll(async () => {
  api = await startOrgApi();
});
afterAll(() => api.close());

const search = (body: unknown) => api.call('POST', `${V2}/users/search`, { body });
const ids = (res: { body: { data: Array<{ accountId: string }> } }) =>
  res.body.data.map((u) => u.accountId).sort();

it('returns users in the v2 shape without expand fields by default', async () => {
  const res = await search({ accountIds: ['admin-1'] });
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual([
    {
      accountId: 'admin-1',
      accountType: 'atlassian',
      status: 'active',
      accountStatus: 'active',
      membershipStatus: 'active',
      addedToOrg: new Date(NOW - 400 * 86_400_000).toISOString(),
      name: 'Ada Admin',
      nickname: 'admin-1',
      email: 'ada@acme.example',
      emailVerified: true,
      claimStatus: 'managed',
      managementSource: 'invited',
      mfaEnabled: true,
      jobTitle: 'IT lead',
      department: null,
      organization: null,
      location: null,
      timeZone: 'Europe/Berlin',
      deactivatedOn: null,
      forDeletion: false,
    },
  ]);
  expect(res.body.links.next).toBeUndefined();
});

it('expands productAccess to the accessible products with lastActiveTimestamp', async () => {
  const res = await search({ accountIds: ['admin-1'], expand: ['productAccess'] });
  expect(res.body.data[0].productAccess).toEqual([
    { key: 'jira-software', id: JSW, lastActiveTimestamp: new Date(NOW - 86_400_000).toISOString() },
  ]);
});

it('omits lastActiveTimestamp for a product the user can access but never used', async () => {
  const res = await search({ accountIds: ['never-used-1'], expand: ['productAccess'] });
  expect(res.body.data[0].productAccess).toEqual([{ key: 'jira-software', id: JSW }]);
});

it('shows a pending invitation as an active member with an unverified email and no activity', async () => {
  const res = await search({ accountIds: ['invited-1'], expand: ['productAccess'] });
  expect(res.body.data[0]).toEqual(
    expect.objectContaining({ status: 'active', membershipStatus: 'active', emailVerified: false }),
  );
  expect(res.body.data[0].productAccess).toEqual([{ key: 'jira-software', id: JSW }]);
});

it('expands groups to {id, name, description}, the id a group ARI as in the spec’s example', async () => {
  const res = await search({ accountIds: ['agent-1'], expand: ['groups'] });
  expect(res.body.data[0].groups).toEqual([
    {
      id: `ari:cloud:identity::group/${GROUPS.jsmAgents}`,
      name: 'jsm-agents',
      description: 'Service desk agents',
    },
  ]);
});

it.each([GROUPS.jsmAgents, `ari:cloud:identity::group/${GROUPS.jsmAgents}`])(
  'filters by groupIds given as %s',
  async (groupId) => {
    const res = await search({ groupIds: [groupId] });
    expect(res.body.data.map((u: { accountId: string }) => u.accountId)).toEqual([
      'agent-1',
      'agent-2',
      'agent-3',
      'agent-4',
      'agent-5',
    ]);
  },
);

it('expands platformRoles', async () => {
  const res = await search({ accountIds: ['admin-1'], expand: ['platformRoles'] });
  expect(res.body.data[0].platformRoles).toEqual(['atlassian/org-admin', 'atlassian/site-admin']);
});

it('expands counts.resources to the number of resources the user has roles on', async () => {
  const res = await search({ accountIds: ['direct-1', 'engineer-1'], expand: ['counts.resources'] });
  expect(res.body.data.map((u: { counts: unknown }) => u.counts)).toEqual([
    { resources: 2 },
    { resources: 1 },
  ]);
});

it('filters by accountIds', async () => {
  expect(ids(await search({ accountIds: ['stale-2', 'agent-3', 'nobody'] }))).toEqual(['agent-3', 'stale-2']);
});

it('filters by groupIds', async () => {
  expect(ids(await search({ groupIds: [GROUPS.jsmAgents] }))).toEqual([
    'agent-1',
    'agent-2',
    'agent-3',
    'agent-4',
    'agent-5',
  ]);
});

it('filters by resourceIds', async () => {
  const res = await search({ resourceIds: [JSM], limit: 100 });
  expect(ids(res)).toEqual([
    'agent-1',
    'agent-2',
    'agent-3',
    'agent-4',
    'agent-5',
    'customer-1',
    'customer-2',
  ]);
});

it('filters by status', async () => {
  expect(ids(await search({ status: ['suspended', 'deactivated'] }))).toEqual([
    'deactivated-1',
    'suspended-1',
  ]);
});

it('filters by accountStatus', async () => {
  expect(ids(await search({ accountStatus: ['inactive'] }))).toEqual(['deactivated-1']);
});

it('filters by membershipStatus', async () => {
  expect(ids(await search({ membershipStatus: ['suspended'] }))).toEqual(['suspended-1']);
});

it('filters by claimStatus', async () => {
  expect(ids(await search({ claimStatus: 'unmanaged' }))).toEqual([
    'app-1',
    'customer-1',
    'customer-2',
    'external-1',
    'external-2',
    'external-3',
  ]);
});

it('filters by roleIds, product and platform roles alike', async () => {
  expect(ids(await search({ roleIds: ['atlassian/admin'] }))).toEqual(['admin-1']);
  expect(ids(await search({ roleIds: ['atlassian/org-admin'] }))).toEqual(['admin-1']);
});

it('filters by emailDomains, with or without the @', async () => {
  expect(ids(await search({ emailDomains: ['@partner.example'] }))).toEqual([
    'external-1',
    'external-2',
    'external-3',
  ]);
});

it('filters by searchTerm across name, nickname and email, ignoring case', async () => {
  expect(ids(await search({ searchTerm: 'STALE 3' }))).toEqual(['stale-3']);
  expect(ids(await search({ searchTerm: 'una@' }))).toEqual(['unassigned-1']);
});

it('filters by exact emails', async () => {
  expect(ids(await search({ emails: ['ADA@acme.example', 'ada@'] }))).toEqual(['admin-1']);
});

it('filters by mfaEnabled', async () => {
  expect(ids(await search({ mfaEnabled: true }))).toEqual([
    'admin-1',
    'engineer-2',
    'engineer-4',
    'engineer-6',
  ]);
});

it('searches all directories with directory id -', async () => {
  const res = await api.call('POST', `${V2_ALL}/users/search`, { body: { accountIds: ['agent-1'] } });
  expect(ids(res)).toEqual(['agent-1']);
});

it('refuses searchTerm together with emails with 400', async () => {
  const res = await search({ searchTerm: 'a', emails: ['a@b.c'] });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/searchTerm.*emails/);
});

it('refuses an unknown expand with 400 naming it', async () => {
  const res = await search({ expand: ['productAccess', 'lastLogin'] });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/expand.*lastLogin/);
});

it('refuses an unknown body field with 400 naming it', async () => {
  const res = await search({ pageSize: 10 });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/pageSize/);
});

it('refuses an unknown status value with 400 naming the field', async () => {
  const res = await search({ status: ['gone'] });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/'status'.*gone/);
});

it('refuses a filter of the wrong type with 400 naming the field', async () => {
  const res = await search({ accountIds: 'admin-1' });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/accountIds/);
});

it('refuses a body that is not valid JSON with 400', async () => {
  const res = await api.call('POST', `${V2}/users/search`, { rawBody: '{"limit": ' });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/not valid JSON/);
});

it('treats a search without a body as a search without filters', async () => {
  const res = await api.call('POST', `${V2}/users/search`);
  expect(res.status).toBe(200);
  expect(res.body.data).toHaveLength(30);
});
