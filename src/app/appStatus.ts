import type { AppStatus } from '../contract';
import { readHeartbeat } from './heartbeat';
import type { Services } from './services';

export async function getAppStatus(services: Services): Promise<AppStatus> {
  const [connection, roles, heartbeat] = await Promise.all([
    services.settings.getConnection(),
    services.jira.applicationRoles(),
    readHeartbeat(services.platform.store),
  ]);
  return {
    orgApiKeySet: connection?.keySet ?? false,
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
