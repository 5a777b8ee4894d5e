import { GROUPS, JSM_SEATS, NOW, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeEach(async () => {
  api = await startOrgApi();
});
afterEach(() => api.close());

const groupIdsOf = async (accountId: string) => {
  const res = await api.call('POST', `${V2}/users/search`, {
    body: { accountIds: [accountId], expand: ['groups'] },
  });
  return res.body.data[0].groups.map((g: { id: string }) => g.id.replace('ari:cloud:identity::group/', ''));
};

it('suspends a user: 204, membership suspended, groups kept, seat freed in the model', async () => {
  const jsw = api.ctx.org.product('jira-software')!;
  const before = api.ctx.org.seatsUsed(jsw);
  const res = await api.call('POST', `${V2}/users/licensed-1/suspend`);
  expect(res.status).toBe(204);
  const user = (await api.call('GET', `${V2}/users/licensed-1`)).body.data;
  expect(user).toEqual(expect.objectContaining({ status: 'suspended', membershipStatus: 'suspended' }));
  expect(await groupIdsOf('licensed-1')).toEqual([GROUPS.jswUsers]);
  expect(api.ctx.org.seatsUsed(jsw)).toBe(before - 1);
});

it('stamps a suspension with the sandbox clock, not the wall clock', async () => {
  await api.call('POST', `${V2}/users/licensed-1/suspend`);
  const suspendedAt = api.ctx.org.user('licensed-1')!.suspendedAt!;
  expect(Math.abs(suspendedAt - NOW)).toBeLessThan(60_000);
});

it('restores a suspended user with the same groups', async () => {
  await api.call('POST', `${V2}/users/licensed-1/suspend`);
  const res = await api.call('POST', `${V2}/users/licensed-1/restore`);
  expect(res.status).toBe(204);
  expect((await api.call('GET', `${V2}/users/licensed-1`)).body.data.status).toBe('active');
  expect(await groupIdsOf('licensed-1')).toEqual([GROUPS.jswUsers]);
});

it('refuses to suspend a user who is already suspended with 409', async () => {
  const res = await api.call('POST', `${V2}/users/suspended-1/suspend`);
  expect(res.status).toBe(409);
  expect(res.body.errors[0].detail).toMatch(/already suspended/);
});

it('refuses to restore a user who is not suspended with 409', async () => {
  expect((await api.call('POST', `${V2}/users/licensed-1/restore`)).status).toBe(409);
});

it('refuses to suspend an unknown user with 404', async () => {
  expect((await api.call('POST', `${V2}/users/nobody/suspend`)).status).toBe(404);
});

it('removes a user from the directory: groups and roles are lost, the managed account stays listed', async () => {
  const res = await api.call('DELETE', `${V2}/users/stale-1`);
  expect(res.status).toBe(204);
  expect(api.ctx.org.isInDirectory('stale-1')).toBe(false);
  const user = (await api.call('GET', `${V2}/users/stale-1`)).body.data;
  expect(user).toEqual(expect.objectContaining({ membershipStatus: 'no_membership', status: 'not_invited' }));
  expect(await groupIdsOf('stale-1')).toEqual([]);
  expect((await api.call('GET', `${V2}/users/stale-1/role-assignments`)).body.data).toEqual([]);
});

it('removes an unmanaged user from the directory so the org no longer lists them', async () => {
  await api.call('DELETE', `${V2}/users/external-1`);
  expect((await api.call('GET', `${V2}/users/external-1`)).status).toBe(404);
});

it('refuses to restore a removed user with 404 saying they must be invited again', async () => {
  await api.call('DELETE', `${V2}/users/stale-1`);
  const res = await api.call('POST', `${V2}/users/stale-1/suspend`);
  expect(res.status).toBe(404);
  expect(res.body.errors[0].detail).toMatch(/invited to the organization again/);
});

it('adds a member to a group: 204 and visible in the model', async () => {
  const res = await api.call('POST', `${V2}/groups/${GROUPS.confluenceUsers}/memberships`, {
    body: { accountId: 'unassigned-1' },
  });
  expect(res.status).toBe(204);
  expect(api.ctx.org.isMember(GROUPS.confluenceUsers, 'unassigned-1')).toBe(true);
});

it('removes a member from a group: 204 and visible in the model', async () => {
  const res = await api.call('DELETE', `${V2}/groups/${GROUPS.jswUsers}/memberships/stale-2`);
  expect(res.status).toBe(204);
  expect(api.ctx.org.isMember(GROUPS.jswUsers, 'stale-2')).toBe(false);
});

it('refuses to add a member to an IdP-synced group with 403', async () => {
  const res = await api.call('POST', `${V2}/groups/${GROUPS.idpEngineering}/memberships`, {
    body: { accountId: 'unassigned-1' },
  });
  expect(res.status).toBe(403);
  expect(res.body.errors[0].detail).toMatch(/identity provider/);
});

it('refuses to remove a member from an IdP-synced group with 403', async () => {
  const res = await api.call('DELETE', `${V2}/groups/${GROUPS.idpEngineering}/memberships/engineer-1`);
  expect(res.status).toBe(403);
});

it('refuses an addition past the product user limit with 409 ADMIN-UAM-409-3', async () => {
  expect(api.ctx.org.seatsUsed(api.ctx.org.product('jira-servicedesk')!)).toBe(JSM_SEATS - 1);
  const ok = await api.call('POST', `${V2}/groups/${GROUPS.jsmAgents}/memberships`, {
    body: { accountId: 'unassigned-1' },
  });
  expect(ok.status).toBe(204);
  const res = await api.call('POST', `${V2}/groups/${GROUPS.jsmAgents}/memberships`, {
    body: { accountId: 'licensed-1' },
  });
  expect(res.status).toBe(409);
  expect(res.body.errors[0].code).toBe('ADMIN-UAM-409-3');
  expect(res.body.errors[0].detail).toMatch(/user limit/);
});

it('refuses to add an existing member with 409', async () => {
  const res = await api.call('POST', `${V2}/groups/${GROUPS.jswUsers}/memberships`, {
    body: { accountId: 'stale-3' },
  });
  expect(res.status).toBe(409);
});

it('refuses a membership for an unknown group with 404 ADMIN-UAM-404-3', async () => {
  const res = await api.call('POST', `${V2}/groups/no-such-group/memberships`, {
    body: { accountId: 'stale-3' },
  });
  expect(res.status).toBe(404);
  expect(res.body.errors[0].code).toBe('ADMIN-UAM-404-3');
});

it('refuses a membership for an unknown user with 404', async () => {
  const res = await api.call('POST', `${V2}/groups/${GROUPS.jswUsers}/memberships`, {
    body: { accountId: 'nobody' },
  });
  expect(res.status).toBe(404);
});

it('refuses a membership body without accountId with 400 naming it', async () => {
  const res = await api.call('POST', `${V2}/groups/${GROUPS.jswUsers}/memberships`, { body: {} });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/accountId/);
});
