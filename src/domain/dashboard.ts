/**
 * The Overview's aggregates over one completed snapshot: users by state, days since the last Jira activity,
 * the groups and e-mail domains where inactive licences sit, and per Jira product the seats that could be freed.
 * Built by streaming the snapshot's users through `dashboardBuilder`, so no per-user record is kept.
 */
import { isInvitedNeverJoined } from './activity';
import { BILLABLE_ROLE_IDS } from './billablePaths';
import { wholeDaysBetween } from './dates';
import type { DirectoryGroup, DirectoryUser, SeatCount } from './directory';
import { emailDomainOf } from './emailDomain';
import { isPortalCustomer } from './jsm';
import { DEFAULT_TIER_BOUNDARIES } from './licenceTiers';
import { isActive, isInactive, isProtectedPerson } from './measures';
import { protectionCheck, type ProtectionContext } from './protections';

export interface OverviewSettings {
  /** Days without Jira activity after which a user counts as inactive: 1..3650. */
  inactiveDays: number;
  pricePerSeatMonthly: number;
  /** ISO 4217 code, e.g. `USD`. */
  currency: string;
  /** Licence tier boundaries, ascending. */
  tierBoundaries: number[];
}

export const DEFAULT_OVERVIEW_SETTINGS: OverviewSettings = {
  inactiveDays: 90,
  pricePerSeatMonthly: 8.6,
  currency: 'USD',
  tierBoundaries: [...DEFAULT_TIER_BOUNDARIES],
};

/**
 * Each user has exactly one state, judged in this order: suspended (or otherwise without live access), a JSM
 * portal-only customer (free: never a seat, never in the activity figures), without access to any Jira product,
 * protected, invited but never joined, then active, inactive (`isInactive`: never active counts once in the org past
 * the threshold) or never active (newcomers).
 */
export const USER_STATES = [
  'active',
  'inactive',
  'never-active',
  'invited-not-joined',
  'suspended',
  'portal-customer',
  'protected',
  'no-jira-access',
] as const;
export type UserState = (typeof USER_STATES)[number];

export const ACTIVITY_BUCKETS = [
  { id: '0-30', label: '0–30 days', maxDays: 30 },
  { id: '31-60', label: '31–60 days', maxDays: 60 },
  { id: '61-90', label: '61–90 days', maxDays: 90 },
  { id: '91-180', label: '91–180 days', maxDays: 180 },
  { id: '181-365', label: '181–365 days', maxDays: 365 },
  { id: '366-730', label: '1–2 years', maxDays: 730 },
  { id: '>730', label: 'Over 2 years', maxDays: Infinity },
] as const;
const NEVER_BUCKET = { id: 'never', label: 'Never' } as const;

export const TOP_GROUPS = 10;
export const TOP_DOMAINS = 10;

export interface ActivityBucket {
  id: string;
  label: string;
  users: number;
}

export interface GroupInactivity {
  groupId: string;
  groupName: string;
  syncedFromIdp: boolean;
  /** Members holding a Jira licence, not protected, inactive past the threshold: where action is needed. */
  inactiveLicensed: number;
  /** Members holding a Jira licence. */
  licensed: number;
}

export interface DomainCount {
  domain: string;
  users: number;
  /** No account at the domain is managed by the org: contractors, partners, personal addresses. */
  external: boolean;
}

export interface ProductUsage {
  productKey: string;
  productName: string;
  /** Live Atlassian accounts holding a paid seat on the product (free roles such as contributor left out). */
  licensed: number;
  /** Licensed users active in this product within the threshold. */
  active: number;
  /** Licensed users inactive in every Jira product past the threshold, protected users never counted. */
  freeable: number;
}

export interface Dashboard {
  snapshotId: string;
  completedAt: string;
  /** The threshold the aggregate was computed with. */
  inactiveDays: number;
  users: number;
  usersByState: Record<UserState, number>;
  /** Live users with Jira access (portal customers left out), by days since their last activity in any Jira product. */
  activityHistogram: ActivityBucket[];
  /** Groups with the most inactive licensed users, most first; groups without any are left out. */
  topInactiveGroups: GroupInactivity[];
  domains: {
    /** The domains with most users, most first. */
    top: DomainCount[];
    /** Every other domain, added up. */
    other: { domains: number; users: number };
    /** Users whose address the API does not reveal. */
    withoutEmail: number;
  };
  /** Every Jira product Jira reports seats for, in Jira's order. */
  products: ProductUsage[];
  /** Users the app changed (suspended, removed from a group...) since the scan, counted as they are now (ADR 0022). */
  changedSinceScan?: number;
  /** JSM agents apart from portal-only customers; absent when Jira counts no JSM seats on the site. */
  serviceManagement?: import('./jsmPeople').ServiceManagementPeople;
}

export interface DashboardContext {
  snapshotId: string;
  completedAt: string;
  /** Activity ages are counted to this moment (the scan's completion). */
  now: Date;
  inactiveDays: number;
  /** Jira's seat counts: their product keys are the Jira products. */
  seats: SeatCount[];
  groups: DirectoryGroup[];
  protection: ProtectionContext;
}

