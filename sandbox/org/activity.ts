import { DAY_MS } from '../clock';
import type { Sampler } from './sampling';

const YEAR_DAYS = 365.25;

/** How long ago accounts joined: up to eight years, weighted towards recent hires as the company grew. */
const MAX_ACCOUNT_AGE_DAYS = 8 * YEAR_DAYS;
const ACCOUNT_AGE_SKEW = 1.3;

export interface AgeBand {
  share: number;
  fromDays: number;
  toDays: number;
}

/** Recency of someone's last product use: most people work in it daily, with a long tail of leavers. */
export const STAFF_ACTIVITY_BANDS: readonly AgeBand[] = [
  { share: 0.55, fromDays: 0, toDays: 30 },
  { share: 0.15, fromDays: 30, toDays: 90 },
  { share: 0.12, fromDays: 90, toDays: 365 },
  { share: 0.18, fromDays: 365, toDays: 4 * YEAR_DAYS },
];

/** Portal customers visit when they need help, so their recency is flatter. */
export const CUSTOMER_ACTIVITY_BANDS: readonly AgeBand[] = [
  { share: 0.3, fromDays: 0, toDays: 30 },
  { share: 0.22, fromDays: 30, toDays: 90 },
  { share: 0.28, fromDays: 90, toDays: 365 },
  { share: 0.2, fromDays: 365, toDays: 4 * YEAR_DAYS },
];

/** Suspended and deactivated people stopped working months or years before. */
export const LEAVER_ACTIVITY_BANDS: readonly AgeBand[] = STAFF_ACTIVITY_BANDS.filter(
  (band) => band.fromDays >= 90,
);

export function sampleAddedToOrg(sampler: Sampler, now: number, maxAgeDays = MAX_ACCOUNT_AGE_DAYS): number {
  return now - Math.floor(Math.pow(sampler.random(), ACCOUNT_AGE_SKEW) * maxAgeDays * DAY_MS);
}

/**
 * A moment of last use in the band, never before the account joined the org. In the most recent band
 * the draw leans towards today (a daily user was most likely active in the last day or two).
 */
export function sampleLastActive(sampler: Sampler, band: AgeBand, now: number, addedToOrg: number): number {
  const u = band.fromDays === 0 ? sampler.random() ** 2 : sampler.random();
  const at = now - Math.floor((band.fromDays + u * (band.toDays - band.fromDays)) * DAY_MS);
  if (at >= addedToOrg) return at;
  return addedToOrg + Math.floor(sampler.random() * (now - addedToOrg));
}
