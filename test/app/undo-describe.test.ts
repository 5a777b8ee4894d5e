import { callUseCase } from '../../src/edge/resolvers';
import { requestUndo } from '../../src/app/undo/undoRequest';
import { InvalidInputError } from '../../src/domain/invalidInput';
import { addGroup, addUser, recordPastRun, undoWholeRun, useUndoWorld } from './undo-pastRun';

const ctx = useUndoWorld();

const none = {
  suspend: 0,
  'remove-from-group': 0,
  'revoke-direct-role': 0,
  'add-to-group': 0,
  'idp-handoff': 0,
};

test('describes a whole run as the users and changes per action the undo will reverse', async () => {
  const group = addGroup(ctx.world.org);
  const alice = addUser(ctx.world.org, [group]);
  const bob = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-mixed', [
    { accountId: alice, action: 'remove-from-group', groupId: group },
    { accountId: alice, action: 'suspend' },
    { accountId: bob, action: 'suspend' },
  ]);

  const description = await callUseCase(
    'describeUndo',
    ctx.world.services,
    { runId: 'run-mixed' },
    'admin-1',
  );

  expect(description).toEqual({
    users: 2,
    changesByAction: { ...none, suspend: 2, 'remove-from-group': 1 },
  });
});

test('describes chosen users with only their changes, matching what the undo run then plans', async () => {
  const alice = addUser(ctx.world.org, []);
  const bob = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-two', [
    { accountId: alice, action: 'suspend' },
    { accountId: bob, action: 'suspend' },
  ]);

  const description = await callUseCase(
    'describeUndo',
    ctx.world.services,
    { runId: 'run-two', accountIds: [bob] },
    'admin-1',
  );
  const undo = await requestUndo(
    ctx.world.services,
    { runId: 'run-two', accountIds: [bob], confirm: true },
    'a',
  );

  expect(description).toEqual({ users: 1, changesByAction: { ...none, suspend: 1 } });
  expect(undo.counts.planned).toBe(1);
});

test('gives the reason an undo would be refused instead of counts, and changes nothing', async () => {
  const alice = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-still-going', [{ accountId: alice, action: 'suspend' }], {
    state: 'running',
  });

  const description = await callUseCase(
    'describeUndo',
    ctx.world.services,
    { runId: 'run-still-going' },
    'admin-1',
  );

  expect(description).toEqual({
    users: 0,
    changesByAction: none,
    notUndoableReason: 'Run run-still-going is still running; undo it once it has finished.',
  });
  expect(ctx.world.queue.pushed).toHaveLength(0);
});

test('says which chosen user the run did not change, as the undo would refuse them', async () => {
  const alice = addUser(ctx.world.org, []);
  const stranger = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-one', [{ accountId: alice, action: 'suspend' }]);

  const description = await callUseCase(
    'describeUndo',
    ctx.world.services,
    {
      runId: 'run-one',
      accountIds: [alice, stranger],
    },
    'admin-1',
  );

  expect(description.notUndoableReason).toBe(
    `Run run-one made no change to user ${stranger} that can be undone.`,
  );
});

test('says that an undo run cannot itself be undone', async () => {
  await recordPastRun(ctx.world, 'run-undone', [
    { accountId: addUser(ctx.world.org, []), action: 'suspend' },
  ]);
  const undo = await undoWholeRun(ctx.world, 'run-undone');

  const description = await callUseCase('describeUndo', ctx.world.services, { runId: undo.id }, 'admin-1');

  expect(description.notUndoableReason).toMatch(/is itself an undo/);
});

test('refuses a run that does not exist, naming runId', async () => {
  const error: unknown = await callUseCase(
    'describeUndo',
    ctx.world.services,
    { runId: 'run-never' },
    'admin-1',
  ).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error).toMatchObject({ field: 'runId' });
});
