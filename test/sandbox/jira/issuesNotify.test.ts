import { jiraSiteOf, viewIssueAs } from '../../../sandbox/jira';
import { GROUPS, resourceOf, startJiraSandbox, USERS, type JiraSandbox } from './fixture';

/** Every answer is checked against the Jira spec inside `call`. */
let sandbox: JiraSandbox;
beforeAll(async () => {
  sandbox = await startJiraSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => jiraSiteOf(sandbox.org).clearOutbox());

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

async function createIssue(fields: Record<string, unknown> = {}) {
  return sandbox.call<{ id: string; key: string; self: string }>('POST', '/rest/api/3/issue', {
    body: {
      fields: {
        project: { key: 'ENG' },
        issuetype: { name: 'Task' },
        summary: 'Access review',
        description: adf('Warned users'),
        ...fields,
      },
    },
  });
}

describe('project search', () => {
  it('lists the projects with their issue types when expanded', async () => {
    const res = await sandbox.call<{ total: number; values: Array<{ key: string; issueTypes?: unknown[] }> }>(
      'GET',
      '/rest/api/3/project/search?expand=issueTypes',
    );
    expect(res.status).toBe(200);
    expect(res.body.values.map((p) => p.key)).toEqual(['ENG', 'ITS', 'OPS']);
    expect(res.body.values[0]!.issueTypes).toHaveLength(2);
  });

  it('filters by text in the key or name and by keys', async () => {
    const byText = await sandbox.call<{ values: Array<{ key: string }> }>(
      'GET',
      '/rest/api/3/project/search?query=support',
    );
    const byKeys = await sandbox.call<{ values: Array<{ key: string }> }>(
      'GET',
      '/rest/api/3/project/search?keys=OPS&keys=ENG',
    );
    expect(byText.body.values.map((p) => p.key)).toEqual(['ITS']);
    expect(byKeys.body.values.map((p) => p.key)).toEqual(['ENG', 'OPS']);
  });

  it('pages with startAt and maxResults, saying whether the page is the last', async () => {
    const res = await sandbox.call<{ values: unknown[]; isLast: boolean; total: number; nextPage?: string }>(
      'GET',
      '/rest/api/3/project/search?startAt=1&maxResults=1',
    );
    expect(res.body).toMatchObject({ total: 3, isLast: false });
    expect(res.body.values).toHaveLength(1);
    expect(res.body.nextPage).toContain('startAt=2');
  });

  it('costs one point plus one per project returned', async () => {
    const before = sandbox.limits.state().pointsUsed;
    await sandbox.call('GET', '/rest/api/3/project/search');
    expect(sandbox.limits.state().pointsUsed - before).toBe(1 + 3);
  });

  it('refuses a malformed page parameter with an ErrorCollection', async () => {
    const res = await sandbox.call('GET', '/rest/api/3/project/search?startAt=x');
    expect(res.status).toBe(400);
  });
});

describe('create issue', () => {
  it('creates an issue with an ADF description and answers its id, key and self', async () => {
    const res = await createIssue();
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(/^ENG-\d+$/);
    expect(res.body.self).toContain(`/rest/api/3/issue/${res.body.id}`);
  });

  it('costs one point, as every write does', async () => {
    const before = sandbox.limits.state().pointsUsed;
    await createIssue();
    expect(sandbox.limits.state().pointsUsed - before).toBe(1);
  });

  it('refuses an unknown project with a field error, as Jira does', async () => {
    const res = await createIssue({ project: { key: 'NOPE' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errorMessages: [], errors: { project: 'Specify a valid project ID or key' } });
  });

  it('refuses a missing summary and a description that is not an Atlassian Document', async () => {
    const res = await createIssue({ summary: '', description: 'plain text' });
    expect(res.status).toBe(400);
    expect(Object.keys((res.body as unknown as { errors: object }).errors).sort()).toEqual([
      'description',
      'summary',
    ]);
  });

  it('refuses an anonymous caller with 401', async () => {
    const res = await sandbox.call('POST', '/rest/api/3/issue', { as: 'anonymous', body: { fields: {} } });
    expect(res.status).toBe(401);
  });
});

describe('notify', () => {
  it('sends one e-mail to the named users and the members of the named groups, into the outbox', async () => {
    const { body: issue } = await createIssue();
    const res = await sandbox.call('POST', `/rest/api/3/issue/${issue.key}/notify`, {
      body: {
        subject: 'Your access',
        textBody: 'Open the issue',
        htmlBody: '<p>Open the issue</p>',
        to: { users: [{ accountId: USERS.bob }], groups: [{ groupId: GROUPS.confluence }] },
      },
    });
    expect(res.status).toBe(204);
    expect(jiraSiteOf(sandbox.org).outbox()).toEqual([
      expect.objectContaining({
        issueKey: issue.key,
        subject: 'Your access',
        textBody: 'Open the issue',
        to: [USERS.bob, USERS.alice, USERS.frank, USERS.hank],
      }),
    ]);
  });

  it('does not e-mail accounts without live access or a mailbox', async () => {
    const { body: issue } = await createIssue();
    await sandbox.call('POST', `/rest/api/3/issue/${issue.key}/notify`, {
      body: {
        subject: 's',
        to: {
          users: [{ accountId: USERS.suspended }, { accountId: USERS.otherApp }, { accountId: USERS.bob }],
        },
      },
    });
    expect(jiraSiteOf(sandbox.org).outbox()[0]!.to).toEqual([USERS.bob]);
  });

  it('answers 404 for an issue that does not exist', async () => {
    const res = await sandbox.call('POST', '/rest/api/3/issue/ENG-9999/notify', {
      body: { subject: 's', to: { users: [{ accountId: USERS.bob }] } },
    });
    expect(res.status).toBe(404);
  });

  it('answers 400 for a notification to nobody and for an unknown user, and sends nothing', async () => {
    const { body: issue } = await createIssue();
    const nobody = await sandbox.call('POST', `/rest/api/3/issue/${issue.key}/notify`, {
      body: { subject: 's', to: {} },
    });
    const unknown = await sandbox.call('POST', `/rest/api/3/issue/${issue.key}/notify`, {
      body: { subject: 's', to: { users: [{ accountId: 'nobody' }] } },
    });
    expect([nobody.status, unknown.status]).toEqual([400, 400]);
    expect(jiraSiteOf(sandbox.org).outbox()).toEqual([]);
  });
});

describe('viewing an issue', () => {
  it("counts as the viewer's activity in the project's product", async () => {
    const { body: issue } = await createIssue();
    sandbox.clock.advanceDays(1);
    const viewedFrom = sandbox.clock.now();
    const res = await sandbox.call('GET', `/rest/api/3/issue/${issue.key}`, { as: { asUser: USERS.bob } });
    expect(res.status).toBe(200);
    expect(sandbox.org.user(USERS.bob)!.lastActive.get(resourceOf('jira-software'))).toBeGreaterThanOrEqual(
      viewedFrom,
    );
  });

  it('as the app records nobody\u2019s activity', async () => {
    const { body: issue } = await createIssue();
    const before = new Map(sandbox.org.user(USERS.bob)!.lastActive);
    sandbox.clock.advanceDays(1);
    await sandbox.call('GET', `/rest/api/3/issue/${issue.key}`);
    expect(sandbox.org.user(USERS.bob)!.lastActive).toEqual(before);
  });

  it('through the e-mail link records the recipient as active', async () => {
    const { body: issue } = await createIssue();
    sandbox.clock.advanceDays(1);
    const viewedFrom = sandbox.clock.now();
    viewIssueAs(sandbox.ctx, issue.key, USERS.alice);
    expect(sandbox.org.user(USERS.alice)!.lastActive.get(resourceOf('jira-software'))).toBeGreaterThanOrEqual(
      viewedFrom,
    );
  });
});
