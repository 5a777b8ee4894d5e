import { GROUPS, JSW, ORG_ID, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeEach(async () => {
  api = await startOrgApi();
});
afterEach(() => api.close());

const EVENTS = `/admin/v1/orgs/${ORG_ID}/events-stream`;
const actions = (res: { body: { data: Array<{ attributes: { action: string } }> } }) =>
  res.body.data.map((e) => e.attributes.action);

async function makeEveryKindOfChange(): Promise<void> {
  await api.call('POST', `${V2}/users/stale-1/suspend`);
  await api.call('POST', `${V2}/users/stale-1/restore`);
  await api.call('DELETE', `${V2}/users/stale-2`);
  await api.call('POST', `${V2}/groups/${GROUPS.confluenceUsers}/memberships`, {
    body: { accountId: 'unassigned-1' },
  });
  await api.call('DELETE', `${V2}/groups/${GROUPS.jswUsers}/memberships/stale-3`);
  await api.call('POST', `${V2}/groups/${GROUPS.jiraAdmins}/role-assignments/revoke`, {
    body: { resourceId: JSW, roleId: 'atlassian/admin' },
  });
  await api.call('POST', '/users/stale-4/manage/lifecycle/disable');
}

it('records every change with its action, in order', async () => {
  await makeEveryKindOfChange();
  const res = await api.call('GET', EVENTS);
  expect(res.status).toBe(200);
  expect(actions(res)).toEqual([
    'user_access_suspended',
    'user_access_restored',
    'user_removed_from_directory',
    'group_member_added',
    'group_member_removed',
    'group_role_revoked',
    'account_deactivated',
  ]);
});

it('records no event for a refused change', async () => {
  await api.call('POST', `${V2}/users/suspended-1/suspend`);
  expect((await api.call('GET', EVENTS)).body.data).toEqual([]);
});

it('names the acting API key and the changed user in an event', async () => {
  await api.call('POST', `${V2}/users/stale-1/suspend`);
  const event = (await api.call('GET', EVENTS)).body.data[0];
  expect(event).toEqual(
    expect.objectContaining({
      id: expect.any(String),
      type: 'events',
      attributes: expect.objectContaining({
        time: expect.stringMatching(/^2026-05-12T/),
        actor: expect.objectContaining({
          id: 'admin-1',
          auth: expect.objectContaining({ authType: 'api-token', tokenId: expect.any(String) }),
        }),
        context: [expect.objectContaining({ id: 'stale-1', type: 'user' })],
      }),
    }),
  );
});

it('pages events with a cursor in meta.next and links as URLs', async () => {
  await makeEveryKindOfChange();
  const first = await api.call('GET', `${EVENTS}?limit=4`);
  expect(first.body.data).toHaveLength(4);
  expect(first.body.meta).toEqual({ next: expect.any(String), page_size: 4 });
  expect(first.body.links.next).toMatch(
    /^https:\/\/api\.atlassian\.com\/admin\/v1\/orgs\/.+\/events-stream\?.*cursor=/,
  );
  const second = await api.call('GET', `${EVENTS}?limit=4&cursor=${first.body.meta.next}`);
  expect(second.body.data).toHaveLength(3);
  expect(second.body.meta.next).toBeUndefined();
});

it('lists events newest first with sortOrder=desc', async () => {
  await makeEveryKindOfChange();
  const res = await api.call('GET', `${EVENTS}?sortOrder=desc&limit=2`);
  expect(actions(res)).toEqual(['account_deactivated', 'group_role_revoked']);
  const next = await api.call('GET', `${EVENTS}?sortOrder=desc&limit=2&cursor=${res.body.meta.next}`);
  expect(actions(next)).toEqual(['group_member_removed', 'group_member_added']);
});

it('refuses an events cursor used with another sort order with 400', async () => {
  await makeEveryKindOfChange();
  const res = await api.call('GET', `${EVENTS}?limit=2`);
  expect(
    (await api.call('GET', `${EVENTS}?sortOrder=desc&limit=2&cursor=${res.body.meta.next}`)).status,
  ).toBe(400);
});

it('refuses the events stream to the scoped key, which lacks read:events:admin, with 403', async () => {
  const res = await api.call('GET', EVENTS, { key: api.keys.scoped });
  expect(res.status).toBe(403);
  expect(res.body.errors[0].detail).toMatch(/read:events:admin/);
});
