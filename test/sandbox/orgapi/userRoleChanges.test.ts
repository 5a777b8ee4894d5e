import { CONFLUENCE, JSM, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeEach(async () => {
  api = await startOrgApi();
});
afterEach(() => api.close());

const revoke = (accountId: string, body: unknown) =>
  api.call('POST', `${V2}/users/${accountId}/role-assignments/revoke`, { body });
const assign = (accountId: string, body: unknown) =>
  api.call('POST', `${V2}/users/${accountId}/role-assignments/assign`, { body });

it('revokes a role the user holds directly: 204, the direct role is gone', async () => {
  const res = await revoke('direct-1', { resourceId: CONFLUENCE, roleId: 'atlassian/user' });
  expect(res.status).toBe(204);
  expect(api.ctx.org.user('direct-1')!.directRoles).toEqual([]);
});

it('answers 404 with ADMIN-UAM-404-1 when the user holds no such direct role', async () => {
  const res = await revoke('licensed-1', { resourceId: CONFLUENCE, roleId: 'atlassian/user' });
  expect(res.status).toBe(404);
  expect(res.body.errors[0]).toEqual(expect.objectContaining({ code: 'ADMIN-UAM-404-1' }));
  expect(res.body.errors[0].detail).toMatch(/no direct role/);
});

it('assigns a direct role: 204, the user holds it', async () => {
  const res = await assign('licensed-1', { resourceId: JSM, roleId: 'atlassian/user' });
  expect(res.status).toBe(204);
  expect(api.ctx.org.user('licensed-1')!.directRoles).toEqual([
    { resourceId: JSM, roleId: 'atlassian/user' },
  ]);
});

it('answers 409 with ADMIN-UAM-409-2 when the user already holds the role directly', async () => {
  const res = await assign('direct-1', { resourceId: CONFLUENCE, roleId: 'atlassian/user' });
  expect(res.status).toBe(409);
  expect(res.body.errors[0]).toEqual(expect.objectContaining({ code: 'ADMIN-UAM-409-2' }));
  expect(res.body.errors[0].detail).toMatch(/already holds/);
});

it('refuses a platform role with 400 naming roleId', async () => {
  const res = await assign('licensed-1', { resourceId: JSM, roleId: 'atlassian/org-admin' });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/'roleId'/);
});

it('refuses a resource that is not one of the org’s products with 404', async () => {
  const res = await assign('licensed-1', { resourceId: 'ari:cloud:nothing', roleId: 'atlassian/user' });
  expect(res.status).toBe(404);
  expect(res.body.errors[0].detail).toMatch(/ari:cloud:nothing/);
});

it('refuses a body without resourceId with 400 naming it', async () => {
  const res = await revoke('direct-1', { roleId: 'atlassian/user' });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/'resourceId' is required/);
});

it('answers 404 for an unknown user', async () => {
  expect((await assign('nobody', { resourceId: JSM, roleId: 'atlassian/user' })).status).toBe(404);
});
