/**
 * A run whose job failed while a batch was under way (see ./run-stopped.ts): when the job finishes, the run reads that
 * batch's users back and records what it finds, so its audit, items and counts agree with the org and undo reverses
 * every change it made.
 */
import { requestUndo } from '../../src/app/undo/undoRequest';
import { ATTEMPTS, ownSucceeded, stoppedRun, type StoppedRun } from './run-stopped';

describe('a run stopped in its second batch', () => {
  let stopped: StoppedRun;
  beforeAll(async () => {
    stopped = await stoppedRun(1, () => undefined);
  }, 300_000);
  afterAll(async () => {
    await stopped.sandbox.close();
  });

  it('fails after its attempts, having changed users in the batch it stopped in', () => {
    expect(stopped.kills).toBe(ATTEMPTS);
    expect(stopped.run.state).toBe('failed');
    expect(stopped.suspendedByRun.length).toBeGreaterThan(50);
    expect(stopped.run.message).toMatch(/stopped during a batch: reading its users back showed \d+ change/);
  });

  it('leaves no audit entry attempted', () => {
    expect(stopped.audit.filter((e) => e.state === 'attempted')).toEqual([]);
  });

  it('has a succeeded audit entry of its own for every user the org shows it suspended', () => {
    const audited = new Set(ownSucceeded(stopped.audit).map((e) => e.accountId));

    expect(stopped.suspendedByRun.filter((id) => !audited.has(id))).toEqual([]);
  });

  it('counts as acted on exactly its succeeded audit entries and its items marked done', () => {
    const done = stopped.items.filter((item) => item.state === 'done').length;

    expect(stopped.run.counts.succeeded).toBe(ownSucceeded(stopped.audit).length);
    expect(stopped.run.counts.succeeded).toBe(done);
    expect(stopped.run.counts.succeeded).toBe(stopped.suspendedByRun.length);
  });

  it('is undone in full: every user it suspended is active again', async () => {
    const { services, test, sandbox, run, suspendedByRun } = stopped;
    await requestUndo(services, { runId: run.id, confirm: true }, 'admin-1');
    await test.queue.deliver((event) => services.jobs.handle(event));
    const stillSuspended = new Set(
      sandbox.ctx.org.users.filter((u) => u.membershipStatus === 'suspended').map((u) => u.accountId),
    );

    expect(suspendedByRun.filter((id) => stillSuspended.has(id))).toEqual([]);
  });
});
