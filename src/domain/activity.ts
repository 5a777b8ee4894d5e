/** What a user's product records say about their activity, for one product key or for `any` product. */
import { timestampMs } from './dates';
import type { DirectoryUser } from './directory';

export const ANY_PRODUCT = 'any';

export type Activity =
  | { kind: 'active'; lastActiveAt: string; lastActiveMs: number }
  | { kind: 'never' }
  /** A timestamp that cannot be read: nothing can be concluded from it. */
  | { kind: 'unreadable' };

const NEVER: Activity = { kind: 'never' };
const UNREADABLE: Activity = { kind: 'unreadable' };

/** Whether the user can use the product at all (any product for `any`). */
export function hasProductAccess(user: DirectoryUser, product: string): boolean {
  if (product === ANY_PRODUCT) return user.products.length > 0;
  for (const use of user.products) if (use.key === product) return true;
  return false;
}

/** The latest activity over the product's records (every product for `any`). */
export function lastActivity(user: DirectoryUser, product: string): Activity {
  let latest: string | null = null;
  let latestMs = -Infinity;
  for (const use of user.products) {
    if (use.lastActiveAt === null || (product !== ANY_PRODUCT && use.key !== product)) continue;
    const ms = timestampMs(use.lastActiveAt);
    if (Number.isNaN(ms)) return UNREADABLE;
    if (ms > latestMs) {
      latest = use.lastActiveAt;
      latestMs = ms;
    }
  }
  return latest === null ? NEVER : { kind: 'active', lastActiveAt: latest, lastActiveMs: latestMs };
}

export function hasAnyActivity(user: DirectoryUser): boolean {
  for (const use of user.products) if (use.lastActiveAt !== null) return true;
  return false;
}

/** Invited, never accepted: not provisioned by an IdP, e-mail never verified, never active anywhere. */
export function isInvitedNeverJoined(user: DirectoryUser): boolean {
  return user.managementSource !== 'synced' && !user.emailVerified && !hasAnyActivity(user);
}
