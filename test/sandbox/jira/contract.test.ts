import { GROUPS, startJiraSandbox, USERS, type As, type JiraSandbox } from './fixture';

/** Every answer below is checked against the Jira spec inside `call`; each row pins its status too. */
const cases: Array<[string, string, number, As?, unknown?]> = [
  ['GET', '/rest/api/3/users/search', 200],
  ['GET', '/rest/api/3/users/search?maxResults=x', 400],
  ['GET', '/rest/api/3/users/search', 403, { asUser: USERS.frank }],
  ['GET', '/rest/api/3/users/search', 401, 'anonymous'],
  ['GET', `/rest/api/3/user?accountId=${USERS.alice}&expand=groups,applicationRoles`, 200],
  ['GET', `/rest/api/3/user?accountId=${USERS.app}`, 200],
  ['GET', '/rest/api/3/user?accountId=nobody', 404],
  ['GET', '/rest/api/3/user', 400],
  ['GET', `/rest/api/3/user?accountId=${USERS.alice}`, 403, { asUser: USERS.frank }],
  ['GET', `/rest/api/3/user/groups?accountId=${USERS.bob}`, 200],
  ['GET', '/rest/api/3/user/groups?accountId=nobody', 404],
  ['GET', `/rest/api/3/user/email?accountId=${USERS.contractor}`, 200],
  ['GET', '/rest/api/3/user/email?accountId=nobody', 404],
  ['GET', '/rest/api/3/user/email', 400],
  ['GET', `/rest/api/3/user/email?accountId=${USERS.alice}`, 401, 'admin'],
  ['GET', '/rest/api/3/myself?expand=groups,applicationRoles', 200, 'admin'],
  ['GET', '/rest/api/3/myself', 200],
  ['GET', '/rest/api/3/myself', 401, 'anonymous'],
  ['GET', '/rest/api/3/mypermissions?permissions=ADMINISTER,SYSTEM_ADMIN,USER_PICKER,BROWSE_PROJECTS', 200],
  ['GET', '/rest/api/3/mypermissions', 400],
  ['GET', '/rest/api/3/mypermissions?permissions=NOT_A_KEY', 400],
  ['GET', `/rest/api/3/group/member?groupId=${GROUPS.software}&includeInactiveUsers=true&maxResults=2`, 200],
  ['GET', '/rest/api/3/group/member?groupname=jira-software-users', 200],
  ['GET', '/rest/api/3/group/member', 400],
  ['GET', '/rest/api/3/group/member?groupId=nope', 404],
  ['GET', `/rest/api/3/group/member?groupId=${GROUPS.software}`, 403, { asUser: USERS.frank }],
  ['POST', `/rest/api/3/group/user?groupId=${GROUPS.discovery}`, 201, 'admin', { accountId: USERS.alice }],
  ['POST', `/rest/api/3/group/user?groupId=${GROUPS.discovery}`, 400, 'admin', {}],
  ['POST', '/rest/api/3/group/user?groupId=nope', 404, 'admin', { accountId: USERS.alice }],
  ['POST', `/rest/api/3/group/user?groupId=${GROUPS.discovery}`, 403, 'app', { accountId: USERS.bob }],
  ['DELETE', `/rest/api/3/group/user?groupId=${GROUPS.confluence}&accountId=${USERS.frank}`, 200, 'admin'],
  ['DELETE', `/rest/api/3/group/user?groupId=${GROUPS.confluence}`, 400, 'admin'],
  ['DELETE', `/rest/api/3/group/user?groupId=${GROUPS.confluence}&accountId=nobody`, 404, 'admin'],
  ['DELETE', `/rest/api/3/group/user?groupId=${GROUPS.confluence}&accountId=${USERS.hank}`, 403, 'app'],
  ['GET', '/rest/api/3/group/bulk?maxResults=3', 200],
  ['GET', `/rest/api/3/group/bulk?groupId=${GROUPS.admins}&groupName=empty-group`, 200],
  ['GET', '/rest/api/3/group/bulk?startAt=-1', 400],
  ['GET', '/rest/api/3/group/bulk', 403, { asUser: USERS.frank }],
  ['GET', '/rest/api/3/groups/picker?query=jira&maxResults=2', 200],
  ['GET', '/rest/api/3/applicationrole', 200],
  ['GET', '/rest/api/3/applicationrole', 403, { asUser: USERS.alice }],
  ['GET', '/rest/api/3/applicationrole/jira-servicedesk', 200],
  ['GET', '/rest/api/3/applicationrole/confluence', 404],
  ['GET', '/rest/api/3/serverInfo', 200, 'anonymous'],
  ['GET', '/rest/api/3/serverInfo', 401, { authorization: 'Bearer wrong' }],
];

let sandbox: JiraSandbox;
beforeAll(async () => {
  sandbox = await startJiraSandbox();
});
afterAll(() => sandbox.close());

test.each(cases.map(([method, path, status, as, body]) => ({ method, path, status, as, body })))(
  '$method $path answers $status in the shape the spec documents',
  async ({ method, path, status, as, body }) => {
    const res = await sandbox.call(method, path, { as, body });
    expect(res.status).toBe(status);
  },
);

test('a 429 answer matches the spec', async () => {
  sandbox.limits.configure({ hourlyPoints: 1 });
  await sandbox.call('GET', '/rest/api/3/serverInfo');
  const res = await sandbox.call('GET', '/rest/api/3/users/search');
  sandbox.limits.configure({ hourlyPoints: 65_000 });
  expect(res.status).toBe(429);
});
