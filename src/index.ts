/**
 * The functions manifest.yml names, and nothing but wiring: each resolver checks the caller is a Jira
 * administrator and validates its payload; the schedule and the queue consumer act only on stored,
 * validated configuration.
 */
import type { AsyncEvent } from '@forge/events';
import Resolver from '@forge/resolver';
import { buildEngine } from './app/engine';
import { HEARTBEAT_JOB, recordQueueCheck, recordScheduledRun } from './app/overview/heartbeat';
import { applyAuditRetention } from './app/audit/history';
import { runDueRules } from './app/runs/scheduler';
import { adminOnly } from './edge/adminOnly';
import { callUseCase, RESOLVER_NAMES } from './edge/resolvers';
import { CallerCheck } from './edge/callerCheck';
import { onlyRegistered } from './edge/registeredResolvers';
import { siteCloudIdOf } from './edge/siteContext';
import { isJobStepEvent } from './jobs/events';
import {
  forgeQueue,
  forgeStore,
  jiraAsApp,
  jiraAsUser,
  orgApiTransport,
  systemClock,
} from './platform/forge';
import { egressBudgetFor, FORGE_LIMITS } from './platform/forgeLimits';

/** `timeoutSeconds` of the `scheduled` and `jobs` functions in manifest.yml; resolvers have Forge's 25 s. */
export const FUNCTION_TIMEOUT_SECONDS = { resolver: FORGE_LIMITS.invocation.resolverSeconds, jobs: 900 };

/** The use cases for one invocation on the installed site; its egress budget is that of the function it runs in. */
const engine = (siteCloudId: string, fn: keyof typeof FUNCTION_TIMEOUT_SECONDS = 'resolver') =>
  buildEngine({
    store: forgeStore,
    queue: forgeQueue(),
    clock: systemClock,
    jira: jiraAsApp,
    orgApi: orgApiTransport,
    appAccountId: null,
    siteCloudId,
    egressBudget: egressBudgetFor(FUNCTION_TIMEOUT_SECONDS[fn]),
  });

/** One per runtime instance: repeated calls by one account reuse its permission answer for up to a minute. */
const callerCheck = new CallerCheck(jiraAsUser);
const page = new Resolver();
for (const key of RESOLVER_NAMES) {
  page.define(
    key,
    adminOnly(
      ({ payload, accountId, context }) =>
        callUseCase(key, engine(siteCloudIdOf(context)), payload, accountId),
      callerCheck,
    ),
  );
}
/** Only the contract's names answer; any other (`constructor`, `__proto__`, …) gets the unknown-resolver error. */
export const resolver = onlyRegistered(page.getDefinitions(), new Set<string>(RESOLVER_NAMES));

export async function scheduled(_event: unknown, context: unknown): Promise<void> {
  const e = engine(siteCloudIdOf(context), 'jobs');
  await recordScheduledRun({ store: forgeStore, queue: e.platform.queue, clock: systemClock });
  await runDueRules(e);
  await applyAuditRetention(e);
}

export async function jobs(event: AsyncEvent, context: unknown): Promise<void> {
  if (isJobStepEvent(event.body)) {
    await engine(siteCloudIdOf(context), 'jobs').jobs.handle(event);
    return;
  }
  if (event.body.kind !== HEARTBEAT_JOB) {
    console.warn(`job queue: ignoring an event of unknown kind ${JSON.stringify(event.body.kind)}`);
    return;
  }
  await recordQueueCheck({ store: forgeStore, clock: systemClock });
}
