import { JiraClient } from '../atlassian/jiraClient';
import { OrgClient } from '../atlassian/orgClient';
import { withRequestBudget, type BudgetedTransport } from '../atlassian/requestBudget';
import { withRetries } from '../atlassian/transport';
import type { AnyJobDefinition } from '../jobs/types';
import { JobRunner } from '../jobs/jobRunner';
import type { Clock, JobQueue, KeyValueStore, SecretStore, Transport } from '../platform/ports';
import { AuditLog } from '../store/auditLog';
import { PreviewStore } from '../store/previewStore';
import { RunStore } from '../store/runStore';
import { SettingsStore } from '../store/settingsStore';
import { SnapshotStore } from '../store/snapshotStore';

/** What the platform gives the use cases: Forge in the cloud and in the sandbox alike. */
export interface Platform {
  store: KeyValueStore & SecretStore;
  queue: JobQueue;
  clock: Clock;
  /** Jira as the app. */
  jira: Transport;
  /** The Organizations API, authorised with the given key. */
  orgApi(apiKey: string): Transport;
  /** The app's own account id, when known (it is protected). */
  appAccountId: string | null;
}

/** A connected Organizations API client for the stored org, with the directory to work in. */
export interface ConnectedOrg {
  client: OrgClient;
  orgId: string;
  directoryId: string;
  /** Organizations API requests this invocation may still make in the current minute. */
  requestsLeft(): number;
}

/** Under Forge's ~100 egress requests per invocation-minute, with room for the odd call outside the clients. */
const EGRESS_PER_MINUTE = 90;

export class NotConnectedError extends Error {
  constructor() {
    super(
      'The app is not connected to an organization yet: save the org id and an API key, then test the connection.',
    );
    this.name = 'NotConnectedError';
  }
}

export interface Services {
  platform: Platform;
  settings: SettingsStore;
  snapshots: SnapshotStore;
  previews: PreviewStore;
  runs: RunStore;
  audit: AuditLog;
  jira: JiraClient;
  /** The stored connection's client; retries stop at `deadline` (epoch ms) so a step never overruns. */
  connectedOrg(deadline: number): Promise<ConnectedOrg>;
  /** A client for an explicit key and org, for "Test connection" inside a 25 s resolver call. */
  orgClientFor(apiKey: string, orgId: string, deadline: number): OrgClient;
  jobs: JobRunner;
}

/** Builds the stores, clients and job runner over the platform; job definitions get the services back. */
export function buildServices(
  platform: Platform,
  jobDefinitions: (services: Services) => AnyJobDefinition[],
): Services {
  const settings = new SettingsStore(platform.store, platform.clock);
  const now = () => platform.clock.now().getTime();
  // Retries are requests too, so the egress budget sits under the retry layer.
  const budgetedClient = (apiKey: string, orgId: string, deadline: number) => {
    const budget: BudgetedTransport = withRequestBudget(platform.orgApi(apiKey), {
      perMinute: EGRESS_PER_MINUTE,
      now,
    });
    return { client: new OrgClient(withRetries(budget, 'org', { deadline, now }), orgId), budget };
  };
  const orgClientFor = (apiKey: string, orgId: string, deadline: number) =>
    budgetedClient(apiKey, orgId, deadline).client;
  const services: Services = {
    platform,
    settings,
    snapshots: new SnapshotStore(platform.store),
    previews: new PreviewStore(platform.store),
    runs: new RunStore(platform.store),
    audit: new AuditLog(platform.store),
    jira: new JiraClient(withRetries(platform.jira, 'jira')),
    orgClientFor,
    connectedOrg: async (deadline) => {
      const connection = await settings.getConnection();
      const apiKey = await settings.getApiKey();
      if (!connection || !apiKey) throw new NotConnectedError();
      const { client, budget } = budgetedClient(apiKey, connection.orgId, deadline);
      return {
        client,
        orgId: connection.orgId,
        directoryId: connection.directoryId ?? '-',
        requestsLeft: () => budget.remaining(),
      };
    },
    jobs: undefined as unknown as JobRunner,
  };
  services.jobs = new JobRunner(
    { store: platform.store, queue: platform.queue, clock: platform.clock },
    jobDefinitions(services),
  );
  return services;
}
