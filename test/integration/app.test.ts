import type { RunningSandbox } from '../../sandbox/start';
import type { AppStatus, ResolverResult } from '../../src/contract';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

async function invoke(functionKey: string, as: 'admin' | 'nonAdmin', payload: unknown = {}) {
  const res = await fetch(`${sandbox.url}/__sandbox/invoke/${functionKey}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ payload, as }),
  });
  return (await res.json()) as { ok: boolean; body?: ResolverResult<AppStatus>; error?: { message: string } };
}

it("shows a Jira administrator the app's status with Jira's own seat counts", async () => {
  const result = await invoke('getAppStatus', 'admin');

  expect(result.ok).toBe(true);
  expect(result.body?.ok).toBe(true);
  const status = (result.body as { ok: true; data: AppStatus }).data;
  expect(status.orgApiKeySet).toBe(false);
  const product = sandbox.ctx.org.product('jira-software')!;
  expect(status.seats.find((s) => s.productKey === 'jira-software')).toEqual(
    expect.objectContaining({
      userCount: sandbox.ctx.org.seatsUsed(product),
      numberOfSeats: product.seatLimit,
    }),
  );
});

it('refuses a caller who is not a Jira administrator', async () => {
  const result = await invoke('getAppStatus', 'nonAdmin');

  expect(result.body).toEqual({
    ok: false,
    error: { code: 'forbidden', message: 'Only Jira administrators can use Inactive User Cleanup.' },
  });
});

it("carries the schedule's check through the job queue to the consumer", async () => {
  const fired = await fetch(`${sandbox.url}/__sandbox/triggers/cleanup-schedule/fire`, { method: 'POST' });
  expect(fired.status).toBe(200);
  await sandbox.host.queue.drain({ advanceDelays: true });

  const status = (await invoke('getAppStatus', 'admin')).body as { ok: true; data: AppStatus };
  expect(status.data.heartbeat.scheduledAt).not.toBeNull();
  expect(status.data.heartbeat.processedAt).not.toBeNull();
});

it('serves the admin page with the Custom UI bridge loaded before the app', async () => {
  const res = await fetch(`${sandbox.url}/`);
  const html = await res.text();

  expect(res.status).toBe(200);
  expect(html.indexOf('/__sandbox/bridge.js')).toBeGreaterThan(-1);
  expect(html.indexOf('/__sandbox/bridge.js')).toBeLessThan(html.indexOf('type="module"'));
});

it("runs the app on the sandbox's clock, so moving the clock forward ages the app's records", async () => {
  await fetch(`${sandbox.url}/__sandbox/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceDays: 30 }),
  });
  const sandboxNow = (await (await fetch(`${sandbox.url}/__sandbox/clock`)).json()) as { now: string };

  await fetch(`${sandbox.url}/__sandbox/triggers/cleanup-schedule/fire`, { method: 'POST' });

  const status = (await invoke('getAppStatus', 'admin')).body as { ok: true; data: AppStatus };
  const ranAt = Date.parse(status.data.heartbeat.scheduledAt!);
  expect(Math.abs(ranAt - Date.parse(sandboxNow.now))).toBeLessThan(60_000);
});
