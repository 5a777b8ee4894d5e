/**
 * Two live runs (of two rules that select the same users) acting at the same moment: where one run's call finds the
 * change already made by the other (409 "already suspended"), that user is recorded as found, not as the second
 * run's change, so undoing either run never restores a user the other one suspended.
 */
import type { RunningSandbox } from '../../sandbox/start';
import { requestRun } from '../../src/app/runs/run';
import type { Services } from '../../src/app/services';
import { requestUndo } from '../../src/app/undo/undoRequest';
import type { AuditEntry } from '../../src/store/auditEntry';
import type { RunRecord } from '../../src/store/runStore';
import { ruleInput } from '../support/ruleInput';
import { connectedEngine, previewOfRules } from '../support/connectedEngine';
import { auditOfRun } from '../support/runAudit';
import type { TestPlatform } from '../support/testPlatform';

const MAX_ROUNDS = 200;

let sandbox: RunningSandbox;
let test: TestPlatform;
let services: Services;
let runA: RunRecord;
let runB: RunRecord;
let claimedByA: Set<string>;
let claimedByB: Set<string>;
let foundByEither: number;

const drain = () => test.queue.deliver((event) => services.jobs.handle(event));
/** Every waiting event delivered at once, round after round: the two runs' steps overlap. */
async function deliverTogether(): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS && test.queue.pending() > 0; round++) {
    await Promise.all(test.queue.take().map((event) => services.jobs.handle(event)));
  }
}

const isFound = (entry: AuditEntry) => (entry.after as { already?: boolean } | null)?.already === true;
const claimed = (entries: AuditEntry[]) =>
  new Set(
    entries
      .filter((e) => e.action === 'suspend' && e.state === 'succeeded' && !isFound(e))
      .map((e) => e.accountId),
  );
const suspended = (accountId: string) =>
  sandbox.ctx.org.users.find((u) => u.accountId === accountId)?.membershipStatus === 'suspended';

beforeAll(async () => {
  ({ sandbox, test, services } = await connectedEngine({ users: 300, seed: 21 }));
  const { rules, previewId } = await previewOfRules(
    services,
    drain,
    ['Idle seats, team A', 'Idle seats, team B'].map((name) => ruleInput({ name })),
  );
  const started = await Promise.all(
    rules.map((rule) => requestRun(services, { previewId, ruleId: rule.id, confirm: true }, 'admin-1')),
  );
  runA = started[0]!;
  runB = started[1]!;
  await deliverTogether();
  const [auditA, auditB] = await Promise.all([auditOfRun(services, runA.id), auditOfRun(services, runB.id)]);
  claimedByA = claimed(auditA);
  claimedByB = claimed(auditB);
  foundByEither = [...auditA, ...auditB].filter(isFound).length;
  runA = (await services.runs.get(runA.id))!;
  runB = (await services.runs.get(runB.id))!;
}, 300_000);
afterAll(async () => {
  await sandbox.close();
});

it('really races: one run finds changes the other made', () => {
  expect(runA.state).toBe('completed');
  expect(runB.state).toBe('completed');
  expect(foundByEither).toBeGreaterThan(0);
});

it('claims no user as both runs’ change', () => {
  expect([...claimedByA].filter((id) => claimedByB.has(id))).toEqual([]);
  expect(claimedByA.size + claimedByB.size).toBe(runA.counts.planned);
});

it('counts as acted on only the users each run changed itself', () => {
  expect(runA.counts.succeeded).toBe(claimedByA.size);
  expect(runB.counts.succeeded).toBe(claimedByB.size);
});

it('undoing one run restores only its own users and leaves the other run’s suspended', async () => {
  await requestUndo(services, { runId: runA.id, confirm: true }, 'admin-1');
  await drain();

  expect([...claimedByA].filter(suspended)).toEqual([]);
  expect([...claimedByB].filter((id) => !suspended(id))).toEqual([]);
});
