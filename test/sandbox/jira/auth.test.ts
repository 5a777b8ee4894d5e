import { CREDENTIALS, startJiraSandbox, USERS, type JiraSandbox } from './fixture';

let sandbox: JiraSandbox;
beforeAll(async () => {
  sandbox = await startJiraSandbox();
});
afterAll(() => sandbox.close());

const basic = (email: string, token: string) =>
  `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

test('an anonymous request is refused with 401 and an ErrorCollection', async () => {
  const res = await sandbox.call<{ errorMessages: string[] }>('GET', '/rest/api/3/myself', {
    as: 'anonymous',
  });
  expect(res.status).toBe(401);
  expect(res.body.errorMessages).toHaveLength(1);
});

test('basic auth with the wrong API token is refused with 401', async () => {
  const as = { authorization: basic(CREDENTIALS.jiraUserEmail, 'wrong') };
  expect((await sandbox.call('GET', '/rest/api/3/myself', { as })).status).toBe(401);
});

test('a bearer token that is not the app token is refused with 401', async () => {
  expect(
    (await sandbox.call('GET', '/rest/api/3/myself', { as: { authorization: 'Bearer nope' } })).status,
  ).toBe(401);
});

test('asUser for an unknown account is refused with 401', async () => {
  expect((await sandbox.call('GET', '/rest/api/3/myself', { as: { asUser: 'nobody' } })).status).toBe(401);
});

test('asUser for a suspended account is refused with 401', async () => {
  expect((await sandbox.call('GET', '/rest/api/3/myself', { as: { asUser: USERS.suspended } })).status).toBe(
    401,
  );
});

test('basic auth acts as the person whose email the token belongs to', async () => {
  const res = await sandbox.call<{ accountId: string }>('GET', '/rest/api/3/myself', { as: 'admin' });
  expect(res.body.accountId).toBe(USERS.admin);
});

test('asUser acts as the principal', async () => {
  const res = await sandbox.call<{ accountId: string }>('GET', '/rest/api/3/myself', {
    as: { asUser: USERS.alice },
  });
  expect(res.body.accountId).toBe(USERS.alice);
});

test('asApp acts as the app account', async () => {
  const res = await sandbox.call<{ accountId: string; accountType: string }>('GET', '/rest/api/3/myself');
  expect(res.body).toMatchObject({ accountId: USERS.app, accountType: 'app' });
});

test('user/email answers the hidden email to the app acting as itself', async () => {
  const res = await sandbox.call('GET', `/rest/api/3/user/email?accountId=${USERS.contractor}`);
  expect(res.body).toEqual({ accountId: USERS.contractor, email: 'carl@example.org' });
});

test('user/email refuses asUser with 401', async () => {
  const path = `/rest/api/3/user/email?accountId=${USERS.alice}`;
  expect((await sandbox.call('GET', path, { as: { asUser: USERS.admin } })).status).toBe(401);
});

test('serverInfo answers anonymous callers', async () => {
  expect((await sandbox.call('GET', '/rest/api/3/serverInfo', { as: 'anonymous' })).status).toBe(200);
});
