import { startJiraSandbox, USERS, type As, type JiraSandbox } from './fixture';

let sandbox: JiraSandbox;
beforeAll(async () => {
  sandbox = await startJiraSandbox();
});
afterAll(() => sandbox.close());

type Permissions = { permissions: Record<string, { havePermission: boolean; key: string; type: string }> };

async function has(as: As, key: string): Promise<boolean> {
  const res = await sandbox.call<Permissions>('GET', `/rest/api/3/mypermissions?permissions=${key}`, { as });
  expect(res.status).toBe(200);
  return res.body.permissions[key]!.havePermission;
}

test('the site admin holds ADMINISTER', async () => {
  expect(await has('admin', 'ADMINISTER')).toBe(true);
});

test('a licensed user without admin rights does not hold ADMINISTER', async () => {
  expect(await has({ asUser: USERS.alice }, 'ADMINISTER')).toBe(false);
});

test('a member of jira-admins without a platform role holds ADMINISTER but not SYSTEM_ADMIN', async () => {
  sandbox.org.seedMembership('g-jira-admins', USERS.bob);
  expect(await has({ asUser: USERS.bob }, 'ADMINISTER')).toBe(true);
  expect(await has({ asUser: USERS.bob }, 'SYSTEM_ADMIN')).toBe(false);
});

test('the app acting as itself holds ADMINISTER through its manage:jira-configuration scope', async () => {
  expect(await has('app', 'ADMINISTER')).toBe(true);
});

test('a customer does not hold USER_PICKER', async () => {
  expect(await has({ asUser: USERS.customer }, 'USER_PICKER')).toBe(false);
});

test('answers every requested key with its definition', async () => {
  const res = await sandbox.call<Permissions>(
    'GET',
    '/rest/api/3/mypermissions?permissions=ADMINISTER,USER_PICKER',
    {
      as: 'admin',
    },
  );
  expect(Object.keys(res.body.permissions)).toEqual(['ADMINISTER', 'USER_PICKER']);
  expect(res.body.permissions.ADMINISTER).toMatchObject({ key: 'ADMINISTER', type: 'GLOBAL', id: '0' });
});

test('refuses an empty permissions parameter with a 400 naming it', async () => {
  const res = await sandbox.call<{ errorMessages: string[] }>(
    'GET',
    '/rest/api/3/mypermissions?permissions=',
  );
  expect(res.status).toBe(400);
  expect(res.body.errorMessages[0]).toContain('permissions');
});
