import { requestUndo } from '../../src/app/undo/undoRequest';
import { auditOfRun } from '../support/runAudit';
import { addGroup, addUser, drainJobs, recordPastRun, useUndoWorld } from './undo-pastRun';

const ctx = useUndoWorld();

test('an undo never puts anyone back into a group that grants an admin role, and says why', async () => {
  const { org } = ctx.world;
  const admins = addGroup(org, { productKey: 'jira-software', roleId: 'atlassian/admin' });
  const alice = addUser(org, [admins]);
  await recordPastRun(ctx.world, 'run-admins', [
    { accountId: alice, action: 'remove-from-group', groupId: admins },
  ]);

  const undo = await requestUndo(ctx.world.services, { runId: 'run-admins', confirm: true }, 'admin-1');
  await drainJobs(ctx.world);

  expect(org.isMember(admins, alice)).toBe(false);
  expect(await auditOfRun(ctx.world.services, undo.id)).toEqual([
    expect.objectContaining({ state: 'failed', error: expect.stringMatching(/grants an admin role/) }),
  ]);
});

test('an undo never gives back an admin role directly', async () => {
  const { org } = ctx.world;
  const grant = { resourceId: org.product('confluence')!.resourceId, roleId: 'atlassian/admin' as const };
  const bob = addUser(org, [], [grant]);
  await recordPastRun(ctx.world, 'run-role', [{ accountId: bob, action: 'revoke-direct-role', grant }]);

  await requestUndo(ctx.world.services, { runId: 'run-role', confirm: true }, 'admin-1');
  await drainJobs(ctx.world);

  expect(org.user(bob)!.directRoles).toEqual([]);
});
