import { callUseCase } from '../../src/edge/resolvers';
import type { RunItem } from '../../src/store/runStore';
import { addGroup, addUser, drainJobs, recordPastRun, useUndoWorld } from './undo-pastRun';

const ctx = useUndoWorld();

async function itemsOf(runId: string): Promise<RunItem[]> {
  const all: RunItem[] = [];
  for await (const chunk of ctx.world.services.runs.items(runId)) all.push(...chunk);
  return all;
}

test('an undo marks the users it reversed as undone in their run, and leaves the others done', async () => {
  const { org } = ctx.world;
  const licensed = addGroup(org, { productKey: 'jira-software' });
  const alice = addUser(org, [licensed]);
  const bob = addUser(org, [licensed]);
  await recordPastRun(ctx.world, 'run-marked', [
    { accountId: alice, action: 'remove-from-group', groupId: licensed },
    { accountId: bob, action: 'remove-from-group', groupId: licensed },
  ]);
  await ctx.world.services.runs.saveItems(
    'run-marked',
    [alice, bob].map((accountId) => ({
      accountId,
      userName: null,
      ruleId: 'rule-1',
      actions: [{ kind: 'remove-from-group', groupId: licensed, groupName: licensed }],
      state: 'done',
      message: null,
    })),
  );

  const undo = await callUseCase(
    'requestUndo',
    ctx.world.services,
    { runId: 'run-marked', accountIds: [alice], confirm: true },
    'admin-1',
  );
  await drainJobs(ctx.world);

  const states = new Map((await itemsOf('run-marked')).map((i) => [i.accountId, [i.state, i.message]]));
  expect(states.get(alice)).toEqual(['undone', `Undone by run ${undo.id}.`]);
  expect(states.get(bob)).toEqual(['done', null]);
});
