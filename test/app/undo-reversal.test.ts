import { callUseCase } from '../../src/edge/resolvers';
import { IDP_HANDOFF_NOTE } from '../../src/app/undo/undoJob';
import { requestUndo } from '../../src/app/undo/undoRequest';
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

function jiraRole() {
  return {
    resourceId: ctx.world.org.product('jira-software')!.resourceId,
    roleId: 'atlassian/user' as const,
  };
}

/** Runs `body` while Jira Software has no free seat, then gives it its user limit back. */
async function withJiraAtItsUserLimit(body: () => Promise<void>): Promise<void> {
  const { org } = ctx.world;
  const product = org.product('jira-software')!;
  const seatLimit = product.seatLimit;
  product.seatLimit = org.seatsUsed(product);
  try {
    await body();
  } finally {
    product.seatLimit = seatLimit;
  }
}

test('undoing a whole run returns suspension, group membership and direct roles to their earlier state', async () => {
  const { org } = ctx.world;
  const licensed = addGroup(org, { productKey: 'jira-software' });
  const parking = addGroup(org);
  const alice = addUser(org, [licensed], [jiraRole()]);
  const bob = addUser(org, [licensed]);
  await recordPastRun(ctx.world, 'run-whole', [
    { accountId: alice, action: 'remove-from-group', groupId: licensed },
    { accountId: alice, action: 'revoke-direct-role', grant: jiraRole() },
    { accountId: alice, action: 'add-to-group', groupId: parking },
    { accountId: bob, action: 'suspend' },
  ]);

  const undo = await undoWholeRun(ctx.world, 'run-whole');

  expect(org.isMember(licensed, alice)).toBe(true);
  expect(org.isMember(parking, alice)).toBe(false);
  expect(org.user(alice)!.directRoles).toEqual([jiraRole()]);
  expect(org.user(bob)!.membershipStatus).toBe('active');
  expect(await ctx.world.services.runs.get(undo.id)).toMatchObject({
    trigger: 'undo',
    undoOf: 'run-whole',
    state: 'completed',
    counts: { planned: 4, succeeded: 4, failed: 0, skipped: 0 },
  });
});

test('each reversal is audited with the undo action, the original before and after swapped, and succeeded', async () => {
  const { org } = ctx.world;
  const licensed = addGroup(org, { productKey: 'jira-software' });
  const alice = addUser(org, [licensed]);
  await recordPastRun(ctx.world, 'run-audited', [
    { accountId: alice, action: 'remove-from-group', groupId: licensed },
  ]);

  const undo = await undoWholeRun(ctx.world, 'run-audited');

  const groupName = org.group(licensed)!.name;
  expect(await auditOfRun(ctx.world.services, undo.id)).toEqual([
    expect.objectContaining({
      action: 'undo:remove-from-group',
      accountId: alice,
      actor: 'admin-1',
      target: licensed,
      before: { member: false, groupName },
      after: { member: true, groupName },
      state: 'succeeded',
      error: null,
    }),
  ]);
});

test('reversals run newest change first', async () => {
  const { org } = ctx.world;
  const licensed = addGroup(org, { productKey: 'jira-software' });
  const alice = addUser(org, [licensed]);
  await recordPastRun(ctx.world, 'run-order', [
    { accountId: alice, action: 'remove-from-group', groupId: licensed },
    { accountId: alice, action: 'suspend' },
  ]);
  const writes = recordWrites(ctx.world);

  await undoWholeRun(ctx.world, 'run-order');

  expect(writes).toEqual([expect.stringMatching(/\/restore$/), expect.stringMatching(/\/memberships$/)]);
});

test('undoing one user of a run touches only that user', async () => {
  const { org } = ctx.world;
  const licensed = addGroup(org, { productKey: 'jira-software' });
  const alice = addUser(org, [licensed]);
  const bob = addUser(org, [licensed]);
  await recordPastRun(ctx.world, 'run-one-user', [
    { accountId: alice, action: 'remove-from-group', groupId: licensed },
    { accountId: bob, action: 'remove-from-group', groupId: licensed },
    { accountId: bob, action: 'suspend' },
  ]);

  const undo = await requestUndo(
    ctx.world.services,
    { runId: 'run-one-user', accountIds: [bob], confirm: true },
    'admin-1',
  );
  await drainJobs(ctx.world);

  expect(org.isMember(licensed, bob)).toBe(true);
  expect(org.user(bob)!.membershipStatus).toBe('active');
  expect(org.isMember(licensed, alice)).toBe(false);
  expect((await auditOfRun(ctx.world.services, undo.id)).map((entry) => entry.accountId)).toEqual([bob, bob]);
});

test('restoring a user someone already restored is recorded as succeeded with already: true', async () => {
  const { org } = ctx.world;
  const alice = addUser(org, []);
  await recordPastRun(ctx.world, 'run-already', [{ accountId: alice, action: 'suspend' }]);
  org.restore(alice);

  const undo = await undoWholeRun(ctx.world, 'run-already');

  const [entry] = await auditOfRun(ctx.world.services, undo.id);
  expect(entry).toMatchObject({
    action: 'undo:suspend',
    state: 'succeeded',
    after: { membershipStatus: 'active', already: true },
  });
  expect(org.user(alice)!.membershipStatus).toBe('active');
});

