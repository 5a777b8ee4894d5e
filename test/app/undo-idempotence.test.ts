import { callUseCase } from '../../src/edge/resolvers';
import { undoJobId } from '../../src/app/runs/runJobIds';
import { undoJob, type UndoInput } from '../../src/app/undo/undoJob';
import { requestUndo } from '../../src/app/undo/undoRequest';
import type { JobContext } from '../../src/jobs/types';
import { auditOfRun } from '../support/runAudit';
import {
  addGroup,
  addUser,
  drainJobs,
  recordPastRun,
  recordWrites,
  undoWholeRun,
  useUndoWorld,
} from './undo-pastRun';

const ctx = useUndoWorld();

function context(remaining: () => number = () => 600_000): JobContext {
  return { jobId: 'job-under-test', now: () => ctx.world.clock.now(), remainingMs: remaining };
}

/** A past run of three users: two removed from a group, one suspended. */
async function pastRunOfThree(runId: string): Promise<{ users: string[]; group: string }> {
  const group = addGroup(ctx.world.org, { productKey: 'jira-software' });
  const users = [
    addUser(ctx.world.org, [group]),
    addUser(ctx.world.org, [group]),
    addUser(ctx.world.org, []),
  ];
  await recordPastRun(ctx.world, runId, [
    { accountId: users[0]!, action: 'remove-from-group', groupId: group },
    { accountId: users[1]!, action: 'remove-from-group', groupId: group },
    { accountId: users[2]!, action: 'suspend' },
  ]);
  return { users, group };
}

async function undoInputFor(runId: string): Promise<UndoInput> {
  const undo = await callUseCase('requestUndo', ctx.world.services, { runId, confirm: true }, 'admin-1');
  ctx.world.queue.take();
  return { undoRunId: undo.id, runId, accountIds: null, actor: 'admin-1' };
}

test('running a step again from the same state reverses nothing twice and writes no second audit entry', async () => {
  const { users, group } = await pastRunOfThree('run-step-twice');
  const input = await undoInputFor('run-step-twice');
  const job = undoJob(ctx.world.services);
  const writes = recordWrites(ctx.world);
  const start = job.initialState(input);

  const first = await job.step(start, context());
  const writesAfterFirst = writes.length;
  const again = await job.step(start, context());

  expect(writesAfterFirst).toBe(3);
  expect(writes.length).toBe(3);
  expect(again).toEqual(first);
  expect(await auditOfRun(ctx.world.services, input.undoRunId)).toHaveLength(3);
  expect(await ctx.world.services.runs.get(input.undoRunId)).toMatchObject({
    counts: { planned: 3, succeeded: 3, failed: 0 },
  });
  expect(ctx.world.org.isMember(group, users[0]!)).toBe(true);
  expect(ctx.world.org.user(users[2]!)!.membershipStatus).toBe('active');
});

test('a reversal whose step died after recording the attempt is made on the re-run and completed once', async () => {
  const { users } = await pastRunOfThree('run-died');
  const input = await undoInputFor('run-died');
  const job = undoJob(ctx.world.services);
  const [suspension] = (await auditOfRun(ctx.world.services, 'run-died')).filter(
    (e) => e.action === 'suspend',
  );
  await ctx.world.services.audit.attempt({
    runId: input.undoRunId,
    ruleId: suspension!.ruleId,
    actor: 'admin-1',
    accountId: suspension!.accountId,
    userName: suspension!.userName,
    action: 'undo:suspend',
    target: null,
    reason: 'the attempt of a step that died',
    before: suspension!.after,
    attemptedAt: ctx.world.clock.now().toISOString(),
  });

  const result = await job.step(job.initialState(input), context());

  const entries = await auditOfRun(ctx.world.services, input.undoRunId);
  expect(entries).toHaveLength(3);
  expect(entries.find((e) => e.action === 'undo:suspend')).toMatchObject({ state: 'succeeded' });
  expect(result.state.counts).toEqual({ succeeded: 3, failed: 0 });
  expect(ctx.world.org.user(users[2]!)!.membershipStatus).toBe('active');
});

test('a step stops when its time runs low, and the next step continues where it stopped', async () => {
  await pastRunOfThree('run-budget');
  const input = await undoInputFor('run-budget');
  const job = undoJob(ctx.world.services);
  let checks = 0;
  // Plenty of time for the first reversal, then none.
  const shortStep = context(() => (++checks <= 2 ? 600_000 : 1_000));

  const first = await job.step(job.initialState(input), shortStep);
  const second = await job.step(first.state, context());

  expect(first).toMatchObject({ done: false, state: { next: 1 } });
  expect(second).toMatchObject({ done: true, state: { next: 3, counts: { succeeded: 3, failed: 0 } } });
  expect(await auditOfRun(ctx.world.services, input.undoRunId)).toHaveLength(3);
});

test('delivering every job event twice completes the undo once', async () => {
  const { users, group } = await pastRunOfThree('run-redelivered');
  const writes = recordWrites(ctx.world);

  const undo = await callUseCase(
    'requestUndo',
    ctx.world.services,
    { runId: 'run-redelivered', confirm: true },
    'admin-1',
  );
  await drainJobs(ctx.world, 2);

  expect(writes.length).toBe(3);
  expect(await auditOfRun(ctx.world.services, undo.id)).toHaveLength(3);
  expect(await ctx.world.services.runs.get(undo.id)).toMatchObject({
    state: 'completed',
    counts: { planned: 3, succeeded: 3, failed: 0 },
  });
  expect(ctx.world.org.isMember(group, users[1]!)).toBe(true);
});

test('asking twice while the undo has not finished returns the same undo run and starts one job', async () => {
  await pastRunOfThree('run-double-click');

  const first = await requestUndo(
    ctx.world.services,
    { runId: 'run-double-click', confirm: true },
    'admin-1',
  );
  const second = await requestUndo(
    ctx.world.services,
    { runId: 'run-double-click', confirm: true },
    'admin-2',
  );

  expect(second.id).toBe(first.id);
  expect(ctx.world.queue.pushes).toHaveLength(1);
  expect(await ctx.world.services.jobs.list({ kind: 'undo' })).toEqual([
    expect.objectContaining({ id: undoJobId(first.id) }),
  ]);
});

test('asking again after the undo finished starts a new undo that finds everything already undone', async () => {
  await pastRunOfThree('run-undo-again');
  const first = await undoWholeRun(ctx.world, 'run-undo-again');
  const writes = recordWrites(ctx.world);

  const second = await undoWholeRun(ctx.world, 'run-undo-again');

  expect(second.id).not.toBe(first.id);
  expect(writes.length).toBe(3);
  const entries = await auditOfRun(ctx.world.services, second.id);
  expect(entries).toHaveLength(3);
  expect(entries.every((e) => e.state === 'succeeded' && (e.after as { already?: boolean }).already)).toBe(
    true,
  );
});
