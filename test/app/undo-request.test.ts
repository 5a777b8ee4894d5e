import { callUseCase } from '../../src/edge/resolvers';
import { invalidInputOf } from '../support/invalidInput';
import { addUser, recordPastRun, undoWholeRun, useUndoWorld } from './undo-pastRun';

const ctx = useUndoWorld();

const refusal = (payload: unknown) =>
  invalidInputOf(callUseCase('requestUndo', ctx.world.services, payload, 'admin-1'));

test('a request without confirm is refused naming confirm, and nothing is recorded', async () => {
  await recordPastRun(ctx.world, 'run-no-confirm', [
    { accountId: addUser(ctx.world.org, []), action: 'suspend' },
  ]);

  const error = await refusal({ runId: 'run-no-confirm' });

  expect(error.field).toBe('confirm');
  expect(error.message).toContain("must be true: undo changes users' access");
  expect((await ctx.world.services.runs.list({ limit: 10 })).runs.map((run) => run.id)).toEqual([
    'run-no-confirm',
  ]);
});

test('confirm must be literally true', async () => {
  await recordPastRun(ctx.world, 'run-confirm-yes', [
    { accountId: addUser(ctx.world.org, []), action: 'suspend' },
  ]);

  expect((await refusal({ runId: 'run-confirm-yes', confirm: 'yes' })).field).toBe('confirm');
});

test('undo of a run that is still running is refused, and nothing changes', async () => {
  const alice = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-running', [{ accountId: alice, action: 'suspend' }], {
    state: 'running',
  });

  const error = await refusal({ runId: 'run-running', confirm: true });

  expect(error).toMatchObject({ field: 'runId' });
  expect(error.message).toContain('still running');
  expect(ctx.world.queue.pushed).toHaveLength(0);
  expect(ctx.world.org.user(alice)!.membershipStatus).toBe('suspended');
});

test('undo of an undo run is refused with the reason', async () => {
  await recordPastRun(ctx.world, 'run-to-undo', [
    { accountId: addUser(ctx.world.org, []), action: 'suspend' },
  ]);
  const undo = await undoWholeRun(ctx.world, 'run-to-undo');

  const error = await refusal({ runId: undo.id, confirm: true });

  expect(error.field).toBe('runId');
  expect(error.message).toContain('is itself an undo');
});

test('undo of a run that does not exist is refused naming runId', async () => {
  const error = await refusal({ runId: 'run-never', confirm: true });

  expect(error).toMatchObject({ field: 'runId', message: "runId: there is no run 'run-never'" });
});

test('a user the run did not change is refused, naming their place in accountIds', async () => {
  const alice = addUser(ctx.world.org, []);
  const stranger = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-stranger', [{ accountId: alice, action: 'suspend' }]);

  const error = await refusal({ runId: 'run-stranger', accountIds: [alice, stranger], confirm: true });

  expect(error.field).toBe('accountIds[1]');
  expect(error.message).toContain(stranger);
});

test('a user named twice is refused naming the second place', async () => {
  const alice = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-twice', [{ accountId: alice, action: 'suspend' }]);

  const error = await refusal({ runId: 'run-twice', accountIds: [alice, alice], confirm: true });

  expect(error.field).toBe('accountIds[1]');
});

test('an empty accountIds is refused: leaving it out is how to undo the whole run', async () => {
  await recordPastRun(ctx.world, 'run-empty-list', [
    { accountId: addUser(ctx.world.org, []), action: 'suspend' },
  ]);

  expect((await refusal({ runId: 'run-empty-list', accountIds: [], confirm: true })).field).toBe(
    'accountIds',
  );
});

test('a run that changed nothing cannot be undone', async () => {
  await recordPastRun(ctx.world, 'run-nothing', []);

  const error = await refusal({ runId: 'run-nothing', confirm: true });

  expect(error.message).toContain('made no changes that can be undone');
});

test('the undo run records who asked, what it undoes and how many changes it plans', async () => {
  const alice = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-recorded', [{ accountId: alice, action: 'suspend' }]);

  const undo = await callUseCase(
    'requestUndo',
    ctx.world.services,
    { runId: 'run-recorded', confirm: true },
    'admin-7',
  );

  expect(undo).toMatchObject({
    trigger: 'undo',
    actor: 'admin-7',
    undoOf: 'run-recorded',
    ruleIds: ['rule-inactive-90'],
    state: 'planned',
    counts: { planned: 1, succeeded: 0, failed: 0, skipped: 0 },
  });
});
