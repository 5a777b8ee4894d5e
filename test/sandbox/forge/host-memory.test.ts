import { startHost, type RunningHost } from './host-harness';

let running: RunningHost;

// Full garbage collections confirm each measure; on a loaded machine they take a while.
jest.setTimeout(30_000);

beforeAll(async () => {
  running = await startHost();
  running.host.configureLimits({ invocations: { memoryMb: 48 } });
});

afterAll(() => running.close());

test('an invocation whose heap grows past the memory limit (512 MB, lowered to 48 here) fails with FUNCTION_OUT_OF_MEMORY', async () => {
  const result = await running.host.invokeResolver('hold-heap', { mb: 96 }, 'admin');

  expect(result).toMatchObject({
    ok: false,
    error: {
      code: 'FUNCTION_OUT_OF_MEMORY',
      message: expect.stringMatching(/ran out of memory: its heap grew past 48 MB/),
    },
  });
  expect(running.host.invocationStats().byFunction.resolver).toMatchObject({ outOfMemory: 1 });
});

test('an invocation that stays under the limit runs, and its peak heap is reported', async () => {
  // The stopped invocation above runs on in-process after its answer (no isolation, ADR 15): let it end first.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  running.host.resetStats();

  const result = await running.host.invokeResolver('hold-heap', { mb: 16 }, 'admin');

  expect(result).toMatchObject({ ok: true, body: { chunks: 16 } });
  const { peakHeapMb } = running.host.invocationStats().byFunction.resolver!;
  expect(peakHeapMb).toBeGreaterThanOrEqual(12);
  expect(peakHeapMb).toBeLessThan(48);
});
