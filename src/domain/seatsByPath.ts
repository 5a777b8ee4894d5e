/**
 * The Overview's "seats by path": for each product, how many billable seats each path grants ("312 seats come from
 * the default group jira-software-users"), and how many of them that path alone grants (leaving it frees the seat).
 * A seat granted by two groups counts under both.
 */
import { billableSeats, type SeatPathContext } from './billablePaths';
import type { DirectoryUser } from './directory';

export interface PathSeats {
  /** A group id, or `direct` for direct roles. */
  path: string;
  /** The group's name, or "direct role". */
  label: string;
  defaultGroup: boolean;
  syncedFromIdp: boolean;
  seats: number;
  /** Seats no other path grants. */
  onlyPath: number;
}

export interface ProductSeatsByPath {
  productKey: string;
  /** Tells apart products of one key on two sites of the organization (org scope). */
  resourceId: string;
  productName: string;
  /** Users holding a billable seat, as the scan sees them. */
  seats: number;
  /** Most seats first, then by label. */
  paths: PathSeats[];
}

/** Seats by path as an analysis added them up from its snapshot. */
export interface SeatsByPathRecord {
  snapshotId: string;
  computedAt: string;
  products: ProductSeatsByPath[];
}

/** Adds up seats by path one user at a time, so users can be streamed. */
export class SeatsByPathTally {
  private readonly byProduct = new Map<string, { seats: number; paths: Map<string, PathSeats> }>();

  constructor(private readonly ctx: SeatPathContext) {}

  add(user: DirectoryUser): void {
    for (const seat of billableSeats(user, this.ctx)) {
      let product = this.byProduct.get(seat.resourceId);
      if (!product) this.byProduct.set(seat.resourceId, (product = { seats: 0, paths: new Map() }));
      product.seats += 1;
      for (const path of seat.paths) {
        const key = path.kind === 'group' ? path.groupId : 'direct';
        let entry = product.paths.get(key);
        if (!entry) {
          entry =
            path.kind === 'group'
              ? {
                  path: key,
                  label: path.groupName,
                  defaultGroup: path.defaultGroup,
                  syncedFromIdp: path.syncedFromIdp,
                  seats: 0,
                  onlyPath: 0,
                }
              : {
                  path: key,
                  label: 'direct role',
                  defaultGroup: false,
                  syncedFromIdp: false,
                  seats: 0,
                  onlyPath: 0,
                };
          product.paths.set(key, entry);
        }
        entry.seats += 1;
        if (seat.paths.length === 1) entry.onlyPath += 1;
      }
    }
  }

  result(): ProductSeatsByPath[] {
    return this.ctx.products.flatMap((product) => {
      const tallied = this.byProduct.get(product.resourceId);
      if (!tallied) return [];
      const paths = [...tallied.paths.values()].sort(
        (a, b) => b.seats - a.seats || a.label.localeCompare(b.label),
      );
      return [
        {
          productKey: product.key,
          resourceId: product.resourceId,
          productName: product.name,
          seats: tallied.seats,
          paths,
        },
      ];
    });
  }
}
