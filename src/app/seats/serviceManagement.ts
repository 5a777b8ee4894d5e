import type { SnapshotSummary } from '../../domain/directory';
import { JSM_PRODUCT } from '../../domain/jsm';
import { ServiceManagementTally } from '../../domain/jsmPeople';
import { DashboardStore } from '../../store/dashboardStore';
import { seatFactsOf } from './seatTargets';
import type { Services } from '../services';

/** The Overview's JSM agents and customers, counted when Jira counts JSM seats on the site. */
export function serviceManagementTallyFor(snapshot: SnapshotSummary): ServiceManagementTally | null {
  if (!snapshot.seats.some((seat) => seat.productKey === JSM_PRODUCT)) return null;
  return new ServiceManagementTally(seatFactsOf(snapshot).paths);
}

/** The groups the latest Overview found holding only portal customers; empty before it counted them. */
export async function customerOnlyGroupIds(services: Services): Promise<ReadonlySet<string>> {
  const dashboard = await new DashboardStore(services.platform.store).latest();
  return new Set(dashboard?.serviceManagement?.customerOnlyGroupIds ?? []);
}
