import { startJiraSandbox, USERS, type JiraSandbox } from './fixture';

/** Every answer is checked against the Jira spec inside `call`. */
let sandbox: JiraSandbox;
let first: { id: string; key: string };
let second: { id: string; key: string };
let third: { id: string; key: string };

interface SearchPage {
  issues: Array<{ id: string; key?: string; self?: string; fields?: Record<string, unknown> }>;
  isLast: boolean;
  nextPageToken?: string;
}

async function createIssue(projectKey: string, labels: string[]) {
  const res = await sandbox.call<{ id: string; key: string }>('POST', '/rest/api/3/issue', {
    body: {
      fields: {
        project: { key: projectKey },
        issuetype: { name: 'Task' },
        summary: `Issue labelled ${labels.join(' ')}`,
        labels,
      },
    },
  });
  return res.body;
}

const search = (query: string, as?: 'anonymous' | { asUser: string }) =>
  sandbox.call<SearchPage>('GET', `/rest/api/3/search/jql?${query}`, as ? { as } : {});
const jql = (text: string) => `jql=${encodeURIComponent(text)}`;

beforeAll(async () => {
  sandbox = await startJiraSandbox();
  first = await createIssue('ENG', ['cleanup', 'batch-a']);
  second = await createIssue('OPS', ['cleanup', 'batch-b']);
  third = await createIssue('ENG', ['other']);
});
afterAll(() => sandbox.close());

it('finds the issues carrying a label, answering ids only by default', async () => {
  const res = await search(jql('labels = "batch-a"'));

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ issues: [{ id: first.id }], isLast: true });
});

it('answers key, self and the fields asked for when fields are named', async () => {
  const res = await search(`${jql('labels = batch-b')}&fields=summary,labels`);

  expect(res.body.issues).toEqual([
    expect.objectContaining({
      id: second.id,
      key: second.key,
      self: expect.stringContaining(`/rest/api/3/issue/${second.id}`),
      fields: { summary: 'Issue labelled cleanup batch-b', labels: ['cleanup', 'batch-b'] },
    }),
  ]);
});

it('joins restrictions with AND, takes a list with in, and orders by key', async () => {
  const both = await search(jql('project = ENG AND labels in (cleanup, other) ORDER BY key DESC'));
  const none = await search(jql('project = OPS AND labels = other'));

  expect(both.body.issues.map((i) => i.id)).toEqual([third.id, first.id]);
  expect(none.body.issues).toEqual([]);
});

it('pages with an opaque nextPageToken until the last page', async () => {
  const page1 = await search(`${jql('project in (ENG, OPS) ORDER BY created ASC')}&maxResults=2`);
  const page2 = await search(
    `${jql('project in (ENG, OPS) ORDER BY created ASC')}&maxResults=2&nextPageToken=${page1.body.nextPageToken!}`,
  );

  expect(page1.body).toMatchObject({ isLast: false, issues: [{ id: first.id }, { id: second.id }] });
  expect(page2.body).toEqual({ issues: [{ id: third.id }], isLast: true });
});

it('costs one point plus one per issue returned', async () => {
  const before = sandbox.limits.state().pointsUsed;
  await search(jql('labels = cleanup'));
  expect(sandbox.limits.state().pointsUsed - before).toBe(1 + 2);
});

it('refuses a query without a search restriction, as search/jql refuses unbounded queries', async () => {
  const res = await search(jql('ORDER BY key DESC'));

  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    errorMessages: [expect.stringContaining('Unbounded JQL queries are not allowed')],
    errors: {},
  });
});

it.each([
  ['a field it does not know', 'assignee = currentUser()', "Field 'assignee' does not exist"],
  ['an operator it does not support', 'labels ~ cleanup', 'Error in the JQL Query'],
  ['an unfinished query', 'labels =', 'Error in the JQL Query'],
  [
    'a project that does not exist',
    'project = NOPE',
    "The value 'NOPE' does not exist for the field 'project'",
  ],
])('refuses %s with an ErrorCollection', async (_what, text, message) => {
  const res = await search(jql(text));

  expect(res.status).toBe(400);
  expect((res.body as unknown as { errorMessages: string[] }).errorMessages[0]).toContain(message);
});

it('refuses a malformed nextPageToken and more than 50 issues to reconcile', async () => {
  const badToken = await search(`${jql('labels = cleanup')}&nextPageToken=garbage`);
  const ids = Array.from({ length: 51 }, (_, i) => `reconcileIssues=${10_000 + i}`).join('&');
  const tooMany = await search(`${jql('labels = cleanup')}&${ids}`);

  expect(badToken.status).toBe(400);
  expect(tooMany.status).toBe(400);
});

it('shows no issues to an anonymous caller or a person without Jira', async () => {
  const anonymous = await search(jql('labels = cleanup'), 'anonymous');
  const noJira = await search(jql('labels = cleanup'), { asUser: USERS.frank });

  expect(anonymous.body).toEqual({ issues: [], isLast: true });
  expect(noJira.body).toEqual({ issues: [], isLast: true });
});
