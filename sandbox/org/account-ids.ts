import type { Sampler } from './sampling';

/**
 * Atlassian account id formats. Accounts created before the 2019 switch have 24 lowercase hex characters
 * whose first eight encode the creation time in seconds (e.g. `5b10ac8d82e05b22cc7d4ef5`); newer
 * accounts are `712020:<uuid>`; app users `557058:<uuid>`; JSM portal-only customers `qm:<uuid>:<uuid>`.
 */
const MODERN_ID_SINCE = Date.UTC(2019, 0, 1);
/**
 * Ids are minted as if the org were generated on this day, whatever day the sandbox starts: an id depends on
 * the account's age (drawn from the seed), never on the clock, so the same seed gives the same ids.
 */
const ID_MINTING_DAY = Date.UTC(2026, 0, 1);

/** `ageMs`: how long before the org's generation the account was created. */
export function personAccountId(sampler: Sampler, ageMs: number): string {
  const createdAt = ID_MINTING_DAY - ageMs;
  if (createdAt < MODERN_ID_SINCE) {
    const seconds = Math.floor(Math.max(0, createdAt) / 1000);
    return seconds.toString(16).padStart(8, '0').slice(-8) + sampler.lowerHex(16);
  }
  return `712020:${sampler.uuid()}`;
}

export function appAccountId(sampler: Sampler): string {
  return `557058:${sampler.uuid()}`;
}

export function portalCustomerAccountId(sampler: Sampler): string {
  return `qm:${sampler.uuid()}:${sampler.uuid()}`;
}
