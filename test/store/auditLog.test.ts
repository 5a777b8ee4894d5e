import { AuditLog, type AuditAttempt, type AuditEntry, type AuditQuery } from '../../src/store/auditLog';
import type { KvsStore } from '../../sandbox/forge/kvsStore';
import { forgeKvs } from './forgeKvs';

let store: KvsStore;
let audit: AuditLog;

beforeEach(() => {
  const kvs = forgeKvs();
  store = kvs.store;
  audit = new AuditLog(kvs.kv);
});

const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 4, day, 10, minute)).toISOString();

function attempt(overrides: Partial<AuditAttempt> = {}): AuditAttempt {
  return {
    runId: 'run-1',
    ruleId: 'r-1',
    actor: 'schedule',
    accountId: 'acc-1',
    userName: 'Ada Lovelace',
    action: 'suspend',
    target: null,
    reason: 'last active in Jira on 2025-01-01, 400 days ago; threshold 90',
    before: { status: 'active', groupIds: ['g-1'] },
    attemptedAt: at(1),
    ...overrides,
  };
}

async function completed(overrides: Partial<AuditAttempt> = {}): Promise<AuditEntry> {
  const entry = await audit.attempt(attempt(overrides));
  return audit.complete(entry.id, {
    state: 'succeeded',
    after: { status: 'suspended' },
    error: null,
    completedAt: entry.attemptedAt,
  });
}

async function allPages(query: AuditQuery): Promise<{ entries: AuditEntry[]; pages: number }> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await audit.search({ ...query, ...(cursor ? { cursor } : {}) });
    entries.push(...page.entries);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { entries, pages };
}

async function text(iterable: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const piece of iterable) all += piece;
  return all;
}

test('an attempted entry is completed with its outcome', async () => {
  const entry = await audit.attempt(attempt());

  const done = await audit.complete(entry.id, {
    state: 'failed',
    after: null,
    error: 'The user is an org admin',
    completedAt: at(1, 1),
  });

  expect(entry).toMatchObject({ state: 'attempted', after: null, error: null, completedAt: null });
  expect(done).toMatchObject({ state: 'failed', error: 'The user is an org admin', completedAt: at(1, 1) });
  await expect(audit.get(entry.id)).resolves.toEqual(done);
});

test('a retried attempt reuses the entry written the first time', async () => {
  const first = await audit.attempt(attempt());
  const keysAfterFirst = store.stats().keys;

  const retry = await audit.attempt(attempt({ attemptedAt: at(1, 5) }));

  expect(retry).toEqual(first);
  expect(store.stats().keys).toBe(keysAfterFirst);
  await expect(audit.search({})).resolves.toEqual({ entries: [first] });
});

test('completing twice with the same result writes once', async () => {
  const entry = await audit.attempt(attempt());
  const result = {
    state: 'succeeded' as const,
    after: { status: 'suspended' },
    error: null,
    completedAt: at(1, 1),
  };
  await audit.complete(entry.id, result);
  const writes = store.stats().writes;

  await audit.complete(entry.id, result);

  expect(store.stats().writes).toBe(writes);
});

test('completing an entry that was never attempted is an error naming its key', async () => {
  await expect(
    audit.complete('0123456789abcdef', { state: 'skipped', after: null, error: null, completedAt: at(1) }),
  ).rejects.toThrow("'audit:b:0123456789abcdef'");
});

test('entries of different actions on the same user in the same run are separate', async () => {
  await audit.attempt(attempt({ action: 'remove-from-group', target: 'g-1' }));
  await audit.attempt(attempt({ action: 'remove-from-group', target: 'g-2' }));
  await audit.attempt(attempt({ action: 'suspend' }));

  expect((await audit.search({})).entries).toHaveLength(3);
});

