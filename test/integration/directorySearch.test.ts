import type { GroupEntry, SearchAnswer, UserEntry } from '../../src/app/directory/directorySearch';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient, startSandboxApp, type AppClient } from '../support/appClient';

let sandbox: RunningSandbox;
let app: AppClient;

beforeAll(async () => {
  ({ sandbox, app } = await startSandboxApp({ users: 600, seed: 7 }));
});
afterAll(() => sandbox.close());

async function connectAndScan(): Promise<void> {
  await app.connectWithOrgScope();
  await app.analyse();
}

const kvsStats = () => sandbox.host.kvs.stats();

it('answers an empty search, not an error, before any scan', async () => {
  const answer = await app.data<SearchAnswer<UserEntry>>('searchUsers', { query: 'a' });

  expect(answer).toEqual({ snapshotCompletedAt: null, matches: [], more: false });
});

describe('after a scan', () => {
  beforeAll(connectAndScan);

  it('finds users by part of their e-mail address, whatever its case', async () => {
    const someone = sandbox.ctx.org.users.find((u) => u.accountType === 'atlassian' && u.email)!;
    const part = someone.email!.split('@')[0]!.toUpperCase();

    const answer = await app.data<SearchAnswer<UserEntry>>('searchUsers', { query: part, limit: 50 });

    expect(answer.matches).toContainEqual({
      accountId: someone.accountId,
      name: someone.name,
      email: someone.email,
    });
    expect(answer.snapshotCompletedAt).not.toBeNull();
  });

  it('finds users by part of their name', async () => {
    const someone = sandbox.ctx.org.users.find((u) => u.accountType === 'atlassian')!;
    const answer = await app.data<SearchAnswer<UserEntry>>('searchUsers', {
      query: someone.name.slice(1, 6).toLowerCase(),
      limit: 50,
    });

    for (const match of answer.matches) {
      expect(`${match.name} ${match.email}`.toLowerCase()).toContain(someone.name.slice(1, 6).toLowerCase());
    }
    expect(answer.matches.length).toBeGreaterThan(0);
  });

  it('stops at the limit and says there are more', async () => {
    const answer = await app.data<SearchAnswer<UserEntry>>('searchUsers', { query: '@', limit: 5 });

    expect(answer.matches).toHaveLength(5);
    expect(answer.more).toBe(true);
  });

  it('refuses a limit above 50, naming the field', async () => {
    const result = await app.call('searchUsers', { query: 'a', limit: 51 });

    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid-input', field: 'limit' }),
    });
  });

  it('finds groups by part of their name with their member counts as scanned', async () => {
    const group = sandbox.ctx.org.groupByName('jira-software-users')!;

    const answer = await app.data<SearchAnswer<GroupEntry>>('searchGroups', { query: 'SOFTWARE-US' });

    expect(answer.matches).toContainEqual({
      id: group.id,
      name: 'jira-software-users',
      memberCount: sandbox.ctx.org.memberCount(group.id),
      syncedFromIdp: expect.any(Boolean) as boolean,
    });
    expect(answer.matches.every((g) => g.name.toLowerCase().includes('software-us'))).toBe(true);
  });

  it('writes nothing: it reads the names, ids and group sizes the scan stored', async () => {
    const writesBefore = kvsStats().writes;

    await app.data('searchUsers', { query: 'warm' });
    await app.data('searchGroups', { query: 'jira' });

    expect(kvsStats().writes).toBe(writesBefore);
  });

  it('names the users and groups a rule already refers to, leaving out unknown ids', async () => {
    const someone = sandbox.ctx.org.users.find((u) => u.accountType === 'atlassian')!;
    const group = sandbox.ctx.org.groupByName('jira-software-users')!;

    const answer = await app.data<{ users: UserEntry[]; groups: GroupEntry[] }>('lookupDirectory', {
      accountIds: [someone.accountId, 'no-such-account'],
      groupIds: [group.id, 'no-such-group'],
    });

    expect(answer.users).toEqual([
      { accountId: someone.accountId, name: someone.name, email: someone.email },
    ]);
    expect(answer.groups.map((g) => g.name)).toEqual(['jira-software-users']);
  });

  it('refuses a caller who is not a Jira administrator', async () => {
    const result = await appClient(sandbox, 'nonAdmin').call('searchUsers', { query: 'a' });

    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
  });
});
