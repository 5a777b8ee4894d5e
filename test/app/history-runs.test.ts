import { callUseCase } from '../../src/edge/resolvers';
import { refusedField } from '../support/invalidInput';
import { firstTwoPages } from './historyPages';
import { addUser, drainJobs, recordPastRun, useUndoWorld } from './undo-pastRun';

const ctx = useUndoWorld();

const HOUR = 3_600_000;

function hoursAgo(hours: number): Date {
  return new Date(ctx.world.clock.now().getTime() - hours * HOUR);
}

function suspensions(count: number) {
  return Array.from({ length: count }, () => ({
    accountId: addUser(ctx.world.org, []),
    action: 'suspend' as const,
  }));
}

test('runs are listed newest first, a page at a time', async () => {
  await recordPastRun(ctx.world, 'run-oldest', suspensions(1), { startedAt: hoursAgo(3) });
  await recordPastRun(ctx.world, 'run-middle', suspensions(1), { startedAt: hoursAgo(2) });
  await recordPastRun(ctx.world, 'run-newest', suspensions(1), { startedAt: hoursAgo(1) });

  const [first, second] = await firstTwoPages(ctx.world, 'listRuns', {}, 2);

  expect(first.runs.map((run) => run.id)).toEqual(['run-newest', 'run-middle']);
  expect(second.runs.map((run) => run.id)).toEqual(['run-oldest']);
  expect(second.nextCursor).toBeUndefined();
});

test('a listed run carries its duration', async () => {
  await recordPastRun(ctx.world, 'run-timed', suspensions(2));

  const { runs } = await callUseCase('listRuns', ctx.world.services, {}, 'admin-1');

  // recordPastRun makes one change a second and finishes a second after the last.
  expect(runs[0]).toMatchObject({ id: 'run-timed', durationMs: 3000 });
});

test('a finished run with changes is undoable; a running run and an undo run are not', async () => {
  await recordPastRun(ctx.world, 'run-finished', suspensions(1), { startedAt: hoursAgo(3) });
  await recordPastRun(ctx.world, 'run-still-going', suspensions(1), {
    startedAt: hoursAgo(2),
    state: 'running',
  });
  const undo = await callUseCase(
    'requestUndo',
    ctx.world.services,
    { runId: 'run-finished', confirm: true },
    'admin-1',
  );
  await drainJobs(ctx.world);

  const { runs } = await callUseCase('listRuns', ctx.world.services, {}, 'admin-1');

  const undoable = Object.fromEntries(runs.map((run) => [run.id, run.undoable]));
  expect(undoable).toEqual({ 'run-finished': true, 'run-still-going': false, [undo.id]: false });
});

test('listing runs refuses a limit over 100 and a cursor it did not hand out, naming the field', async () => {
  expect(await refusedField(callUseCase('listRuns', ctx.world.services, { limit: 101 }, 'admin-1'))).toBe(
    'limit',
  );
  expect(
    await refusedField(callUseCase('listRuns', ctx.world.services, { cursor: 'not a cursor' }, 'admin-1')),
  ).toBe('cursor');
});

test('getRun returns the run with its summary, and names runId when there is no such run', async () => {
  await recordPastRun(ctx.world, 'run-fetched', suspensions(1));

  expect(await callUseCase('getRun', ctx.world.services, { runId: 'run-fetched' }, 'admin-1')).toMatchObject({
    id: 'run-fetched',
    undoable: true,
  });
  expect(
    await refusedField(callUseCase('getRun', ctx.world.services, { runId: 'run-missing' }, 'admin-1')),
  ).toBe('runId');
});

test("a run's items come page by page from an offset", async () => {
  const changes = suspensions(3);
  await recordPastRun(ctx.world, 'run-items', changes);

  const first = await callUseCase(
    'getRunItems',
    ctx.world.services,
    { runId: 'run-items', limit: 2 },
    'admin-1',
  );
  const second = await callUseCase(
    'getRunItems',
    ctx.world.services,
    {
      runId: 'run-items',
      offset: first.nextOffset,
      limit: 2,
    },
    'admin-1',
  );

  expect(first.items.map((item) => item.accountId)).toEqual([changes[0]!.accountId, changes[1]!.accountId]);
  expect(first.nextOffset).toBe(2);
  expect(second.items.map((item) => item.accountId)).toEqual([changes[2]!.accountId]);
  expect(second.nextOffset).toBeUndefined();
});

test('run items refuse a limit over 200 and a negative offset', async () => {
  await recordPastRun(ctx.world, 'run-item-limits', suspensions(1));

  expect(
    await refusedField(
      callUseCase('getRunItems', ctx.world.services, { runId: 'run-item-limits', limit: 201 }, 'admin-1'),
    ),
  ).toBe('limit');
  expect(
    await refusedField(
      callUseCase('getRunItems', ctx.world.services, { runId: 'run-item-limits', offset: -1 }, 'admin-1'),
    ),
  ).toBe('offset');
});

test("a run's audit entries come page by page, only that run's", async () => {
  await recordPastRun(ctx.world, 'run-audit-a', suspensions(3));
  await recordPastRun(ctx.world, 'run-audit-b', suspensions(1));

  const [first, second] = await firstTwoPages(ctx.world, 'getRunAudit', { runId: 'run-audit-a' }, 2);

  expect(first.entries).toHaveLength(2);
  expect(second.entries).toHaveLength(1);
  expect(second.nextCursor).toBeUndefined();
  expect([...first.entries, ...second.entries].every((entry) => entry.runId === 'run-audit-a')).toBe(true);
});
