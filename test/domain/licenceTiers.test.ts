import { DEFAULT_TIER_BOUNDARIES, seatOutlook, tierCovering } from '../../src/domain/licenceTiers';

const TIERS = [10, 100, 250, 500];

it('lists the default tier boundaries in ascending order', () => {
  expect([...DEFAULT_TIER_BOUNDARIES].sort((a, b) => a - b)).toEqual(DEFAULT_TIER_BOUNDARIES);
  expect(new Set(DEFAULT_TIER_BOUNDARIES).size).toBe(DEFAULT_TIER_BOUNDARIES.length);
});

it('finds the smallest tier that covers the seats, a boundary itself included', () => {
  expect(tierCovering(100, TIERS)).toBe(100);
  expect(tierCovering(101, TIERS)).toBe(250);
  expect(tierCovering(501, TIERS)).toBeNull();
});

it('says how many seats to free to reach the next lower tier, and the tier after freeing', () => {
  expect(seatOutlook(260, 20, TIERS)).toEqual({
    tierNow: 500,
    tierAfterFreeing: 250,
    seatsToNextLowerTier: 10,
  });
});

it('has no lower tier to reach from the lowest one', () => {
  expect(seatOutlook(8, 2, TIERS)).toEqual({ tierNow: 10, tierAfterFreeing: 10, seatsToNextLowerTier: null });
});
