/** Atlassian's per-user pricing tiers: a plan is bought for up to this many users. */
export const PRICING_TIERS: readonly number[] = [
  10, 25, 50, 100, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000,
  7500, 10000, 15000, 20000, 25000, 30000, 35000, 40000, 45000, 50000, 75000, 100000, 150000,
];

/** The smallest tier that covers `usersInUse`: the user limit an org at that usage would be paying for. */
export function smallestPricingTierCovering(
  usersInUse: number,
  tiers: readonly number[] = PRICING_TIERS,
): number {
  if (!Number.isInteger(usersInUse) || usersInUse < 0) {
    throw new RangeError(`usersInUse must be a non-negative integer (got ${usersInUse})`);
  }
  const tier = tiers.find((t) => t >= usersInUse);
  if (tier === undefined) {
    throw new RangeError(`${usersInUse} users exceed the largest pricing tier (${tiers[tiers.length - 1]})`);
  }
  return tier;
}
