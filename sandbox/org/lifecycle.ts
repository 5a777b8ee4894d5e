import { DAY_MS } from '../clock';
import { LEAVER_ACTIVITY_BANDS, STAFF_ACTIVITY_BANDS, sampleLastActive, type AgeBand } from './activity';
import type { AccountState } from './generated-account';
import type { Lifecycle } from './population';
import type { Sampler } from './sampling';

const HOUR_MS = 3_600_000;

/** Recent joiners who have not opened a product yet: the grace-period case. */
const NEW_JOINER_DAYS = 14;
const NEW_JOINER_NOT_STARTED = 0.5;
/** Chance that someone with access to a second product never opened it. */
const NEVER_OPENED_OTHER_PRODUCT = 0.12;
/** Chance that a second product's recency follows the person's overall recency rather than its own. */
const SAME_RECENCY_ACROSS_PRODUCTS = 0.6;

export interface PinnedUse {
  resourceId: string;
  daysAgo: number;
}

/**
 * Account state and per-product last activity for a person in the given lifecycle. `productResourceIds`
 * are the products the person has access to; activity is only ever recorded on those.
 */
export function lifecycleState(
  sampler: Sampler,
  lifecycle: Lifecycle,
  productResourceIds: readonly string[],
  addedToOrg: number,
  now: number,
  pinned?: PinnedUse,
): AccountState {
  switch (lifecycle) {
    case 'regular': {
      const lastActive = usage(sampler, STAFF_ACTIVITY_BANDS, productResourceIds, addedToOrg, now);
      if (pinned) lastActive.set(pinned.resourceId, pinnedMoment(sampler, pinned, addedToOrg, now));
      else if (now - addedToOrg < NEW_JOINER_DAYS * DAY_MS && sampler.chance(NEW_JOINER_NOT_STARTED)) {
        lastActive.clear();
      }
      return state('active', 'active', 'active', false, lastActive, null);
    }
    case 'never-active':
      return state('active', 'active', 'active', false, new Map(), null);
    case 'invited':
      return state('active', 'active', 'active', true, new Map(), null);
    case 'suspended': {
      const lastActive = usage(sampler, LEAVER_ACTIVITY_BANDS, productResourceIds, addedToOrg, now);
      const suspendedAt = momentAfterLastUse(sampler, lastActive, addedToOrg, now);
      return state('suspended', 'active', 'suspended', false, lastActive, suspendedAt);
    }
    case 'deactivated': {
      const lastActive = usage(sampler, LEAVER_ACTIVITY_BANDS, productResourceIds, addedToOrg, now);
      const deactivatedAt = momentAfterLastUse(sampler, lastActive, addedToOrg, now);
      return state('deactivated', 'inactive', 'active', false, lastActive, deactivatedAt);
    }
  }
}

/** Someone with an open invitation has not verified their e-mail; everyone else has. */
function state(
  status: AccountState['status'],
  accountStatus: AccountState['accountStatus'],
  membershipStatus: AccountState['membershipStatus'],
  invitationPending: boolean,
  lastActive: Map<string, number>,
  suspendedAt: number | null,
): AccountState {
  return {
    status,
    accountStatus,
    membershipStatus,
    invitationPending,
    emailVerified: !invitationPending,
    lastActive,
    suspendedAt,
  };
}

/**
 * The first product follows the person's recency; others mostly do too, sometimes have their own
 * (in Jira last week, in Confluence last year), sometimes were never opened.
 */
function usage(
  sampler: Sampler,
  bands: readonly AgeBand[],
  productResourceIds: readonly string[],
  addedToOrg: number,
  now: number,
): Map<string, number> {
  const lastActive = new Map<string, number>();
  const personBand = sampler.pickByShare(bands);
  productResourceIds.forEach((resourceId, index) => {
    if (index > 0 && sampler.chance(NEVER_OPENED_OTHER_PRODUCT)) return;
    const band =
      index === 0 || sampler.chance(SAME_RECENCY_ACROSS_PRODUCTS) ? personBand : sampler.pickByShare(bands);
    lastActive.set(resourceId, sampleLastActive(sampler, band, now, addedToOrg));
  });
  return lastActive;
}

function pinnedMoment(sampler: Sampler, pinned: PinnedUse, addedToOrg: number, now: number): number {
  const withinTheHour = Math.floor(sampler.random() * HOUR_MS);
  return Math.max(addedToOrg, now - pinned.daysAgo * DAY_MS - withinTheHour);
}

function momentAfterLastUse(
  sampler: Sampler,
  lastActive: Map<string, number>,
  addedToOrg: number,
  now: number,
): number {
  const lastUse = Math.max(addedToOrg, ...lastActive.values());
  return lastUse + Math.floor(sampler.random() * (now - lastUse));
}
