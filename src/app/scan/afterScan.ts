import { recordOverview } from '../overview/overview';
import type { Services } from '../services';
import { cancelWarningsOfReturnedUsers } from '../warnings/warningsAfterScan';

/**
 * What follows every completed snapshot, whichever job took it (scan, analysis, or a live run's refresh).
 * Runs inside the scan's last step, so each task must be bounded and idempotent: the step may run twice.
 */
export async function afterSnapshotCompleted(
  services: Services,
  snapshotId: string,
  now: Date,
): Promise<void> {
  await recordOverview(services, snapshotId, now);
  await cancelWarningsOfReturnedUsers(services, snapshotId, now);
}
