import { CONFLUENCE, JSM, JSW, V1_USERS, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeEach(async () => {
  api = await startOrgApi();
});
afterEach(() => api.close());

const revoke = (accountId: string, body: unknown) =>
  api.call('POST', `${V1_USERS}/${accountId}/roles/revoke`, { body });
const assign = (accountId: string, body: unknown) =>
  api.call('POST', `${V1_USERS}/${accountId}/roles/assign`, { body });
const codeOf = (res: { body: { errors: Array<{ code: string }> } }) => res.body.errors[0]!.code;

it('revokes a role the user holds directly: 204, the direct role is gone', async () => {
  const res = await revoke('direct-1', { role: 'atlassian/user', resource: CONFLUENCE });
  expect(res.status).toBe(204);
  expect(api.ctx.org.user('direct-1')!.directRoles).toEqual([]);
});

it('answers 404 with ADMIN-UAM-404-1 when the user holds no such direct role', async () => {
  const res = await revoke('licensed-1', { role: 'atlassian/user', resource: CONFLUENCE });
  expect(res.status).toBe(404);
  expect(codeOf(res)).toBe('ADMIN-UAM-404-1');
  expect(res.body.errors[0].detail).toMatch(/no direct role/);
});

it('assigns a direct role: 204, the user holds it', async () => {
  const res = await assign('licensed-1', { role: 'atlassian/user', resource: JSM });
  expect(res.status).toBe(204);
  expect(api.ctx.org.user('licensed-1')!.directRoles).toEqual([
    { resourceId: JSM, roleId: 'atlassian/user' },
  ]);
});

it('answers 409 with ADMIN-UAM-409-2 when the user already holds the role directly', async () => {
  const res = await assign('direct-1', { role: 'atlassian/user', resource: CONFLUENCE });
  expect(res.status).toBe(409);
  expect(codeOf(res)).toBe('ADMIN-UAM-409-2');
  expect(res.body.errors[0].detail).toMatch(/already holds/);
});

it('answers 409 with ADMIN-UAM-409-3 when a billable role would pass the seat limit', async () => {
  expect((await assign('licensed-1', { role: 'atlassian/user', resource: JSM })).status).toBe(204);
  const res = await assign('stale-1', { role: 'atlassian/user', resource: JSM });
  expect(res.status).toBe(409);
  expect(codeOf(res)).toBe('ADMIN-UAM-409-3');
});

it('answers 400 with ADMIN-UAM-400-2 when assigning to a suspended user', async () => {
  const res = await assign('suspended-1', { role: 'atlassian/user', resource: CONFLUENCE });
  expect(res.status).toBe(400);
  expect(codeOf(res)).toBe('ADMIN-UAM-400-2');
});

it('answers 400 with ADMIN-UAM-400-3 for a role the product does not have', async () => {
  const res = await assign('licensed-1', { role: 'atlassian/guest', resource: JSW });
  expect(res.status).toBe(400);
  expect(codeOf(res)).toBe('ADMIN-UAM-400-3');
  expect(res.body.errors[0].detail).toMatch(/atlassian\/guest/);
});

it('answers 400 with ADMIN-UAM-400-4 for a resource that is none of the org’s products', async () => {
  const res = await assign('licensed-1', { role: 'atlassian/user', resource: 'ari:cloud:nothing' });
  expect(res.status).toBe(400);
  expect(codeOf(res)).toBe('ADMIN-UAM-400-4');
  expect(res.body.errors[0].detail).toMatch(/ari:cloud:nothing/);
});

it('refuses a body without role with 400 naming it', async () => {
  const res = await revoke('direct-1', { resource: CONFLUENCE });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/'role' is required/);
});

it('refuses the old field names with 400 naming the unknown field', async () => {
  const res = await revoke('direct-1', { resourceId: CONFLUENCE, roleId: 'atlassian/user' });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].detail).toMatch(/resourceId/);
});

it('answers 404 for an unknown user', async () => {
  expect((await assign('nobody', { role: 'atlassian/user', resource: JSM })).status).toBe(404);
});

it.each(['assign', 'revoke'])(
  'has no v2 directory path for %s: 404 in the Organizations API error shape',
  async (verb) => {
    const res = await api.call('POST', `${V2}/users/direct-1/role-assignments/${verb}`, {
      body: { resourceId: CONFLUENCE, roleId: 'atlassian/user' },
    });
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe('ADMIN-UAM-404-1');
    expect(api.ctx.org.user('direct-1')!.directRoles).toHaveLength(1);
  },
);

describe('request bodies', () => {
  it('answers 415 with ADMIN-UAM-415-1 to a body that is not JSON', async () => {
    const res = await api.call('POST', `${V1_USERS}/direct-1/roles/revoke`, {
      rawBody: 'role=atlassian/user',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(codeOf(res)).toBe('ADMIN-UAM-415-1');
  });

  it('answers 415 to a POST without body or content type where a body is required', async () => {
    const res = await api.call('POST', `${V1_USERS}/direct-1/roles/revoke`);
    expect(res.status).toBe(415);
    expect(codeOf(res)).toBe('ADMIN-UAM-415-1');
  });

  it('answers 400 to a JSON POST whose body is missing', async () => {
    const res = await api.call('POST', `${V1_USERS}/direct-1/roles/revoke`, {
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('ADMIN-UAM-400-1');
    expect(res.body.errors[0].detail).toMatch(/body is required/);
  });

  it('accepts a suspend without a body: the operation reads none', async () => {
    expect((await api.call('POST', `${V2}/users/licensed-1/suspend`)).status).toBe(204);
  });
});
