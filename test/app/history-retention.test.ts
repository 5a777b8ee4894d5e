import { callUseCase } from '../../src/edge/resolvers';
import {
  applyAuditRetention,
  DEFAULT_AUDIT_RETENTION_DAYS,
  getAuditRetention,
} from '../../src/app/audit/history';
import { InvalidInputError } from '../../src/domain/invalidInput';
import { addUser, auditOfRun, recordPastRun, useUndoWorld } from './undo-pastRun';

const ctx = useUndoWorld();

const DAY = 86_400_000;

/** A member of the org with the org-admin role: only such a caller may shorten the retention. */
function orgAdmin(): string {
  const accountId = addUser(ctx.world.org, []);
  ctx.world.org.user(accountId)!.platformRoles.push('atlassian/org-admin');
  return accountId;
}

function daysAgo(days: number): Date {
  return new Date(ctx.world.clock.now().getTime() - days * DAY);
}

async function runOfTwo(runId: string, startedAt: Date): Promise<void> {
  await recordPastRun(
    ctx.world,
    runId,
    [addUser(ctx.world.org, []), addUser(ctx.world.org, [])].map((accountId) => ({
      accountId,
      action: 'suspend' as const,
    })),
    { startedAt },
  );
}

test('without a setting, the audit log is kept 400 days', async () => {
  expect(await getAuditRetention(ctx.world.services)).toEqual({
    days: DEFAULT_AUDIT_RETENTION_DAYS,
    updatedAt: null,
    updatedBy: null,
  });
  expect(DEFAULT_AUDIT_RETENTION_DAYS).toBe(400);
});

test('the retention set is read back with who set it', async () => {
  await callUseCase('setAuditRetention', ctx.world.services, { days: 730 }, 'admin-1');

  expect(await getAuditRetention(ctx.world.services)).toEqual({
    days: 730,
    updatedAt: ctx.world.clock.now().toISOString(),
    updatedBy: 'admin-1',
  });
});

test.each([29, 3651, 90.5, '90'])('a retention of %p days is refused naming days', async (days) => {
  const error = await callUseCase('setAuditRetention', ctx.world.services, { days }, 'admin-1').catch(
    (e: unknown) => e,
  );

  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).field).toBe('days');
});

test('applying the default retention purges only entries older than 400 days', async () => {
  await runOfTwo('run-ancient', daysAgo(401));
  await runOfTwo('run-recent', daysAgo(399));

  const purged = await applyAuditRetention(ctx.world.services);

  expect(purged).toBe(2);
  expect(await auditOfRun(ctx.world.services, 'run-ancient')).toHaveLength(0);
  expect(await auditOfRun(ctx.world.services, 'run-recent')).toHaveLength(2);
});

test('applying a shorter retention purges what falls outside it', async () => {
  await runOfTwo('run-forty-days', daysAgo(40));
  await runOfTwo('run-ten-days', daysAgo(10));
  await callUseCase('setAuditRetention', ctx.world.services, { days: 30 }, orgAdmin());

  const purged = await applyAuditRetention(ctx.world.services);

  expect(purged).toBe(2);
  expect(await auditOfRun(ctx.world.services, 'run-forty-days')).toHaveLength(0);
  expect(await auditOfRun(ctx.world.services, 'run-ten-days')).toHaveLength(2);
});

test('a Jira administrator who is not an org admin cannot shorten the retention, and nothing changes', async () => {
  const jiraAdmin = addUser(ctx.world.org, []);

  await expect(callUseCase('setAuditRetention', ctx.world.services, { days: 30 }, jiraAdmin)).rejects.toThrow(
    'Only an org admin can shorten how long the audit log is kept',
  );
  expect((await getAuditRetention(ctx.world.services)).days).toBe(DEFAULT_AUDIT_RETENTION_DAYS);
});

test('a Jira administrator may lengthen the retention, and the change is recorded with before and after', async () => {
  const jiraAdmin = addUser(ctx.world.org, []);

  await callUseCase('setAuditRetention', ctx.world.services, { days: 800 }, jiraAdmin);

  const [change] = await ctx.world.services.authority.recentChanges(1);
  expect(change).toEqual(
    expect.objectContaining({
      actor: jiraAdmin,
      setting: 'audit-retention',
      before: expect.objectContaining({ days: DEFAULT_AUDIT_RETENTION_DAYS }),
      after: expect.objectContaining({ days: 800 }),
    }),
  );
});
