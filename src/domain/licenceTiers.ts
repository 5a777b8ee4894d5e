/**
 * Jira Cloud's per-user pricing tiers: a plan is bought for up to a number of users, and the price steps at each
 * boundary. Atlassian changes these lists over time and by plan, so the admin can replace them (Overview settings);
 * these defaults are the one place the app's own list lives.
 */
export const DEFAULT_TIER_BOUNDARIES: readonly number[] = [
  10, 100, 250, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000, 20000, 25000, 30000, 35000,
  40000, 45000, 50000, 100000,
];

/** The smallest boundary that covers `seats` users, or null when `seats` is past the largest one. */
export function tierCovering(seats: number, boundaries: readonly number[]): number | null {
  for (const boundary of boundaries) if (boundary >= seats) return boundary;
  return null;
}

export interface SeatOutlook {
  /** The tier the seats in use fall in today (null past the largest boundary). */
  tierNow: number | null;
  /** The tier once the freeable seats are freed. */
  tierAfterFreeing: number | null;
  /** Seats to free to reach the next lower tier boundary; null when already in the lowest tier. */
  seatsToNextLowerTier: number | null;
}

/** Where `used` seats sit among the tier boundaries, and where freeing `freeable` of them would take them. */
export function seatOutlook(used: number, freeable: number, boundaries: readonly number[]): SeatOutlook {
  const tierNow = tierCovering(used, boundaries);
  const lower = [...boundaries].reverse().find((boundary) => boundary < used);
  return {
    tierNow,
    tierAfterFreeing: tierCovering(Math.max(0, used - freeable), boundaries),
    seatsToNextLowerTier: lower === undefined ? null : used - lower,
  };
}