export interface DashboardBuilder {
  add(users: Iterable<DirectoryUser>): void;
  result(): Dashboard;
}

interface DomainTally {
  users: number;
  managed: number;
}

/** Adds users up chunk by chunk; `result()` gives the aggregate of everything added so far. */
export function dashboardBuilder(ctx: DashboardContext): DashboardBuilder {
  const isProtected = protectionCheck(ctx.protection);
  const groupsById = new Map(ctx.groups.map((group) => [group.id, group]));
  const jiraKeys = ctx.seats.map((seat) => seat.productKey);
  const nowMs = ctx.now.getTime();
  const usersByState = Object.fromEntries(USER_STATES.map((state) => [state, 0])) as Record<
    UserState,
    number
  >;
  const buckets = new Array<number>(ACTIVITY_BUCKETS.length + 1).fill(0);
  const groupTallies = new Map<string, { inactiveLicensed: number; licensed: number }>();
  const domains = new Map<string, DomainTally>();
  const products = ctx.seats.map((seat) => ({
    productKey: seat.productKey,
    productName: seat.productName,
    licensed: 0,
    active: 0,
    freeable: 0,
  }));
  let users = 0;
  let withoutEmail = 0;

  const addOne = (user: DirectoryUser) => {
    users += 1;
    if (!tallyDomain(domains, user)) withoutEmail += 1;
    const live = hasLiveAccess(user);
    const licensedKeys =
      live && user.accountType === 'atlassian' ? jiraKeysBilled(user, jiraKeys, groupsById) : [];
    const daysInactive = daysSince(latestActivityMs(user, jiraKeys), nowMs);
    const protectedUser = isProtectedPerson(isProtected(user));
    const inactive = isInactive(daysInactive, daysInOrg(user, nowMs), ctx.inactiveDays);
    const state = stateOf(user, {
      live,
      protectedUser,
      jiraKeys,
      active: isActive(daysInactive, ctx.inactiveDays),
      inactive,
    });
    usersByState[state] += 1;

    if (live && state !== 'portal-customer' && jiraKeys.some((key) => holdsProduct(user, key))) {
      buckets[bucketIndex(daysInactive)]! += 1;
    }
    if (licensedKeys.length === 0) return;
    const freeable = !protectedUser && inactive;
    for (const product of products) {
      if (!licensedKeys.includes(product.productKey)) continue;
      product.licensed += 1;
      const days = daysSince(latestActivityMs(user, [product.productKey]), nowMs);
      if (isActive(days, ctx.inactiveDays)) product.active += 1;
      if (freeable) product.freeable += 1;
    }
    for (const groupId of user.groupIds) {
      const tally = groupTallies.get(groupId) ?? { inactiveLicensed: 0, licensed: 0 };
      tally.licensed += 1;
      if (freeable) tally.inactiveLicensed += 1;
      groupTallies.set(groupId, tally);
    }
  };

  return {
    add(chunk) {
      for (const user of chunk) addOne(user);
    },
    result() {
      return {
        snapshotId: ctx.snapshotId,
        completedAt: ctx.completedAt,
        inactiveDays: ctx.inactiveDays,
        users,
        usersByState: { ...usersByState },
        activityHistogram: [...ACTIVITY_BUCKETS, NEVER_BUCKET].map((bucket, i) => ({
          id: bucket.id,
          label: bucket.label,
          users: buckets[i]!,
        })),
        topInactiveGroups: topGroups(groupTallies, ctx.groups),
        domains: { ...topDomains(domains), withoutEmail },
        products: products.map((product) => ({ ...product })),
      };
    },
  };
}

/** The aggregate of `users` in one call. */
export function buildDashboard(users: Iterable<DirectoryUser>, ctx: DashboardContext): Dashboard {
  const builder = dashboardBuilder(ctx);
  builder.add(users);
  return builder.result();
}

export interface SavingsEstimate {
  freeableSeats: number;
  pricePerSeatMonthly: number;
  currency: string;
  /** freeableSeats × price per seat per month × 12, to the cent. */
  yearly: number;
}

/** What freeing every freeable seat of every Jira product would save in a year at one price per seat. */
export function yearlySavings(products: ProductUsage[], settings: OverviewSettings): SavingsEstimate {
  const freeableSeats = products.reduce((sum, product) => sum + product.freeable, 0);
  return {
    freeableSeats,
    pricePerSeatMonthly: settings.pricePerSeatMonthly,
    currency: settings.currency,
    yearly: Math.round(freeableSeats * settings.pricePerSeatMonthly * 12 * 100) / 100,
  };
}

function hasLiveAccess(user: DirectoryUser): boolean {
  return user.status === 'active' && user.accountStatus === 'active' && user.membershipStatus === 'active';
}

function holdsProduct(user: DirectoryUser, key: string): boolean {
  return user.products.some((use) => use.key === key);
}

