/**
 * A run whose job failed while a batch was under way (see ./run-stopped.ts), and the Organizations API does not answer
 * when the job finishes: nothing is guessed, the batch's changes stay attempted and the run says how many.
 */
import { stoppedRun, type StoppedRun } from './run-stopped';

describe('a run stopped in a batch while the Organizations API is down', () => {
  let stopped: StoppedRun;
  beforeAll(async () => {
    stopped = await stoppedRun(0, (services) => {
      services.connectedOrg = () => Promise.reject(new Error('Organizations API unreachable'));
    });
  }, 300_000);
  afterAll(async () => {
    await stopped.sandbox.close();
  });

  it('leaves the changes it could not read back attempted, counts none of them, and says how many', () => {
    const attempted = stopped.audit.filter((e) => e.state === 'attempted');

    expect(stopped.run.state).toBe('failed');
    expect(attempted.length).toBeGreaterThan(0);
    expect(stopped.run.counts.succeeded).toBe(0);
    expect(stopped.run.message).toContain(
      `${attempted.length} change(s) of the batch it stopped in could not be verified (Organizations API unreachable)`,
    );
  });
});
