import { ORG_ID, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeAll(async () => {
  api = await startOrgApi();
});
afterAll(() => api.close());

const search = (key: string | null, path = `${V2}/users/search`) => api.call('POST', path, { key, body: {} });

it('refuses a request without an Authorization header with 401', async () => {
  const res = await search(null);
  expect(res.status).toBe(401);
  expect(res.body.errors[0]).toEqual(expect.objectContaining({ status: '401', code: 'ADMIN-UAM-401-1' }));
});

it('refuses a malformed Authorization header with 401', async () => {
  const res = await api.call('POST', `${V2}/users/search`, {
    key: null,
    headers: { authorization: 'Basic abc' },
    body: {},
  });
  expect(res.status).toBe(401);
  expect(res.body.errors[0].detail).toMatch(/malformed/);
});

it('refuses an unknown key with 401 saying the key is invalid or expired', async () => {
  const res = await search('ATCTT3x-not-a-key');
  expect(res.status).toBe(401);
  expect(res.body.errors[0].detail).toMatch(/invalid or expired/);
});

it('refuses an expired key with 401 saying the key is invalid or expired', async () => {
  const res = await search(api.keys.expired);
  expect(res.status).toBe(401);
  expect(res.body.errors[0].detail).toMatch(/invalid or expired/);
});

it('refuses a scoped key with 403 on the bulk search, which needs a key without scopes', async () => {
  const res = await search(api.keys.scoped);
  expect(res.status).toBe(403);
  expect(res.body.errors[0].detail).toMatch(/without scopes/);
});

it('lets a scoped key call an endpoint its scopes cover', async () => {
  const res = await api.call('GET', `/admin/v2/orgs/${ORG_ID}/directories`, { key: api.keys.scoped });
  expect(res.status).toBe(200);
});

it("refuses another org's key on this org's paths with 403 ADMIN-UAM-403-2", async () => {
  const res = await search(api.keys.otherOrg);
  expect(res.status).toBe(403);
  expect(res.body.errors[0].code).toBe('ADMIN-UAM-403-2');
});

it("lists only its own org for another org's key", async () => {
  const res = await api.call('GET', '/admin/v1/orgs', { key: api.keys.otherOrg });
  expect(res.body.data.map((o: { id: string }) => o.id)).not.toContain(ORG_ID);
});

it('answers an unknown orgId with 404', async () => {
  const res = await search(api.keys.valid, '/admin/v2/orgs/no-such-org/directories/-/users/search');
  expect(res.status).toBe(404);
  expect(res.body.errors[0].code).toBe('ADMIN-UAM-404-2');
});

it('answers an unknown directoryId with 404', async () => {
  const res = await search(api.keys.valid, `/admin/v2/orgs/${ORG_ID}/directories/no-such-dir/users/search`);
  expect(res.status).toBe(404);
  expect(res.body.errors[0].detail).toMatch(/no-such-dir/);
});

it("accepts directory id '-' as all directories", async () => {
  const res = await search(api.keys.valid, `/admin/v2/orgs/${ORG_ID}/directories/-/users/search`);
  expect(res.status).toBe(200);
  expect(res.body.data.length).toBeGreaterThan(0);
});
