import { jiraSiteOf } from '../../sandbox/jira';
import type { RunningSandbox } from '../../sandbox/start';
import { buildServices, type Platform, type Services } from '../../src/app/services';
import { batchLabel, notifyWarnedUsers } from '../../src/app/warnings/warnings';
import type { PendingUser } from '../../src/domain/warning';
import { DEFAULT_TEMPLATES } from '../../src/domain/template';
import type { NotificationSettings } from '../../src/store/notificationStore';
import { PendingStore } from '../../src/store/pendingStore';
import type { RunRecord } from '../../src/store/runStore';
import { aRule } from '../domain/builders';
import { startTestSandbox } from '../support/sandbox';
import { createTestPlatform } from '../support/testPlatform';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 50 });
});
afterAll(async () => {
  await sandbox.close();
});

const rule = aRule({ id: 'rule-warn', mode: 'live', warning: { days: 14 } });
const settings: NotificationSettings = {
  projectKey: 'ENG',
  projectId: '10000',
  issueTypeId: '100001',
  ...DEFAULT_TEMPLATES,
  adminContact: 'it-help@example.com',
  digest: { groupIds: [], accountIds: [] },
  updatedBy: 'admin-1',
  updatedAt: '2026-11-22T09:00:00.000Z',
};
const always = () => true;

/** Storage whose first write of the batch issue's key fails: the invocation died right after the create. */
function dyingBeforeTheIssueKeyIsStored(platform: Platform): Platform {
  let died = false;
  const store = new Proxy(platform.store, {
    get(target, prop, receiver) {
      if (prop === 'set') {
        return async (key: string, value: unknown) => {
          if (!died && key.startsWith('notify:batch:')) {
            died = true;
            throw new Error('invocation killed');
          }
          return target.set(key, value);
        };
      }
      const member = Reflect.get(target, prop, receiver) as unknown;
      return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(target) : member;
    },
  });
  return { ...platform, store };
}

/** Jira requests to a path, counted. */
function counting(platform: Platform, path: string): { platform: Platform; calls: () => number } {
  let calls = 0;
  return {
    platform: {
      ...platform,
      jira: (p, init) => {
        if (p.startsWith(path)) calls += 1;
        return platform.jira(p, init);
      },
    },
    calls: () => calls,
  };
}

/** A run that warned two of the sandbox's users and has not told them yet. */
async function runThatWarnedTwo(
  services: Services,
  runId: string,
): Promise<{ run: RunRecord; users: string[] }> {
  const at = services.platform.clock.now().toISOString();
  const people = sandbox.ctx.org.users.filter((u) => u.accountType === 'atlassian').slice(0, 2);
  const run = await services.runs.create({
    id: runId,
    trigger: 'admin',
    actor: 'admin-1',
    ruleIds: [rule.id],
    previewId: null,
    undoOf: null,
    state: 'running',
    counts: { planned: 2, succeeded: 0, failed: 0, skipped: 0 },
    message: null,
    createdAt: at,
    startedAt: at,
    finishedAt: null,
  });
  const warned = people.map((u): PendingUser => ({
    ruleId: rule.id,
    accountId: u.accountId,
    name: u.name,
    email: u.email,
    state: 'pending',
    warnedAt: at,
    warnedInRun: runId,
    dueAt: new Date(Date.parse(at) + 14 * 86_400_000).toISOString(),
    notifiedAt: null,
    issueKey: null,
    lastActiveAt: null,
    plannedActions: [{ kind: 'suspend' }],
    history: [],
    updatedAt: at,
  }));
  await new PendingStore(services.platform.store).write(warned.map((after) => ({ before: null, after })));
  return { run, users: people.map((u) => u.accountId) };
}

const issuesOfSite = () => jiraSiteOf(sandbox.ctx.org).issues();

test('a step killed between filing the batch issue and storing its key files no second issue when retried', async () => {
  const { platform } = createTestPlatform(sandbox);
  const services = buildServices(dyingBeforeTheIssueKeyIsStored(platform), () => []);
  const { run, users } = await runThatWarnedTwo(services, 'run-killed-after-create');
  const issuesBefore = issuesOfSite().length;

  await expect(notifyWarnedUsers(services, run, rule, settings, [], always)).rejects.toThrow(
    'invocation killed',
  );
  const retried = await notifyWarnedUsers(services, run, rule, settings, [], always);

  const filed = issuesOfSite().slice(issuesBefore);
  expect(filed).toHaveLength(1);
  expect(filed[0]!.labels).toContain(batchLabel(run.id, rule.id));
  expect(retried).toMatchObject({ done: true, notified: 2, failed: 0 });
  const pending = await new PendingStore(platform.store).getMany(rule.id, users);
  for (const id of users) expect(pending.get(id)?.issueKey).toBe(filed[0]!.key);
});

test('a first attempt files the batch issue without searching Jira for it', async () => {
  const { platform } = createTestPlatform(sandbox);
  const searches = counting(platform, '/rest/api/3/search/jql');
  const services = buildServices(searches.platform, () => []);
  const { run } = await runThatWarnedTwo(services, 'run-first-attempt');
  const issuesBefore = issuesOfSite().length;

  const progress = await notifyWarnedUsers(services, run, rule, settings, [], always);

  expect(progress).toMatchObject({ done: true, notified: 2 });
  expect(issuesOfSite().length - issuesBefore).toBe(1);
  expect(searches.calls()).toBe(0);
});

test('gives each batch its own label, the same on every attempt', () => {
  expect(batchLabel('run-1', 'rule-1')).toBe(batchLabel('run-1', 'rule-1'));
  expect(batchLabel('run-1', 'rule-2')).not.toBe(batchLabel('run-1', 'rule-1'));
  expect(batchLabel('run 1:x', 'rule-1')).toMatch(/^[a-z0-9-]+$/);
});
