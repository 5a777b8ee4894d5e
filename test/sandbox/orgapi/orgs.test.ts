import { DIRECTORY_ID, JSW, NOW, ORG_ID, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeAll(async () => {
  api = await startOrgApi();
});
afterAll(() => api.close());

it('lists the one org the key belongs to as {data:[{id, type: orgs, attributes:{name}}], links}', async () => {
  const res = await api.call('GET', '/admin/v1/orgs');
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual([
    expect.objectContaining({ id: ORG_ID, type: 'orgs', attributes: { name: 'Acme Corp' } }),
  ]);
  expect(res.body.links.self).toBe('https://api.atlassian.com/admin/v1/orgs');
});

it('lists the org directory as {data:[{directoryId, name}], links:{self}}', async () => {
  const res = await api.call('GET', `/admin/v2/orgs/${ORG_ID}/directories`);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual([{ directoryId: DIRECTORY_ID, name: 'Acme Corp directory' }]);
  expect(typeof res.body.links.self).toBe('string');
  expect(res.body.links.next).toBeUndefined();
});

it('answers last-active-dates with yyyy-MM-dd dates and second-precision UTC timestamps per used product', async () => {
  const res = await api.call('GET', `/admin/v1/orgs/${ORG_ID}/directory/users/licensed-1/last-active-dates`);
  expect(res.status).toBe(200);
  const at = new Date(NOW - 2 * 86_400_000).toISOString();
  expect(res.body).toEqual({
    data: {
      product_access: [
        {
          id: JSW,
          key: 'jira-software',
          last_active: at.slice(0, 10),
          last_active_timestamp: `${at.slice(0, 19)}Z`,
        },
      ],
      added_to_org: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      added_to_org_timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    },
    links: {},
  });
});

it('answers last-active-dates with an empty product_access for a user who never used a product', async () => {
  const res = await api.call(
    'GET',
    `/admin/v1/orgs/${ORG_ID}/directory/users/never-used-1/last-active-dates`,
  );
  expect(res.body.data.product_access).toEqual([]);
});

it('answers last-active-dates for an unknown account with 404', async () => {
  const res = await api.call('GET', `/admin/v1/orgs/${ORG_ID}/directory/users/nobody/last-active-dates`);
  expect(res.status).toBe(404);
});

it('answers an unknown path under /admin/ with a 404 in the errors shape', async () => {
  const res = await api.call('GET', '/admin/v2/nothing-here');
  expect(res.status).toBe(404);
  expect(res.body.errors[0]).toEqual(
    expect.objectContaining({ status: '404', code: expect.any(String), title: expect.any(String) }),
  );
});
