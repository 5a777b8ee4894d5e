import type { AppStatus } from '../../contract';
import { readHeartbeat } from './heartbeat';
import type { Services } from '../services';

export async function getAppStatus(services: Services): Promise<AppStatus> {
  const [connection, seats, heartbeat] = await Promise.all([
    services.settings.getConnection(),
    services.jira.seatCounts(),
    readHeartbeat(services.platform.store),
  ]);
  return { orgApiKeySet: connection?.keySet ?? false, seats, heartbeat };
}
