import type { OverviewAnswer } from '../../src/app/overview/overview';
import { USER_STATES } from '../../src/domain/dashboard';
import type { JobStatus } from '../../src/jobs/types';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient, startSandboxApp, type AppClient } from '../support/appClient';

let sandbox: RunningSandbox;
let app: AppClient;

beforeAll(async () => {
  ({ sandbox, app } = await startSandboxApp({ users: 500, seed: 11 }));
  await app.connectWithOrgScope();
});
afterAll(() => sandbox.close());

async function scan(): Promise<void> {
  const job = await app.analyse({ refresh: true });
  expect((await app.data<JobStatus>('getJob', { jobId: job.id })).state).toBe('completed');
}

it('has no aggregate before the first scan, but already shows Jira’s seats', async () => {
  const overview = await app.data<OverviewAnswer>('getOverview');

  expect(overview.snapshot).toBeNull();
  expect(overview.dashboard).toBeNull();
  expect(overview.seats.map((s) => s.productKey)).toContain('jira-software');
});

it('after a scan, accounts for every scanned user once and counts the licences Jira counts', async () => {
  await scan();

  const { dashboard, snapshot, seats } = await app.data<OverviewAnswer>('getOverview');

  expect(dashboard?.snapshotId).toBe(snapshot?.id);
  const states = USER_STATES.reduce((sum, state) => sum + dashboard!.usersByState[state], 0);
  expect(states).toBe(dashboard!.users);
  expect(dashboard!.users).toBe(sandbox.ctx.org.users.length);
  const jira = dashboard!.products.find((p) => p.productKey === 'jira-software')!;
  expect(jira.licensed).toBe(seats.find((s) => s.productKey === 'jira-software')!.userCount);
  expect(jira.freeable).toBeGreaterThan(0);
  expect(jira.freeable).toBeLessThanOrEqual(jira.licensed - jira.active);
});

it('counts JSM agents as the JSM seats Jira counts, and live portal-only customers apart, as free', async () => {
  const { dashboard, seats } = await app.data<OverviewAnswer>('getOverview');

  const liveCustomers = sandbox.ctx.org.users.filter(
    (u) => u.accountType === 'customer' && sandbox.ctx.org.hasLiveAccess(u),
  );
  expect(liveCustomers.length).toBeGreaterThan(0);
  expect(dashboard!.usersByState['portal-customer']).toBe(liveCustomers.length);
  const agents = dashboard!.products.find((p) => p.productKey === 'jira-servicedesk')!;
  expect(agents.licensed).toBe(seats.find((s) => s.productKey === 'jira-servicedesk')!.userCount);
});

it('adds each completed scan to the trend', async () => {
  await scan();

  const { trend } = await app.data<OverviewAnswer>('getOverview');

  expect(trend).toHaveLength(2);
  expect(trend[0]!.completedAt <= trend[1]!.completedAt).toBe(true);
});

it('answers far under the 5 MB invoke limit', async () => {
  const result = await app.call<OverviewAnswer>('getOverview');

  expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(64 * 1024);
});

it('names the field of an invalid setting', async () => {
  const result = await app.call('saveOverviewSettings', { pricePerSeatMonthly: 'cheap' });

  expect(result).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'invalid-input', field: 'pricePerSeatMonthly' }),
  });
});

it('refuses the overview and its settings to a caller who is not a Jira administrator', async () => {
  const nonAdmin = appClient(sandbox, 'nonAdmin');

  for (const [key, payload] of [
    ['getOverview', {}],
    ['saveOverviewSettings', { inactiveDays: 30 }],
  ] as const) {
    expect(await nonAdmin.call(key, payload)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden' }),
    });
  }
});