describe('search', () => {
  beforeEach(async () => {
    await completed({
      accountId: 'acc-1',
      runId: 'run-1',
      ruleId: 'r-1',
      action: 'suspend',
      attemptedAt: at(1),
    });
    await completed({
      accountId: 'acc-2',
      runId: 'run-1',
      ruleId: 'r-1',
      action: 'suspend',
      attemptedAt: at(1, 1),
    });
    await completed({
      accountId: 'acc-1',
      runId: 'run-2',
      ruleId: 'r-2',
      action: 'remove-from-group',
      target: 'g-1',
      attemptedAt: at(3),
    });
    await completed({
      accountId: 'acc-3',
      runId: 'run-3',
      ruleId: null,
      action: 'undo:suspend',
      attemptedAt: at(5),
    });
  });

  const who = (entries: AuditEntry[]) => entries.map((e) => `${e.runId}/${e.accountId}`);

  test('without filters it returns every entry, newest first', async () => {
    expect(who((await audit.search({})).entries)).toEqual([
      'run-3/acc-3',
      'run-2/acc-1',
      'run-1/acc-2',
      'run-1/acc-1',
    ]);
  });

  test('by user', async () => {
    expect(who((await audit.search({ accountId: 'acc-1' })).entries)).toEqual(['run-2/acc-1', 'run-1/acc-1']);
  });

  test('by run', async () => {
    expect(who((await audit.search({ runId: 'run-1' })).entries)).toEqual(['run-1/acc-2', 'run-1/acc-1']);
  });

  test('by rule', async () => {
    expect(who((await audit.search({ ruleId: 'r-2' })).entries)).toEqual(['run-2/acc-1']);
  });

  test('by an action with a colon in it', async () => {
    expect(who((await audit.search({ action: 'undo:suspend' })).entries)).toEqual(['run-3/acc-3']);
  });

  test('by user and action together', async () => {
    expect(who((await audit.search({ accountId: 'acc-1', action: 'suspend' })).entries)).toEqual([
      'run-1/acc-1',
    ]);
  });

  test('from a date, inclusive', async () => {
    expect(who((await audit.search({ from: at(3) })).entries)).toEqual(['run-3/acc-3', 'run-2/acc-1']);
  });

  test('up to a date, exclusive', async () => {
    expect(who((await audit.search({ to: at(1, 1) })).entries)).toEqual(['run-1/acc-1']);
  });

  test('within a range of days that has entries on neither end', async () => {
    expect(who((await audit.search({ from: '2026-05-02', to: '2026-05-04' })).entries)).toEqual([
      'run-2/acc-1',
    ]);
  });

  test('a range with no entries is empty, without a cursor', async () => {
    await expect(audit.search({ from: '2026-06-01' })).resolves.toEqual({ entries: [] });
  });
});

test('paging with cursors across 250 entries returns each once, newest first, in three pages', async () => {
  for (let n = 0; n < 250; n++) {
    await audit.attempt(attempt({ accountId: `acc-${n}`, attemptedAt: at(1 + Math.floor(n / 100), n % 60) }));
  }

  const { entries, pages } = await allPages({ limit: 100 });

  expect(pages).toBe(3);
  expect(entries).toHaveLength(250);
  expect(new Set(entries.map((e) => e.id)).size).toBe(250);
  const times = entries.map((e) => e.attemptedAt);
  expect(times).toEqual([...times].sort().reverse());
});

test('paging a filtered query with a small limit returns every match once', async () => {
  for (let n = 0; n < 250; n++) {
    await audit.attempt(
      attempt({ accountId: `acc-${n % 5}`, runId: `run-${n}`, attemptedAt: at(1, n % 60) }),
    );
  }

  const { entries } = await allPages({ accountId: 'acc-2', limit: 7 });

  expect(entries.map((e) => e.runId).sort()).toEqual(
    Array.from({ length: 50 }, (_, i) => `run-${i * 5 + 2}`).sort(),
  );
});

test('a cursor this log did not issue is refused', async () => {
  await expect(audit.search({ cursor: 'not-a-cursor' })).rejects.toThrow('was not issued by this store');
});

test('a limit above 200 is refused', async () => {
  await expect(audit.search({ limit: 201 })).rejects.toThrow('limit');
});

