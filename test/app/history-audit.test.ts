import { callUseCase } from '../../src/edge/resolvers';
import { refusedField } from '../support/invalidInput';
import { firstTwoPages } from './historyPages';
import { addGroup, addUser, recordPastRun, useUndoWorld } from './undo-pastRun';

const ctx = useUndoWorld();

const fieldRefused = (payload: unknown) =>
  refusedField(callUseCase('searchAudit', ctx.world.services, payload, 'admin-1'));

test('an action outside the known list is refused naming action', async () => {
  expect(await fieldRefused({ action: 'delete-user' })).toBe('action');
});

test('a from that is not before to is refused naming to', async () => {
  expect(await fieldRefused({ from: '2026-11-20', to: '2026-11-20' })).toBe('to');
});

test('a date that is not ISO is refused naming it', async () => {
  expect(await fieldRefused({ from: '20/11/2026' })).toBe('from');
});

test('a page larger than 200 is refused naming limit', async () => {
  expect(await fieldRefused({ limit: 201 })).toBe('limit');
});

test('entries page newest first through the cursor', async () => {
  const users = [addUser(ctx.world.org, []), addUser(ctx.world.org, []), addUser(ctx.world.org, [])];
  await recordPastRun(
    ctx.world,
    'run-paged',
    users.map((accountId) => ({ accountId, action: 'suspend' as const })),
  );

  const [first, second] = await firstTwoPages(ctx.world, 'searchAudit', { runId: 'run-paged' }, 2);

  expect([...first.entries, ...second.entries].map((entry) => entry.accountId)).toEqual([...users].reverse());
  expect(second.nextCursor).toBeUndefined();
});

test("a user's entries can be searched by action and date range", async () => {
  const group = addGroup(ctx.world.org, { productKey: 'jira-software' });
  const alice = addUser(ctx.world.org, [group]);
  const bob = addUser(ctx.world.org, [group]);
  await recordPastRun(ctx.world, 'run-searched', [
    { accountId: alice, action: 'remove-from-group', groupId: group },
    { accountId: alice, action: 'suspend' },
    { accountId: bob, action: 'suspend' },
  ]);
  const day = ctx.world.clock.now().toISOString().slice(0, 10);
  const nextDay = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);

  const { entries } = await callUseCase(
    'searchAudit',
    ctx.world.services,
    {
      accountId: alice,
      action: 'suspend',
      from: new Date(ctx.world.clock.now().getTime() - 86_400_000).toISOString(),
      to: nextDay,
    },
    'admin-1',
  );

  expect(entries.map((entry) => [entry.accountId, entry.action])).toEqual([[alice, 'suspend']]);
});

test('an undo action is a valid search filter', async () => {
  const { entries } = await callUseCase(
    'searchAudit',
    ctx.world.services,
    { action: 'undo:suspend' },
    'admin-1',
  );

  expect(entries).toEqual([]);
});
