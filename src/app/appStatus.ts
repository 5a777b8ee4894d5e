import type { AppStatus } from '../contract';
import type { JiraClient } from '../atlassian/jiraClient';
import type { KeyValueStore, SecretStore } from '../platform/ports';
import { readHeartbeat } from './heartbeat';

export const ORG_API_KEY_SECRET = 'org-api-key';

export async function getAppStatus(deps: {
  store: KeyValueStore & SecretStore;
  jira: JiraClient;
}): Promise<AppStatus> {
  const [key, roles, heartbeat] = await Promise.all([
    deps.store.getSecret(ORG_API_KEY_SECRET),
    deps.jira.applicationRoles(),
    readHeartbeat(deps.store),
  ]);
  return {
    orgApiKeySet: typeof key === 'string' && key.length > 0,
    seats: roles.map((r) => ({
      productKey: r.key,
      productName: r.name,
      userCount: r.userCount,
      numberOfSeats: r.numberOfSeats,
      remainingSeats: r.remainingSeats,
      hasUnlimitedSeats: r.hasUnlimitedSeats,
    })),
    heartbeat,
  };
}
