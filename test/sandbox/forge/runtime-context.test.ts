import { ACCOUNTS, startHost, type RunningHost } from './host-harness';

interface ForgeRuntime {
  appContext: { invocationId: string };
  lambdaContext: { getRemainingTimeInMillis(): number };
}

let running: RunningHost;

beforeAll(async () => {
  running = await startHost();
});

afterAll(() => running.close());

test('concurrent invocations each see their own getAppContext().invocationId', async () => {
  const results = await Promise.all([
    running.host.invokeResolver('rendezvous', { parties: 2 }, 'admin'),
    running.host.invokeResolver('rendezvous', { parties: 2 }, 'admin'),
  ]);

  const bodies = results.map((r) => (r.ok ? (r.body as { before: string; after: string }) : undefined));
  expect(bodies[0]!.before).toBe(bodies[0]!.after);
  expect(bodies[1]!.before).toBe(bodies[1]!.after);
  expect(bodies[0]!.before).not.toBe(bodies[1]!.before);
  expect(results.map((r) => r.invocationId)).toEqual([bodies[0]!.before, bodies[1]!.before]);
});

test('__forge_runtime__ outside an invocation has no invocation and no time left', () => {
  const runtime = (globalThis as unknown as { __forge_runtime__: ForgeRuntime }).__forge_runtime__;

  expect(runtime.appContext.invocationId).toBe('outside-invocation');
  expect(runtime.lambdaContext.getRemainingTimeInMillis()).toBe(0);
});

test('a resolver invocation carries its module key and the caller in __forge_runtime__', async () => {
  const result = await running.host.invokeResolver('context', {}, 'nonAdmin');

  expect(result).toMatchObject({
    ok: true,
    body: { moduleKey: 'fixture-admin', accountId: ACCOUNTS.nonAdmin },
  });
});
