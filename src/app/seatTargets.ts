/**
 * The live facts seat targets and billable paths need, read from Jira when an evaluation starts: each Jira
 * product's seats in use and its default access groups (one `applicationrole` call), and one seat-target selection
 * per rule that has a target.
 */
import type { SeatPathContext } from '../domain/billablePaths';
import type { SnapshotSummary } from '../domain/directory';
import type { Rule } from '../domain/rule';
import { SeatTargetSelection, seatTargetGoal } from '../domain/seatTarget';
import { DashboardStore } from '../store/dashboardStore';
import type { Services } from './services';

export interface LiveSeats {
  paths: SeatPathContext;
  /** Seats in use now per product key, as Jira counts them, with the product's name. */
  byProduct: Map<string, { productName: string; liveSeats: number }>;
}

/** Jira's application roles now: seats in use and default groups, in the terms of the snapshot's products. */
export async function liveSeatsFor(services: Services, snapshot: SnapshotSummary): Promise<LiveSeats> {
  const roles = await services.jira.applicationRoles();
  const defaultGroupIds = new Map<string, Set<string>>();
  const byProduct = new Map<string, { productName: string; liveSeats: number }>();
  for (const role of roles) {
    byProduct.set(role.key, { productName: role.name, liveSeats: role.userCount });
    const groups = new Set((role.defaultGroupsDetails ?? []).flatMap((g) => (g.groupId ? [g.groupId] : [])));
    for (const product of snapshot.products) {
      if (product.key === role.key) defaultGroupIds.set(product.resourceId, groups);
    }
  }
  const groupsById = new Map(snapshot.groups.map((group) => [group.id, group]));
  return { paths: { groupsById, products: snapshot.products, defaultGroupIds }, byProduct };
}

/** A selection for each rule with a seat target, by rule id; none (and no reads) when no rule has one. */
export async function seatTargetSelections(
  services: Services,
  rules: readonly Rule[],
  live: LiveSeats | (() => Promise<LiveSeats>),
): Promise<Map<string, SeatTargetSelection>> {
  const targeted = rules.filter((rule) => rule.seatTarget !== null);
  const selections = new Map<string, SeatTargetSelection>();
  if (targeted.length === 0) return selections;
  const [seats, settings] = await Promise.all([
    typeof live === 'function' ? live() : live,
    new DashboardStore(services.platform.store).getSettings(),
  ]);
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
