/**
 * The facts seat targets and billable paths need, as the snapshot's scan read them from Jira (no request is made
 * while evaluating): each Jira product's seats in use and its default access groups, and one seat-target selection
 * per rule that has a target. A run scans afresh before it plans, so its seat count is the live one.
 */
import type { SeatPathContext } from '../../domain/billablePaths';
import type { SnapshotSummary } from '../../domain/directory';
import type { Rule } from '../../domain/rule';
import { SeatTargetSelection, seatTargetGoal } from '../../domain/seatTarget';
import { DashboardStore } from '../../store/dashboardStore';
import type { Services } from '../services';

export interface LiveSeats {
  paths: SeatPathContext;
  /** Seats in use per product key, as Jira counted them at the scan, with the product's name. */
  byProduct: Map<string, { productName: string; liveSeats: number }>;
}

/** The seats the snapshot's scan read from Jira, and each product's default access groups, for seat paths. */
export function seatFactsOf(snapshot: SnapshotSummary): LiveSeats {
  const defaultGroupIds = new Map<string, Set<string>>();
  const byProduct = new Map<string, { productName: string; liveSeats: number }>();
  for (const seat of snapshot.seats) {
    byProduct.set(seat.productKey, { productName: seat.productName, liveSeats: seat.userCount });
    for (const product of snapshot.products) {
      if (product.key === seat.productKey)
        defaultGroupIds.set(product.resourceId, new Set(seat.defaultGroupIds));
    }
  }
  const groupsById = new Map(snapshot.groups.map((group) => [group.id, group]));
  return { paths: { groupsById, products: snapshot.products, defaultGroupIds }, byProduct };
}

/** A selection for each rule with a seat target, by rule id; none (and no reads) when no rule has one. */
export async function seatTargetSelections(
  services: Services,
  rules: readonly Rule[],
  seats: LiveSeats,
): Promise<Map<string, SeatTargetSelection>> {
  const targeted = rules.filter((rule) => rule.seatTarget !== null);
  const selections = new Map<string, SeatTargetSelection>();
  if (targeted.length === 0) return selections;
  const settings = await new DashboardStore(services.platform.store).getSettings();
  for (const rule of targeted) {
    const target = rule.seatTarget!;
    const productSeats = seats.byProduct.get(target.product);
    if (productSeats === undefined) {
      throw new Error(
        `Rule '${rule.name}' has a seat target for ${target.product}, which Jira does not count seats for on this site.`,
      );
    }
    const goal = seatTargetGoal(target, productSeats, settings.tierBoundaries);
    selections.set(rule.id, new SeatTargetSelection(goal, seats.paths));
  }
  return selections;
}
