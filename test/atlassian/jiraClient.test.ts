import { AtlassianApiError } from '../../src/atlassian/errors';
import { JiraClient } from '../../src/atlassian/jiraClient';
import { withRetries } from '../../src/atlassian/transport';
import type { HttpResponse, Transport } from '../../src/platform/ports';
import { recordedSleeps } from './support';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: async () => JSON.stringify(body),
  };
}

const ROLE = {
  key: 'jira-software',
  name: 'Jira',
  userCount: 10,
  numberOfSeats: 20,
  remainingSeats: 10,
  hasUnlimitedSeats: false,
};

it('reads application roles through a retrying transport that rides out a 429', async () => {
  const script = [
    answer(429, { errorMessages: ['Too many requests'] }, { 'retry-after': '2' }),
    answer(200, [ROLE]),
  ];
  const paths: string[] = [];
  const transport: Transport = async (path) => {
    paths.push(path);
    return script.shift()!;
  };
  const { waits, sleep } = recordedSleeps();

  const roles = await new JiraClient(withRetries(transport, 'jira', { sleep })).applicationRoles();

  expect(roles).toEqual([ROLE]);
  expect(paths).toEqual(['/rest/api/3/applicationrole', '/rest/api/3/applicationrole']);
  expect(waits).toEqual([2000]);
});

it("turns Jira's error collection into an AtlassianApiError naming the path without its query", async () => {
  const transport: Transport = async () => answer(400, { errorMessages: ['permissions must not be empty'] });
  const error = (await new JiraClient(transport)
    .hasAdministerPermission()
    .catch((e: unknown) => e)) as AtlassianApiError;
  expect(error).toBeInstanceOf(AtlassianApiError);
  expect(error.api).toBe('jira');
  expect(error.status).toBe(400);
  expect(error.path).toBe('/rest/api/3/mypermissions');
  expect(error.detail).toBe('permissions must not be empty');
});
