import { GROUPS, SOFTWARE_SEATS, startJiraSandbox, USERS, type As, type JiraSandbox } from './fixture';

let sandbox: JiraSandbox;
beforeEach(async () => {
  sandbox = await startJiraSandbox();
});
afterEach(() => sandbox.close());

async function softwareUserCount(): Promise<number> {
  const res = await sandbox.call<{ userCount: number }>('GET', '/rest/api/3/applicationrole/jira-software');
  return res.body.userCount;
}

async function activeMemberIds(groupId: string): Promise<string[]> {
  const res = await sandbox.call<{ values: Array<{ accountId: string }> }>(
    'GET',
    `/rest/api/3/group/member?groupId=${groupId}`,
  );
  return res.body.values.map((v) => v.accountId);
}

function add(groupId: string, accountId: string, as: As = 'admin') {
  return sandbox.call<{ errorMessages: string[] }>('POST', `/rest/api/3/group/user?groupId=${groupId}`, {
    as,
    body: { accountId },
  });
}

function remove(groupId: string, accountId: string, as: As = 'admin') {
  return sandbox.call<{ errorMessages: string[] }>(
    'DELETE',
    `/rest/api/3/group/user?groupId=${groupId}&accountId=${accountId}`,
    { as },
  );
}

test('the seat count starts from the live org state', async () => {
  expect(await softwareUserCount()).toBe(4);
});

test('adding a user to a licensing group raises userCount and lists the member', async () => {
  expect((await add(GROUPS.software, USERS.frank)).status).toBe(201);
  expect(await softwareUserCount()).toBe(5);
  expect(await activeMemberIds(GROUPS.software)).toContain(USERS.frank);
});

test('removing a user from their only licensing group lowers userCount and unlists the member', async () => {
  expect((await remove(GROUPS.software, USERS.alice)).status).toBe(200);
  expect(await softwareUserCount()).toBe(3);
  expect(await activeMemberIds(GROUPS.software)).not.toContain(USERS.alice);
});

test('the admin acting through the app (asUser) may change membership', async () => {
  expect((await remove(GROUPS.software, USERS.alice, { asUser: USERS.admin })).status).toBe(200);
});

test('the app acting as itself (asApp) is refused with 403', async () => {
  expect((await remove(GROUPS.software, USERS.alice, 'app')).status).toBe(403);
  expect(await softwareUserCount()).toBe(4);
});

test('a user without site administration is refused with 403', async () => {
  expect((await add(GROUPS.software, USERS.frank, { asUser: USERS.alice })).status).toBe(403);
});

test('a group synced from an identity provider cannot be changed', async () => {
  const res = await add(GROUPS.synced, USERS.alice);
  expect(res.status).toBe(400);
  expect(res.body.errorMessages[0]).toContain('identity provider');
});

test('adding beyond the seat limit is refused and the count stays at the limit', async () => {
  await add(GROUPS.software, USERS.frank);
  const res = await add(GROUPS.software, USERS.hank);
  expect(res.status).toBe(400);
  expect(res.body.errorMessages[0]).toContain('user limit');
  expect(await softwareUserCount()).toBe(SOFTWARE_SEATS);
});

test('adding an existing member is refused with 400', async () => {
  expect((await add(GROUPS.software, USERS.alice)).status).toBe(400);
});

test('a suspension made on the org model shows as inactive and drops userCount', async () => {
  sandbox.org.suspend(USERS.bob, sandbox.clock.now());
  const res = await sandbox.call<{ active: boolean }>('GET', `/rest/api/3/user?accountId=${USERS.bob}`);
  expect(res.body.active).toBe(false);
  expect(await softwareUserCount()).toBe(3);
  expect(await activeMemberIds(GROUPS.software)).not.toContain(USERS.bob);
});
