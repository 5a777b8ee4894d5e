import { validateJiraResponse } from './specValidator';

const user = {
  self: 'https://acme.atlassian.net/rest/api/3/user?accountId=u-1',
  accountId: 'u-1',
  accountType: 'atlassian',
  active: true,
  displayName: 'Ada',
  timeZone: 'Etc/UTC',
  locale: 'en_US',
};

test('accepts a users/search page that matches the spec', () => {
  expect(() => validateJiraResponse('GET', '/rest/api/3/users/search?startAt=0', 200, [user])).not.toThrow();
});

test('rejects a user whose accountType is not one the spec allows', () => {
  expect(() =>
    validateJiraResponse('GET', '/rest/api/3/users/search', 200, [{ ...user, accountType: 'bot' }]),
  ).toThrow(/accountType/);
});

test('rejects a property the spec does not define', () => {
  expect(() =>
    validateJiraResponse('GET', '/rest/api/3/user', 200, { ...user, lastLogin: 'yesterday' }),
  ).toThrow(/additional properties/);
});

test('rejects a paged answer shaped like the Organizations API', () => {
  expect(() =>
    validateJiraResponse('GET', '/rest/api/3/group/member', 200, { data: [user], links: {} }),
  ).toThrow(/does not match/);
});

test('rejects a status the operation does not document', () => {
  expect(() =>
    validateJiraResponse('GET', '/rest/api/3/applicationrole', 404, { errorMessages: [], errors: {} }),
  ).toThrow(/not documented/);
});

test('rejects an error body that is not an ErrorCollection', () => {
  expect(() =>
    validateJiraResponse('GET', '/rest/api/3/group/member', 404, { message: 'not found' }),
  ).toThrow(/does not match/);
});

test('rejects a body where the spec documents none', () => {
  expect(() => validateJiraResponse('DELETE', '/rest/api/3/group/user', 200, { ok: true })).toThrow(
    /no content/,
  );
});

test('accepts a null groupId because the spec marks it nullable', () => {
  expect(() =>
    validateJiraResponse('POST', '/rest/api/3/group/user', 201, { name: 'g', groupId: null }),
  ).not.toThrow();
});

test('matches a templated path to its operation', () => {
  expect(() =>
    validateJiraResponse('GET', '/rest/api/3/applicationrole/jira-software', 200, {
      key: 'jira-software',
      userCount: 'x',
    }),
  ).toThrow(/userCount/);
});

test('rejects a path the spec does not have', () => {
  expect(() => validateJiraResponse('GET', '/rest/api/3/nothing-here', 200, {})).toThrow(/no operation/);
});
