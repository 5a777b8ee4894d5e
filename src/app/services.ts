import { JiraClient } from '../atlassian/jiraClient';
import { OrgClient } from '../atlassian/orgClient';
import { EgressMeter, withRequestBudget } from '../atlassian/requestBudget';
import { withAdaptiveConcurrency, withRetries } from '../atlassian/transport';
import type { AnyJobDefinition } from '../jobs/types';
import { JobRunner } from '../jobs/jobRunner';
import { egressBudgetFor, FORGE_LIMITS } from '../platform/forgeLimits';
import type { Clock, JobQueue, KeyValueStore, SecretStore, Transport } from '../platform/ports';
import { StorageMeter } from '../platform/storageMeter';
import { AuditLog } from '../store/auditLog';
import { PreviewStore } from '../store/previewStore';
import { RunStore } from '../store/runStore';
import { SettingsAuthorityStore } from '../store/settingsAuthority';
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
  /**
   * The cloud id of the site the app is installed on, from the Forge context; it bounds what the app changes.
   * Absent only for the engine run without a Forge installation (tests of the engine alone).
   */
  siteCloudId?: string;
  /**
   * Forge's egress budget for one invocation of the function this code runs in (egressBudgetFor its timeout);
   * absent: the 900-second job consumer's.
   */
  egressBudget?: number;
}

/** A connected Organizations API client for the stored org, with the directory to work in. */
export interface ConnectedOrg {
  client: OrgClient;
  orgId: string;
  directoryId: string;
  /** Organizations API requests this invocation may still make (its egress budget is shared by every client). */
  requestsLeft(): number;
  /** The requests a whole invocation may make. */
  requestBudget: number;
}

/** Organizations API requests in flight at once: where the window starts and how far it may grow. */
const ORG_CONCURRENCY = { initial: 4, max: 16 };

export class NotConnectedError extends Error {
  constructor() {
    super(
      'The app is not connected to an organization yet: save the org id and an API key, then test the connection.',
    );
    this.name = 'NotConnectedError';
  }
}

export interface Services {
  /** The platform, its store metered: every store below counts its units through `storage`. */
  platform: Platform;
  storage: StorageMeter;
  settings: SettingsStore;
  /** The scope setting and the audit trail of settings that protect people. */
  authority: SettingsAuthorityStore;
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
  given: Platform,
  jobDefinitions: (services: Services) => AnyJobDefinition[],
): Services {
  const storage = new StorageMeter(given.store, given.clock);
  const store: KeyValueStore & SecretStore = {
    ...storage.store,
    getSecret: (key) => given.store.getSecret(key),
    setSecret: (key, value) => given.store.setSecret(key, value),
    deleteSecret: (key) => given.store.deleteSecret(key),
  };
  // The given platform with its store metered; its other fields are read through, so a test's later change shows.
  const platform = Object.create(given, { store: { value: store, enumerable: true } }) as Platform;
  const settings = new SettingsStore(platform.store, platform.clock);
  const now = () => platform.clock.now().getTime();
  // One egress meter for the whole invocation: Forge counts its fetches, whichever client makes them.
  const egress = EgressMeter.forInvocation(
    platform.egressBudget ?? egressBudgetFor(FORGE_LIMITS.invocation.maxFunctionSeconds),
  );
  // Retries are requests too, so the egress budget and the concurrency window sit under the retry layer.
  const budgetedClient = (apiKey: string, orgId: string, deadline: number) => {
    const budget = withRequestBudget(platform.orgApi(apiKey), { meter: egress, now });
    const concurrent = withAdaptiveConcurrency(budget, { ...ORG_CONCURRENCY, now });
    return { client: new OrgClient(withRetries(concurrent, 'org', { deadline, now }), orgId), budget };
  };
  const orgClientFor = (apiKey: string, orgId: string, deadline: number) =>
    budgetedClient(apiKey, orgId, deadline).client;
  const services: Services = {
    platform,
    storage,
    settings,
    authority: new SettingsAuthorityStore(platform.store),
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
        requestBudget: egress.budget,
      };
    },
    jobs: undefined as unknown as JobRunner,
  };
  services.jobs = new JobRunner(
    {
      store: platform.store,
      queue: platform.queue,
      clock: platform.clock,
      // Each step runs in an invocation of its own: a whole egress budget and a fresh minute of storage units.
      meter: {
        startStep: (pace) => {
          egress.renew();
          storage.startStep(pace);
        },
        endStep: () => storage.endStep(),
        spent: () => storage.spent(),
      },
    },
    jobDefinitions(services),
  );
  return services;
}