test('a re-add the product user limit refuses is recorded failed with the limit message, and the undo goes on', async () => {
  const { org } = ctx.world;
  const licensed = addGroup(org, { productKey: 'jira-software' });
  const alice = addUser(org, [licensed]);
  const bob = addUser(org, []);
  await recordPastRun(ctx.world, 'run-seat-limit', [
    { accountId: alice, action: 'remove-from-group', groupId: licensed },
    { accountId: bob, action: 'suspend' },
  ]);
  await withJiraAtItsUserLimit(async () => {
    const undo = await undoWholeRun(ctx.world, 'run-seat-limit');

    const entries = await auditOfRun(ctx.world.services, undo.id);
    const readd = entries.find((entry) => entry.action === 'undo:remove-from-group');
    expect(readd).toMatchObject({ state: 'failed', after: null });
    expect(readd!.error).toContain('would exceed the user limit');
    expect(entries.find((entry) => entry.action === 'undo:suspend')).toMatchObject({ state: 'succeeded' });
    expect(org.isMember(licensed, alice)).toBe(false);
    expect(await ctx.world.services.runs.get(undo.id)).toMatchObject({
      state: 'completed',
      counts: { planned: 2, succeeded: 1, failed: 1 },
    });
  });
});

test('an undo in which every reversal failed ends as failed', async () => {
  const { org } = ctx.world;
  const licensed = addGroup(org, { productKey: 'jira-software' });
  const alice = addUser(org, [licensed]);
  await recordPastRun(ctx.world, 'run-all-fail', [
    { accountId: alice, action: 'remove-from-group', groupId: licensed },
  ]);
  await withJiraAtItsUserLimit(async () => {
    const undo = await undoWholeRun(ctx.world, 'run-all-fail');

    expect(await ctx.world.services.runs.get(undo.id)).toMatchObject({
      state: 'failed',
      counts: { planned: 1, succeeded: 0, failed: 1 },
    });
  });
});

test('an IdP hand-off is withdrawn: recorded as succeeded with a note, and nothing changes in the org', async () => {
  const { org } = ctx.world;
  const synced = addGroup(org, { productKey: 'jira-software', syncedFromIdp: true });
  const alice = addUser(org, [synced]);
  await recordPastRun(ctx.world, 'run-idp', [{ accountId: alice, action: 'idp-handoff', groupId: synced }]);

  const undo = await undoWholeRun(ctx.world, 'run-idp');

  const [entry] = await auditOfRun(ctx.world.services, undo.id);
  expect(entry).toMatchObject({
    action: 'undo:idp-handoff',
    state: 'succeeded',
    before: { handedOff: true },
    after: { member: true, note: IDP_HANDOFF_NOTE },
  });
  expect(org.isMember(synced, alice)).toBe(true);
});

test('a change the run found already made is not reversed', async () => {
  const { org, services } = ctx.world;
  const alice = addUser(org, []);
  const bob = addUser(org, []);
  await recordPastRun(ctx.world, 'run-with-already', [{ accountId: alice, action: 'suspend' }]);
  org.suspend(bob, Date.now());
  const entry = await services.audit.attempt({
    runId: 'run-with-already',
    ruleId: 'rule-inactive-90',
    actor: 'schedule',
    accountId: bob,
    userName: null,
    action: 'suspend',
    target: null,
    reason: 'last active in Jira 120 days ago; threshold 90',
    before: { membershipStatus: 'suspended' },
    attemptedAt: new Date(ctx.world.clock.now().getTime() - 1000).toISOString(),
  });
  await services.audit.complete(entry.id, {
    state: 'succeeded',
    after: { membershipStatus: 'suspended', already: true },
    error: null,
    completedAt: ctx.world.clock.now().toISOString(),
  });

  const undo = await undoWholeRun(ctx.world, 'run-with-already');

  expect(undo.counts.planned).toBe(1);
  expect(org.user(bob)!.membershipStatus).toBe('suspended');
  expect(org.user(alice)!.membershipStatus).toBe('active');
});

test('an undo whose job gives up ends as failed, saying why', async () => {
  const alice = addUser(ctx.world.org, []);
  await recordPastRun(ctx.world, 'run-disconnected', [{ accountId: alice, action: 'suspend' }]);
  const undo = await callUseCase(
    'requestUndo',
    ctx.world.services,
    { runId: 'run-disconnected', confirm: true },
    'admin-1',
  );
  await ctx.world.services.settings.deleteConnection();

  await drainJobs(ctx.world);

  const run = await ctx.world.services.runs.get(undo.id);
  expect(run).toMatchObject({ state: 'failed', counts: { succeeded: 0 } });
  expect(run!.message).toContain('not connected to an organization');
  expect(ctx.world.org.user(alice)!.membershipStatus).toBe('suspended');
});
