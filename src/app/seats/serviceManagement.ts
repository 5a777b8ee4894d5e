import type { SnapshotSummary } from '../../domain/directory';
import { JSM_PRODUCT } from '../../domain/jsm';
import { ServiceManagementTally } from '../../domain/jsmPeople';
import { seatFactsOf } from './seatTargets';

/** The Overview's JSM agents and customers, counted when Jira counts JSM seats on the site. */
export function serviceManagementTallyFor(snapshot: SnapshotSummary): ServiceManagementTally | null {
  if (!snapshot.seats.some((seat) => seat.productKey === JSM_PRODUCT)) return null;
  return new ServiceManagementTally(seatFactsOf(snapshot).paths);
}
