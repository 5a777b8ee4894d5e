/**
 * The seats in a run's plan: for every item, the user's billable seats as the run's fresh scan shows them, each with
 * its paths and whether the planned actions free it. Scheduled runs plan them with their items; a run requested from
 * a preview plans them once its scan is fresh, before it warns or acts.
 */
import type { PlannedAction } from '../../domain/decision';
import type { DirectoryUser, SnapshotSummary } from '../../domain/directory';
import { plannedSeats, type PlannedSeat } from '../../domain/seatPlan';
import type { RunItem } from '../../store/runStore';
import { changesSinceScan } from '../scan/changesSinceScan';
import { seatFactsOf } from '../seats/seatTargets';
import type { Services } from '../services';

/** The seat plan of one user, from the snapshot the run plans against. */
export function seatPlannerFor(snapshot: SnapshotSummary) {
  const { paths } = seatFactsOf(snapshot);
  return (user: DirectoryUser, planned: readonly PlannedAction[]): PlannedSeat[] =>
    plannedSeats(user, planned, paths);
}

/** Adds each stored item's seat plan, reading the snapshot once; a user missing from it gets none. */
export async function planRunSeats(
  services: Services,
  runId: string,
  snapshot: SnapshotSummary,
): Promise<void> {
  const items = new Map<string, RunItem>();
  for await (const chunk of services.runs.items(runId))
    for (const item of chunk) items.set(item.accountId, item);
  const planSeats = seatPlannerFor(snapshot);
  const changes = await changesSinceScan(services, snapshot);
  const seats = new Map<string, PlannedSeat[]>();
  for await (const users of services.snapshots.readUsers(snapshot.id)) {
    for (const scanned of users) {
      const item = items.get(scanned.accountId);
      if (item) seats.set(item.accountId, planSeats(changes.apply(scanned), item.actions));
    }
  }
  await services.runs.saveItems(
    runId,
    [...items.values()].map((item) => ({ ...item, seats: seats.get(item.accountId) ?? [] })),
  );
}
