import type { RunningSandbox } from '../../sandbox/start';
import { requestUndo } from '../../src/app/undo';
import { InvalidInputError } from '../../src/edge/invalidInput';
import { startTestSandbox } from '../support/sandbox';
import { addUser, drainJobs, recordPastRun, undoWorld, type UndoWorld } from './undo-pastRun';

let sandbox: RunningSandbox;
let world: UndoWorld;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 200 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  world = await undoWorld(sandbox);
});

async function refusal(payload: unknown): Promise<InvalidInputError> {
  const error: unknown = await requestUndo(world.services, payload, 'admin-1').catch((e: unknown) => e);
  if (!(error instanceof InvalidInputError))
    throw new Error(`expected an InvalidInputError, got ${String(error)}`);
  return error;
}

test('a request without confirm is refused naming confirm, and nothing is recorded', async () => {
  await recordPastRun(world, 'run-no-confirm', [{ accountId: addUser(world.org, []), action: 'suspend' }]);

  const error = await refusal({ runId: 'run-no-confirm' });

  expect(error.field).toBe('confirm');
  expect(error.message).toContain("must be true: undo changes users' access");
  expect((await world.services.runs.list({ limit: 10 })).runs.map((run) => run.id)).toEqual([
    'run-no-confirm',
  ]);
});

test('confirm must be literally true', async () => {
  await recordPastRun(world, 'run-confirm-yes', [{ accountId: addUser(world.org, []), action: 'suspend' }]);

  expect((await refusal({ runId: 'run-confirm-yes', confirm: 'yes' })).field).toBe('confirm');
});

test('undo of a run that is still running is refused, and nothing changes', async () => {
  const alice = addUser(world.org, []);
  await recordPastRun(world, 'run-running', [{ accountId: alice, action: 'suspend' }], { state: 'running' });

  const error = await refusal({ runId: 'run-running', confirm: true });

  expect(error).toMatchObject({ field: 'runId' });
  expect(error.message).toContain('still running');
  expect(world.queue.pushed).toHaveLength(0);
  expect(world.org.user(alice)!.membershipStatus).toBe('suspended');
});

test('undo of an undo run is refused with the reason', async () => {
  await recordPastRun(world, 'run-to-undo', [{ accountId: addUser(world.org, []), action: 'suspend' }]);
  const undo = await requestUndo(world.services, { runId: 'run-to-undo', confirm: true }, 'admin-1');
  await drainJobs(world);

  const error = await refusal({ runId: undo.id, confirm: true });

  expect(error.field).toBe('runId');
  expect(error.message).toContain('is itself an undo');
});

test('undo of a run that does not exist is refused naming runId', async () => {
  const error = await refusal({ runId: 'run-never', confirm: true });

  expect(error).toMatchObject({ field: 'runId', message: "runId: there is no run 'run-never'" });
});

test('a user the run did not change is refused, naming their place in accountIds', async () => {
  const alice = addUser(world.org, []);
  const stranger = addUser(world.org, []);
  await recordPastRun(world, 'run-stranger', [{ accountId: alice, action: 'suspend' }]);

  const error = await refusal({ runId: 'run-stranger', accountIds: [alice, stranger], confirm: true });

  expect(error.field).toBe('accountIds[1]');
  expect(error.message).toContain(stranger);
});

test('a user named twice is refused naming the second place', async () => {
  const alice = addUser(world.org, []);
  await recordPastRun(world, 'run-twice', [{ accountId: alice, action: 'suspend' }]);

  const error = await refusal({ runId: 'run-twice', accountIds: [alice, alice], confirm: true });

  expect(error.field).toBe('accountIds[1]');
});

test('an empty accountIds is refused: leaving it out is how to undo the whole run', async () => {
  await recordPastRun(world, 'run-empty-list', [{ accountId: addUser(world.org, []), action: 'suspend' }]);

  expect((await refusal({ runId: 'run-empty-list', accountIds: [], confirm: true })).field).toBe(
    'accountIds',
  );
});

test('a run that changed nothing cannot be undone', async () => {
  await recordPastRun(world, 'run-nothing', []);

  const error = await refusal({ runId: 'run-nothing', confirm: true });

  expect(error.message).toContain('made no changes that can be undone');
});

test('the undo run records who asked, what it undoes and how many changes it plans', async () => {
  const alice = addUser(world.org, []);
  await recordPastRun(world, 'run-recorded', [{ accountId: alice, action: 'suspend' }]);

  const undo = await requestUndo(world.services, { runId: 'run-recorded', confirm: true }, 'admin-7');

  expect(undo).toMatchObject({
    trigger: 'undo',
    actor: 'admin-7',
    undoOf: 'run-recorded',
    ruleIds: ['rule-inactive-90'],
    state: 'planned',
    counts: { planned: 1, succeeded: 0, failed: 0, skipped: 0 },
  });
});
