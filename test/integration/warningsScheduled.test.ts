import type { SentEmail } from '../../sandbox/jira';
import type { RunningSandbox } from '../../sandbox/start';
import type { PendingUser } from '../../src/domain/warning';
import { startSandboxApp, type AppClient } from '../support/appClient';
import { ruleInput, scope } from '../support/ruleInput';

let sandbox: RunningSandbox;
let app: AppClient;
let ruleId: string;
/** The users the first scheduled run warned. */
let warnedOnDay1: string[];

interface RunView {
  id: string;
  trigger: string;
  state: string;
  ruleIds: string[];
  counts: { succeeded: number; failed: number };
}

const WARNING_DAYS = 7;

async function post(path: string, body: unknown = {}): Promise<void> {
  await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The hourly trigger fires at `now` and every job step it starts runs. */
async function scheduleFiresAt(now: string): Promise<RunView> {
  await post('/__sandbox/clock', { now });
  await post('/__sandbox/triggers/cleanup-schedule/fire');
  await app.settle();
  const { runs } = await app.data<{ runs: RunView[] }>('listRuns', {});
  const ours = runs.filter((r) => r.trigger === 'schedule' && r.ruleIds.includes(ruleId));
  return ours.sort((a, b) => a.id.localeCompare(b.id)).at(-1)!;
}

async function pendingUsers(): Promise<PendingUser[]> {
  const all: PendingUser[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await app.data<{ total: number; items: PendingUser[] }>('listPending', {
      ruleId,
      offset,
      limit: 100,
    });
    all.push(...page.items);
    if (offset + 100 >= page.total) return all;
  }
}

async function outbox(): Promise<SentEmail[]> {
  return ((await (await fetch(`${sandbox.url}/__sandbox/outbox`)).json()) as { emails: SentEmail[] }).emails;
}

const membership = (id: string) => sandbox.ctx.org.user(id)!.membershipStatus;

beforeAll(async () => {
  ({ sandbox, app } = await startSandboxApp({ users: 600, seed: 11 }));
  await app.connectWithOrgScope();
  await app.analyse();
  const defaults = await app.data<{ subjectTemplate: string; bodyTemplate: string }>(
    'getNotificationSettings',
  );
  await app.data('saveNotificationSettings', {
    projectKey: 'ENG',
    subjectTemplate: defaults.subjectTemplate,
    bodyTemplate: defaults.bodyTemplate,
    adminContact: 'it-help@example.com',
    digest: { groupIds: [], accountIds: [] },
  });
  const saved = await app.data<{ saved: true; rule: { id: string } }>('saveRule', {
    rule: ruleInput({
      scope: scope({ includeGroupIds: [sandbox.ctx.org.groupByName('jira-software-users')!.id] }),
      schedule: { frequency: 'daily', hourUtc: 11 },
      warning: { days: WARNING_DAYS },
    }),
  });
  ruleId = saved.rule.id;
});
afterAll(() => sandbox.close());

it('warns on the first scheduled run, e-mailing every selected user and acting on nobody', async () => {
  const run = await scheduleFiresAt('2026-11-22T11:30:00Z');

  const pending = await pendingUsers();
  warnedOnDay1 = pending.map((p) => p.accountId);
  expect(run.state).toBe('completed');
  expect(run.counts.succeeded).toBe(0);
  expect(warnedOnDay1.length).toBeGreaterThan(3);
  const emailed = (await outbox()).flatMap((e) => e.to);
  expect([...emailed].sort()).toEqual([...warnedOnDay1].sort());
  for (const p of pending) expect(p.notifiedAt).not.toBeNull();
  for (const id of warnedOnDay1) expect(membership(id)).toBe('active');
});

it('acts on nobody at a scheduled run within the warning period', async () => {
  const run = await scheduleFiresAt('2026-11-26T11:30:00Z');

  expect(run.state).toBe('completed');
  expect(run.counts.succeeded).toBe(0);
  for (const id of warnedOnDay1) expect(membership(id)).toBe('active');
  const stillPending = (await pendingUsers()).map((p) => p.accountId);
  expect(stillPending).toEqual(expect.arrayContaining(warnedOnDay1));
});

it('acts after the due date on the warned users still inactive, and not on one who came back', async () => {
  const [cameBack, ...stayedAway] = warnedOnDay1 as [string, ...string[]];
  await post('/__sandbox/clock', { now: '2026-11-29T10:00:00Z' });
  await post('/__sandbox/activity', { accountId: cameBack, product: 'jira-software' });

  const run = await scheduleFiresAt('2026-11-30T11:30:00Z');

  expect(run.state).toBe('completed');
  expect(run.counts).toMatchObject({ succeeded: stayedAway.length, failed: 0 });
  for (const id of stayedAway) expect(membership(id)).toBe('suspended');
  expect(membership(cameBack)).toBe('active');
  const stillPending = (await pendingUsers()).map((p) => p.accountId);
  for (const id of warnedOnDay1) expect(stillPending).not.toContain(id);
});