/**
 * The Jira products the user holds a paid seat on: a group grants a billable role, or no group explains the
 * access (a direct role). A Jira Product Discovery contributor has access but no seat, so Jira's own seat count
 * and these figures agree.
 */
function jiraKeysBilled(
  user: DirectoryUser,
  jiraKeys: string[],
  groupsById: ReadonlyMap<string, DirectoryGroup>,
): string[] {
  return jiraKeys.filter((key) => {
    const use = user.products.find((product) => product.key === key);
    if (!use) return false;
    const grants = user.groupIds.flatMap((id) =>
      (groupsById.get(id)?.grants ?? []).filter((grant) => grant.resourceId === use.resourceId),
    );
    return grants.length === 0 || grants.some((grant) => BILLABLE_ROLE_IDS.has(grant.roleId));
  });
}

/** The latest readable activity over the given products; unreadable timestamps say nothing and are skipped. */
function latestActivityMs(user: DirectoryUser, keys: string[]): number | null {
  let latest: number | null = null;
  for (const use of user.products) {
    if (use.lastActiveAt === null || !keys.includes(use.key)) continue;
    const ms = Date.parse(use.lastActiveAt);
    if (!Number.isNaN(ms) && (latest === null || ms > latest)) latest = ms;
  }
  return latest;
}

function daysSince(ms: number | null, nowMs: number): number | null {
  return ms === null ? null : Math.max(0, wholeDaysBetween(ms, nowMs));
}

function stateOf(
  user: DirectoryUser,
  facts: {
    live: boolean;
    protectedUser: boolean;
    jiraKeys: string[];
    active: boolean;
    inactive: boolean;
  },
): UserState {
  if (!facts.live) return 'suspended';
  if (isPortalCustomer(user)) return 'portal-customer';
  if (!facts.jiraKeys.some((key) => holdsProduct(user, key))) return 'no-jira-access';
  if (facts.protectedUser) return 'protected';
  if (isInvitedNeverJoined(user)) return 'invited-not-joined';
  if (facts.active) return 'active';
  return facts.inactive ? 'inactive' : 'never-active';
}

function daysInOrg(user: DirectoryUser, nowMs: number): number | null {
  const addedMs = user.addedToOrg === null ? NaN : Date.parse(user.addedToOrg);
  return Number.isNaN(addedMs) ? null : wholeDaysBetween(addedMs, nowMs);
}

function bucketIndex(daysInactive: number | null): number {
  if (daysInactive === null) return ACTIVITY_BUCKETS.length;
  return ACTIVITY_BUCKETS.findIndex((bucket) => daysInactive <= bucket.maxDays);
}

/** Counts the user under their e-mail domain; false when the address is not known. */
function tallyDomain(domains: Map<string, DomainTally>, user: DirectoryUser): boolean {
  const domain = emailDomainOf(user.email);
  if (domain === null) return false;
  const tally = domains.get(domain) ?? { users: 0, managed: 0 };
  tally.users += 1;
  if (user.claimStatus === 'managed') tally.managed += 1;
  domains.set(domain, tally);
  return true;
}

function topGroups(
  tallies: Map<string, { inactiveLicensed: number; licensed: number }>,
  groups: DirectoryGroup[],
): GroupInactivity[] {
  const byId = new Map(groups.map((group) => [group.id, group]));
  return [...tallies]
    .filter(([, tally]) => tally.inactiveLicensed > 0)
    .map(([groupId, tally]) => ({
      groupId,
      groupName: byId.get(groupId)?.name ?? groupId,
      syncedFromIdp: byId.get(groupId)?.syncedFromIdp ?? false,
      ...tally,
    }))
    .sort((a, b) => b.inactiveLicensed - a.inactiveLicensed || a.groupName.localeCompare(b.groupName))
    .slice(0, TOP_GROUPS);
}

function topDomains(domains: Map<string, DomainTally>): Omit<Dashboard['domains'], 'withoutEmail'> {
  const sorted = [...domains]
    .map(([domain, tally]) => ({ domain, users: tally.users, external: tally.managed === 0 }))
    .sort((a, b) => b.users - a.users || a.domain.localeCompare(b.domain));
  const rest = sorted.slice(TOP_DOMAINS);
  return {
    top: sorted.slice(0, TOP_DOMAINS),
    other: { domains: rest.length, users: rest.reduce((sum, d) => sum + d.users, 0) },
  };
}

/** One completed scan, reduced to what the trend chart draws. */
export interface TrendPoint {
  snapshotId: string;
  completedAt: string;
  users: number;
  inactiveDays: number;
  products: Array<{ productKey: string; productName: string; licensed: number; active: number }>;
}

export function trendPointOf(dashboard: Dashboard): TrendPoint {
  return {
    snapshotId: dashboard.snapshotId,
    completedAt: dashboard.completedAt,
    users: dashboard.users,
    inactiveDays: dashboard.inactiveDays,
    products: dashboard.products.map(({ productKey, productName, licensed, active }) => ({
      productKey,
      productName,
      licensed,
      active,
    })),
  };
}
