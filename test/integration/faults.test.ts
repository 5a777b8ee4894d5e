/**
 * The same live run twice over the same org: once on a quiet platform, once with 5xx, 429s, timeouts and
 * dropped connections on the Organizations API, queue events delivered twice and out of order, and nine in ten
 * queue-consumer invocations killed part-way. Each takeover of a killed step counts as a failed attempt, so the
 * faulty run ends: it completes as the quiet run did, or a step killed on all its attempts fails it with the
 * reason. Either way it changes only what the quiet run changed, audits each change once (a batch the failure cut
 * off is settled by reading its users back), and counts what its audit and items record as made. Only the failed
 * ending passes through that settling; test/app/run-settle.test.ts fails a run mid-batch on purpose.
 */
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { inactivity, ruleInput } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

interface Outcome {
  faultsInjected: number;
  killedInvocations: number;
  suspended: string[];
  reclaimed: string[];
  audit: string[];
  /** Users with a suspension the run audits as its own (succeeded, not found already made). */
  ownSuspensions: number;
  itemsDone: number;
  runState: string;
  runCounts: { succeeded: number; failed: number; skipped: number };
  jobError: string | null;
}

async function control(sandbox: RunningSandbox, method: string, path: string, body: unknown) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

async function liveRun(faulty: boolean): Promise<Outcome> {
  const sandbox = await startTestSandbox({
    users: 400,
    seed: 11,
    ...(faulty ? { queue: { duplicateRate: 0.3, shuffleSeed: 5 } } : {}),
  });
  try {
    const app = appClient(sandbox);
    const reclaimed = sandbox.ctx.org.groupByName('reclaimed-licences')!;
    const alreadySuspended = new Set(
      sandbox.ctx.org.users.filter((u) => u.membershipStatus === 'suspended').map((u) => u.accountId),
    );
    await app.connect();
    await app.enableOrgScope();
    await app.analyse();
    const rule = await app.data<{ rule: { id: string } }>('saveRule', {
      rule: ruleInput({
        name: 'Reclaim idle Jira seats',
        inactivity: inactivity({ days: 120 }),
        actions: [{ kind: 'add-to-group', groupId: reclaimed.id }, { kind: 'suspend' }],
      }),
    });
    await app.analyse();
    const preview = await app.data<{ id: string }>('getPreview', {});

    if (faulty) {
      await control(sandbox, 'PUT', '/__sandbox/faults', {
        rates: { serverError: 0.08, rateLimit: 0.04, timeout: 0.02, drop: 0.03 },
        apis: ['org'],
        timeoutMs: 200,
        retryAfterSeconds: 1,
        seed: 3,
      });
      await control(sandbox, 'PUT', '/__sandbox/forge/crashes', { rate: 0.9, withinCalls: 80, seed: 9 });
    }
    const run = await app.data<{ id: string }>('requestRun', {
      previewId: preview.id,
      ruleId: rule.rule.id,
      confirm: true,
    });

    let state = 'planned';
    for (let round = 0; round < 40 && !['completed', 'failed', 'stopped-at-limit'].includes(state); round++) {
      await app.settle();
      state = (await app.data<{ state: string }>('getRun', { runId: run.id })).state;
      if (!['completed', 'failed', 'stopped-at-limit'].includes(state)) {
        // An hour later the schedule recovers job steps that died with their invocation.
        await control(sandbox, 'POST', '/__sandbox/clock', { advanceDays: 1 / 12 });
        await fetch(`${sandbox.url}/__sandbox/triggers/cleanup-schedule/fire`, { method: 'POST' });
      }
    }
    await control(sandbox, 'PUT', '/__sandbox/faults', { rates: {} });
    await control(sandbox, 'PUT', '/__sandbox/forge/crashes', { rate: 0 });
    const faultsInjected = Object.values(sandbox.traffic.stats.snapshot().faultsInjected).reduce(
      (a, b) => a + b,
      0,
    );
    const killedInvocations = sandbox.host.invocationStats().byFunction.jobs?.errors ?? 0;

    const entries: Array<{ accountId: string; action: string; state: string; after: unknown }> = [];
    let cursor: string | undefined;
    do {
      const page = await app.data<{ entries: typeof entries; nextCursor?: string }>('searchAudit', {
        runId: run.id,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      entries.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);

    let itemsDone = 0;
    for (let offset: number | undefined = 0; offset !== undefined;) {
      const page: { items: Array<{ state: string }>; nextOffset?: number } = await app.data('getRunItems', {
        runId: run.id,
        offset,
        limit: 200,
      });
      itemsDone += page.items.filter((item) => item.state === 'done').length;
      offset = page.nextOffset;
    }

    const finalRun = await app.data<{ counts: Outcome['runCounts'] }>('getRun', { runId: run.id });
    const job = await app.data<{ error: string | null }>('getJob', { jobId: `run-${run.id}` });

    return {
      faultsInjected,
      killedInvocations,
      runState: state,
      runCounts: finalRun.counts,
      jobError: job.error,
      suspended: sandbox.ctx.org.users
        .filter((u) => u.membershipStatus === 'suspended' && !alreadySuspended.has(u.accountId))
        .map((u) => u.accountId)
        .sort(),
      reclaimed: sandbox.ctx.org.membersOf(reclaimed.id).sort(),
      audit: entries.map((e) => `${e.accountId} ${e.action} ${e.state}`).sort(),
      ownSuspensions: entries.filter(
        (e) =>
          e.action === 'suspend' &&
          e.state === 'succeeded' &&
          (e.after as { already?: boolean } | null)?.already !== true,
      ).length,
      itemsDone,
    };
  } finally {
    await sandbox.close();
  }
}

let quiet: Outcome;
let faulty: Outcome;
beforeAll(async () => {
  quiet = await liveRun(false);
  faulty = await liveRun(true);
}, 600_000);

it('acts on someone in the quiet run, so the comparison means something', () => {
  expect(quiet.runState).toBe('completed');
  expect(quiet.suspended.length).toBeGreaterThan(5);
});

it('really meets faults and killed steps in the faulty run', () => {
  expect(faulty.faultsInjected).toBeGreaterThan(10);
  expect(faulty.killedInvocations).toBeGreaterThan(1);
});

it('ends: completed with every change the quiet run made, or failed naming the invocations that kept stopping', () => {
  // Which invocation draws which crash depends on delivery order, so either ending can come out of the same seed.
  // A failed run's onFinished (which settles its last batch) can be stopped too: retried, the job still names the
  // step that failed it; stopped on every attempt, it names onFinished.
  const ending =
    faulty.runState === 'completed'
      ? `completed, ${faulty.suspended.length} suspended`
      : `${faulty.runState}: ${faulty.jobError}`;
  const stopped =
    'the invocation running it stopped before finishing \\(Forge time limit, crash or memory\\)';
  expect(ending).toMatch(
    new RegExp(
      `^(completed, ${quiet.suspended.length} suspended|failed: (step \\d+|onFinished) failed 5 times; last error: ${stopped})$`,
    ),
  );
});

it('changes only what the quiet run changed despite faults, duplicates and crashed steps', () => {
  expect(quiet.suspended).toEqual(expect.arrayContaining(faulty.suspended));
  expect(quiet.reclaimed).toEqual(expect.arrayContaining(faulty.reclaimed));
});

/** "accountId action" of an audit entry "accountId action state". */
const changeOf = (entry: string): string => entry.split(' ').slice(0, 2).join(' ');

it('leaves no audit entry attempted, whatever its ending', () => {
  expect(faulty.audit.filter((entry) => entry.endsWith(' attempted'))).toEqual([]);
});

it('audits as made every user it suspended, and no change the quiet run did not make', () => {
  const quietChanges = new Set(quiet.audit.map(changeOf));
  const auditedSuspensions = new Set(
    faulty.audit.filter((entry) => entry.endsWith(' suspend succeeded')).map((entry) => entry.split(' ')[0]),
  );

  expect(faulty.audit.filter((entry) => !quietChanges.has(changeOf(entry)))).toEqual([]);
  expect(faulty.suspended.filter((accountId) => !auditedSuspensions.has(accountId))).toEqual([]);
});

it('counts as acted on exactly the suspensions its audit records as its own and the items it marked done', () => {
  expect(faulty.runCounts.succeeded).toBe(faulty.ownSuspensions);
  expect(faulty.runCounts.succeeded).toBe(faulty.itemsDone);
});

it('never acts on a user twice', () => {
  expect(new Set(faulty.audit).size).toBe(faulty.audit.length);
});
