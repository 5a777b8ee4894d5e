import { startHost, type RunningHost } from './host-harness';

let running: RunningHost;

beforeEach(async () => {
  running = await startHost();
});

afterEach(() => running.close());

test('fireTrigger calls the scheduled function with the trigger event and no user', async () => {
  const result = await running.host.fireTrigger('tick');

  expect(result.ok).toBe(true);
  expect(running.host.kvs.peek('tick')).toEqual({
    cloudId: 'cloud-fixture',
    moduleKey: 'tick',
    principal: null,
  });
});

test('POST /__sandbox/triggers/:key/fire runs the trigger', async () => {
  const res = await fetch(`${running.baseUrl}/__sandbox/triggers/tick/fire`, { method: 'POST' });

  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
  expect(running.host.kvs.peek('tick')).toMatchObject({ moduleKey: 'tick' });
});

test('firing an unknown trigger answers 404 listing the known ones', async () => {
  const res = await fetch(`${running.baseUrl}/__sandbox/triggers/nope/fire`, { method: 'POST' });

  expect(res.status).toBe(404);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
    "No scheduled trigger 'nope' (the manifest has: tick, slow-tick).",
  );
});
