/**
 * What a run's plan does to each billable seat a user holds, before it acts: the seat is freed, freed only once the
 * identity provider applies the hand-off, or kept (another path still grants it). Stored with every run item and
 * added up for the act confirmation ("3 of these users keep a Jira seat through another path: jira-admins (2),
 * direct role (1)").
 */
import {
  billableSeats,
  seatAfterPlan,
  type BillableSeat,
  type SeatAfterPlan,
  type SeatPath,
  type SeatPathContext,
} from './billablePaths';
import type { PlannedAction } from './decision';
import type { DirectoryUser } from './directory';

export interface PlannedSeat {
  productKey: string;
  productName: string;
  /** Every path granting the seat before the run. */
  paths: SeatPath[];
  after: SeatAfterPlan;
  /** The paths the plan leaves in place: when `after` is `kept`, these keep the seat billable. */
  keptThrough: SeatPath[];
}

/** Each billable seat the user holds, with what the planned actions do to it. */
export function plannedSeats(
  user: DirectoryUser,
  planned: readonly PlannedAction[],
  ctx: SeatPathContext,
): PlannedSeat[] {
  return billableSeats(user, ctx).map((seat) => ({
    productKey: seat.productKey,
    productName: ctx.products.find((p) => p.resourceId === seat.resourceId)?.name ?? seat.productKey,
    paths: seat.paths,
    after: seatAfterPlan(seat, planned, ctx.groupsById),
    keptThrough: pathsLeft(seat, planned),
  }));
}

/** The seat's paths that no planned action takes away (a suspension takes them all). */
function pathsLeft(seat: BillableSeat, planned: readonly PlannedAction[]): SeatPath[] {
  if (planned.some((action) => action.kind === 'suspend')) return [];
  return seat.paths.filter((path) =>
    path.kind === 'direct'
      ? !planned.some(
          (action) => action.kind === 'revoke-direct-role' && action.resourceId === seat.resourceId,
        )
      : !planned.some(
          (action) =>
            (action.kind === 'remove-from-group' || action.kind === 'idp-handoff') &&
            action.groupId === path.groupId,
        ),
  );
}

/** The plan takes a path to the seat away, yet the seat stays billable through the paths it leaves. */
export function keptThroughAnotherPath(seat: PlannedSeat): boolean {
  return seat.after === 'kept' && seat.keptThrough.length > 0 && seat.keptThrough.length < seat.paths.length;
}

/**
 * Whether the plan can leave a seat billable through another path at all: it takes some path away (a group, a
 * hand-off, a direct role) and suspends nobody (a suspension frees every seat). Analysis skips the seat plan of
 * every other selected user.
 */
export function mayKeepSeats(planned: readonly PlannedAction[]): boolean {
  let takesPath = false;
  for (const action of planned) {
    if (action.kind === 'suspend') return false;
    if (action.kind !== 'add-to-group') takesPath = true;
  }
  return takesPath;
}

/** A path as the admin reads it: the group's name (and that it is the default group), or "direct role". */
export function pathLabel(path: SeatPath): string {
  if (path.kind === 'direct') return 'direct role';
  return path.defaultGroup ? `${path.groupName} (default group)` : path.groupName;
}

/** Per product, the users whose seat another path keeps, and how many of them each kept path accounts for. */
export interface KeptSeats {
  productKey: string;
  productName: string;
  users: number;
  /** Most users first, then by label; a user kept by two paths counts under both. */
  paths: Array<{ label: string; users: number }>;
}

/** Adds up, one user at a time, the seats their plans leave billable through another path. */
export class KeptSeatsTally {
  private readonly byProduct = new Map<string, { name: string; users: number; paths: Map<string, number> }>();

  add(seats: readonly PlannedSeat[]): void {
    for (const seat of seats) {
      if (!keptThroughAnotherPath(seat)) continue;
      let product = this.byProduct.get(seat.productKey);
      if (!product) {
        product = { name: seat.productName, users: 0, paths: new Map() };
        this.byProduct.set(seat.productKey, product);
      }
      product.users += 1;
      for (const label of new Set(seat.keptThrough.map(pathLabel)))
        product.paths.set(label, (product.paths.get(label) ?? 0) + 1);
    }
  }

  result(): KeptSeats[] {
    return [...this.byProduct].map(([productKey, { name, users, paths }]) => ({
      productKey,
      productName: name,
      users,
      paths: [...paths]
        .map(([label, count]) => ({ label, users: count }))
        .sort((a, b) => b.users - a.users || a.label.localeCompare(b.label)),
    }));
  }
}
