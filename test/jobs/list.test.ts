import { countingJob, harness } from './countingJob';

function jobs() {
  const scan = countingJob({ kind: 'scan' });
  const undo = countingJob({ kind: 'undo' });
  return harness([scan.definition, undo.definition]);
}

test('list returns jobs newest first', async () => {
  const { runner, clock } = jobs();
  for (const id of ['first', 'second', 'third']) {
    await runner.start('scan', { steps: 1 }, 'admin-1', { jobId: id });
    clock.advance(1000);
  }

  const listed = await runner.list();

  expect(listed.map((status) => status.id)).toEqual(['third', 'second', 'first']);
});

test('list with a kind returns only jobs of that kind', async () => {
  const { runner, clock } = jobs();
  for (const [id, kind] of [
    ['scan-1', 'scan'],
    ['undo-1', 'undo'],
    ['scan-2', 'scan'],
  ] as const) {
    await runner.start(kind, { steps: 1 }, 'admin-1', { jobId: id });
    clock.advance(1000);
  }

  const listed = await runner.list({ kind: 'scan' });

  expect(listed.map((status) => status.id)).toEqual(['scan-2', 'scan-1']);
});

test('list caps its limit at 100 and keeps the newest', async () => {
  const { runner, clock } = jobs();
  for (let n = 0; n < 150; n += 1) {
    await runner.start('scan', { steps: 1 }, 'admin-1', { jobId: `scan-${n}` });
    clock.advance(1000);
  }

  const listed = await runner.list({ limit: 120 });

  expect(listed).toHaveLength(100);
  expect(listed[0]?.id).toBe('scan-149');
});

test('list shows the progress each job has made', async () => {
  const { runner, queue, deliver } = jobs();
  await runner.start('scan', { steps: 3 }, 'admin-1', { jobId: 'scan-1' });

  await queue.deliver(deliver, { maxDeliveries: 2 });

  expect(await runner.list()).toEqual([
    expect.objectContaining({ id: 'scan-1', step: 2, progress: { done: 2, total: 3, message: 'counted 2' } }),
  ]);
});
