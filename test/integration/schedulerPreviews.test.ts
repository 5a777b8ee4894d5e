import type { RunningSandbox } from '../../sandbox/start';
import { startSandboxApp, type AppClient } from '../support/appClient';
import { inactivity, ruleInput } from '../support/ruleInput';

const USERS = 300;
const PAGE_SIZE = 100;
let sandbox: RunningSandbox;
let app: AppClient;

beforeAll(async () => {
  ({ sandbox, app } = await startSandboxApp({ users: USERS, seed: 7 }));
  await app.connectWithOrgScope();
  await app.analyse();
});
afterAll(() => sandbox.close());

function userSearches(): number {
  return Object.entries(sandbox.traffic.stats.snapshot().requests)
    .filter(([route]) => route.endsWith('/users/search'))
    .reduce((sum, [, count]) => sum + count, 0);
}

it('analyses every due preview-only rule in one job that scans a stale directory once', async () => {
  const ruleIds: string[] = [];
  for (const days of [30, 90]) {
    const saved = await app.data<{ rule: { id: string } }>('saveRule', {
      rule: ruleInput({
        name: `Jira idle ${days} days`,
        mode: 'preview',
        inactivity: inactivity({ days }),
        schedule: { frequency: 'daily', hourUtc: 10 },
      }),
    });
    ruleIds.push(saved.rule.id);
  }
  // A day and more later: both rules are due and the snapshot is too old to act on.
  sandbox.ctx.clock.setNow(new Date('2026-11-23T10:30:00Z'));
  sandbox.traffic.stats.reset();

  const fired = await sandbox.host.fireTrigger('cleanup-schedule');
  expect(fired.ok).toBe(true);
  await app.settle();

  // The org holds the second site's people besides the USERS generated for the first.
  expect(userSearches()).toBe(Math.ceil(sandbox.ctx.org.users.length / PAGE_SIZE));
  const preview = await app.data<{ ruleIds: string[] }>('getPreview', {});
  expect([...preview.ruleIds].sort()).toEqual([...ruleIds].sort());
});
