/**
 * The functions manifest.yml names, and nothing but wiring: each resolver checks the caller is a Jira
 * administrator; the schedule and the queue consumer act only on stored configuration.
 */
import type { AsyncEvent } from '@forge/events';
import Resolver from '@forge/resolver';
import { getAppStatus } from './app/appStatus';
import { HEARTBEAT_JOB, recordQueueCheck, recordScheduledRun } from './app/heartbeat';
import { JiraClient } from './atlassian/jiraClient';
import { adminOnly } from './edge/adminOnly';
import { forgeQueue, forgeStore, jiraAsApp, jiraAsUser, systemClock } from './platform/forge';

const pageResolvers = new Resolver();
pageResolvers.define(
  'getAppStatus',
  adminOnly(() => getAppStatus({ store: forgeStore, jira: new JiraClient(jiraAsApp) }), jiraAsUser),
);
export const resolver = pageResolvers.getDefinitions();

export async function scheduled(): Promise<void> {
  await recordScheduledRun({ store: forgeStore, queue: forgeQueue(), clock: systemClock });
}

export async function jobs(event: AsyncEvent): Promise<void> {
  const kind = event.body.kind;
  if (kind !== HEARTBEAT_JOB) {
    console.warn(`job queue: ignoring an event of unknown kind ${JSON.stringify(kind)}`);
    return;
  }
  await recordQueueCheck({ store: forgeStore, clock: systemClock });
}
