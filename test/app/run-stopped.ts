/**
 * A live run whose step dies in one batch on every attempt: the batch's users are changed, but each attempt stops
 * right before the audit completes them, until the job runs out of attempts and fails (a step killed and taken over
 * counts as a failed attempt like one that throws, ADR 21).
 */
import type { RunningSandbox } from '../../sandbox/start';
import { startAnalysis } from '../../src/app/analysis/analyse';
import { getPreview } from '../../src/app/analysis/previewQueries';
import { saveRule } from '../../src/app/rules/rules';
import { requestRun } from '../../src/app/runs/run';
import type { Services } from '../../src/app/services';
import type { AuditEntry } from '../../src/store/auditEntry';
import type { RunItem, RunRecord } from '../../src/store/runStore';
import { connectedEngine } from '../support/connectedEngine';
import { ruleInput } from '../support/ruleInput';
import type { TestPlatform } from '../support/testPlatform';

/** The runner's attempts per step (jobRunner.ts DEFAULT_MAX_ATTEMPTS). */
export const ATTEMPTS = 5;

export interface StoppedRun {
  sandbox: RunningSandbox;
  test: TestPlatform;
  services: Services;
  run: RunRecord;
  items: RunItem[];
  audit: AuditEntry[];
  /** Users of the org suspended since the run was requested. */
  suspendedByRun: string[];
  kills: number;
}

/**
 * Requests a run over a fresh org and kills every step that completes the audit of batch `batchNo + 1`
 * (`completeBatch` calls `batchNo + 1` to `batchNo + ATTEMPTS`), right before the call: after the batch's changes.
 * `afterKills` runs when the last attempt has died, before the job's onFinished.
 */
export async function stoppedRun(
  batchNo: number,
  afterKills: (services: Services) => void,
): Promise<StoppedRun> {
  const { sandbox, test, services } = await connectedEngine({ users: 600, seed: 21 });
  const drain = () => test.queue.deliver((event) => services.jobs.handle(event));
  const saved = await saveRule(services, { rule: ruleInput() }, 'admin-1');
  if (!saved.saved) throw new Error(`rule refused: ${JSON.stringify(saved.errors)}`);
  await startAnalysis(services, {}, 'admin-1');
  await drain();
  const preview = (await getPreview(services, {}))!;
  const suspendedBefore = new Set(
    sandbox.ctx.org.users.filter((u) => u.membershipStatus === 'suspended').map((u) => u.accountId),
  );
  let kills = 0;
  let calls = 0;
  const completeBatch = services.audit.completeBatch.bind(services.audit);
  services.audit.completeBatch = async (...args) => {
    calls += 1;
    if (calls <= batchNo || calls > batchNo + ATTEMPTS) return completeBatch(...args);
    kills += 1;
    if (kills === ATTEMPTS) afterKills(services);
    throw new Error('invocation killed before completeBatch');
  };
  let run = await requestRun(
    services,
    { previewId: preview.id, ruleId: saved.rule.id, confirm: true },
    'admin-1',
  );
  await drain();
  run = (await services.runs.get(run.id))!;
  const items: RunItem[] = [];
  for await (const chunk of services.runs.items(run.id)) items.push(...chunk);
  const suspendedByRun = sandbox.ctx.org.users
    .filter((u) => u.membershipStatus === 'suspended' && !suspendedBefore.has(u.accountId))
    .map((u) => u.accountId);
  return {
    sandbox,
    test,
    services,
    run,
    items,
    audit: await auditOf(services, run.id),
    suspendedByRun,
    kills,
  };
}

export async function auditOf(services: Services, runId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await services.audit.search({ runId, limit: 200, ...(cursor ? { cursor } : {}) });
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

/** The audit's suspensions this run made itself (not found already made). */
export const ownSucceeded = (audit: AuditEntry[]) =>
  audit.filter(
    (e) =>
      e.action === 'suspend' &&
      e.state === 'succeeded' &&
      (e.after as { already?: boolean }).already !== true,
  );