test('the CSV export quotes commas, quotes and line breaks in names and reasons', async () => {
  await completed({ userName: 'Lovelace, Ada "Countess"', reason: 'inactive for 400 days,\nthreshold 90' });

  const csv = await text(audit.exportCsv({}));

  const [header, row] = csv.split('\r\n');
  expect(header).toBe(
    'id,attemptedAt,completedAt,state,runId,ruleId,ruleName,actor,actorName,accountId,userName,action,target,targetName,reason,error,before,after',
  );
  expect(row).toContain(',"Lovelace, Ada ""Countess""",suspend,,,"inactive for 400 days,\nthreshold 90",,');
  expect(row).toContain(',"{""status"":""active"",""groupIds"":[""g-1""]}","{""status"":""suspended""}"');
  expect(csv.endsWith('\r\n')).toBe(true);
});

test('the CSV export puts the names of the actor, the rule and the target beside their ids', async () => {
  await completed({ actor: 'admin-1', action: 'remove-from-group', target: 'g-1' });
  const names = {
    actors: new Map([['admin-1', 'Grace Hopper']]),
    rules: new Map([['r-1', 'Idle engineers']]),
    targets: new Map([['g-1', 'jira-software-users']]),
  };

  const csv = await text(audit.exportCsv({}, () => Promise.resolve(names)));

  expect(csv.split('\r\n')[1]).toContain(
    ',run-1,r-1,Idle engineers,admin-1,Grace Hopper,acc-1,Ada Lovelace,remove-from-group,g-1,jira-software-users,',
  );
});

test('the CSV export names the scheduler as Schedule, and leaves the name of an unknown id empty', async () => {
  await completed({ actor: 'schedule', ruleId: 'r-deleted', target: 'g-gone' });

  const csv = await text(audit.exportCsv({}));

  expect(csv.split('\r\n')[1]).toContain(
    ',run-1,r-deleted,,schedule,Schedule,acc-1,Ada Lovelace,suspend,g-gone,,',
  );
});

test('the CSV export makes a cell that starts like a formula plain text', async () => {
  await completed({ userName: '=HYPERLINK("http://evil.example")' });

  const csv = await text(audit.exportCsv({}));

  expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
});

test('the JSON export parses back to the same entries as a search', async () => {
  for (let n = 0; n < 230; n++) {
    await completed({
      accountId: `acc-${n}`,
      userName: `Name "${n}", \u2028 ✓`,
      attemptedAt: at(1 + (n % 3), n % 60),
    });
  }

  const json = await text(audit.exportJson({ runId: 'run-1' }));

  const { entries } = await allPages({ runId: 'run-1', limit: 200 });
  expect(JSON.parse(json)).toEqual(entries);
  expect(entries).toHaveLength(230);
});

test('the JSON export of nothing is an empty array', async () => {
  await expect(text(audit.exportJson({}))).resolves.toBe('[]');
});

test('purge deletes entries before the date with every index key and marker, and keeps the rest', async () => {
  await completed({ accountId: 'acc-1', attemptedAt: at(1) });
  await completed({
    accountId: 'acc-2',
    runId: 'run-2',
    action: 'remove-from-group',
    target: 'g',
    attemptedAt: at(2, 30),
  });
  const kept = await completed({ accountId: 'acc-3', runId: 'run-3', attemptedAt: at(2, 45) });

  const purged = await audit.purgeOlderThan(at(2, 40));

  expect(purged).toBe(2);
  expect(store.keys().filter((key) => /acc-1|acc-2|run-2|remove-from-group/.test(key))).toEqual([]);
  expect(store.keys('audit:d:').filter((key) => key.startsWith('audit:d:run:run-3:'))).toHaveLength(1);
  expect(store.keys('audit:i:user:acc-3:')).toHaveLength(1);
  await expect(audit.search({})).resolves.toEqual({ entries: [kept] });
});

test('purging everything leaves no audit key at all', async () => {
  for (let n = 0; n < 60; n++) await completed({ accountId: `acc-${n}`, attemptedAt: at(1 + (n % 4), n) });

  await expect(audit.purgeOlderThan(at(20))).resolves.toBe(60);

  expect(store.keys('audit:')).toEqual([]);
});
