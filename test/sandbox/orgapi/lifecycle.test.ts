import { NOW, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeEach(async () => {
  api = await startOrgApi();
});
afterEach(() => api.close());

it('deactivates a managed account: 204, accountStatus inactive, status deactivated, deactivatedOn set', async () => {
  const res = await api.call('POST', '/users/stale-1/manage/lifecycle/disable', {
    body: { message: 'Left the company' },
  });
  expect(res.status).toBe(204);
  const user = (await api.call('GET', `${V2}/users/stale-1`)).body.data;
  expect(user).toEqual(expect.objectContaining({ accountStatus: 'inactive', status: 'deactivated' }));
  expect(Math.abs(Date.parse(user.deactivatedOn) - NOW)).toBeLessThan(60_000);
});

it('frees the seat of a deactivated account in the model', async () => {
  const jsw = api.ctx.org.product('jira-software')!;
  const before = api.ctx.org.seatsUsed(jsw);
  await api.call('POST', '/users/stale-1/manage/lifecycle/disable');
  expect(api.ctx.org.seatsUsed(jsw)).toBe(before - 1);
});

it('reactivates a deactivated managed account', async () => {
  await api.call('POST', '/users/stale-1/manage/lifecycle/disable');
  const res = await api.call('POST', '/users/stale-1/manage/lifecycle/enable');
  expect(res.status).toBe(204);
  const user = (await api.call('GET', `${V2}/users/stale-1`)).body.data;
  expect(user).toEqual(
    expect.objectContaining({ accountStatus: 'active', status: 'active', deactivatedOn: null }),
  );
});

it('refuses to deactivate an unmanaged account with 403 saying only managed accounts can be', async () => {
  const res = await api.call('POST', '/users/external-1/manage/lifecycle/disable');
  expect(res.status).toBe(403);
  expect(res.body.errors[0].detail).toMatch(/not managed by your organization/);
  expect(api.ctx.org.user('external-1')!.accountStatus).toBe('active');
});

it('refuses to deactivate an unknown account with 404', async () => {
  expect((await api.call('POST', '/users/nobody/manage/lifecycle/disable')).status).toBe(404);
});

it('refuses to deactivate an account twice with 409', async () => {
  await api.call('POST', '/users/stale-1/manage/lifecycle/disable');
  expect((await api.call('POST', '/users/stale-1/manage/lifecycle/disable')).status).toBe(409);
});

it("refuses another org's key on a managed account with 403", async () => {
  const res = await api.call('POST', '/users/stale-1/manage/lifecycle/disable', { key: api.keys.otherOrg });
  expect(res.status).toBe(403);
});
