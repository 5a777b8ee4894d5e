/**
 * What judging a user needs that does not depend on the rule, shared by the rules judged together: analysis judges
 * each user against every rule before it moves on to the next user, so each fact is worked out once per user, the
 * first time a rule asks for it (a user every rule leaves out early costs next to nothing). The facts are those of
 * the user judged last: `of(user)` moves on to another user and reuses the same buffers, so judging allocates
 * little per user beyond the verdicts.
 *
 * Rules say what they will ask before any user is judged (`groupMask`, `productActivity`), so group membership is a
 * bitset over the groups rules name, and activity is kept only for the products rules judge, in whole days.
 */
import { accountKindOf, type AccountKind } from './accountKind';
import { ANY_PRODUCT, type Activity } from './activity';
import { timestampMs, wholeDaysBetween } from './dates';
import type { Protection } from './decision';
import type { DirectoryUser } from './directory';
import { protectionCheck, type ProtectionContext } from './protections';

/** What a product's records say, as `lastActivity` reads them (`Activity['kind']`). */
export type ActivityState = Activity['kind'];

const KIND_BITS: Readonly<Record<AccountKind, number>> = { staff: 1, external: 2, customer: 4, other: 8 };

/** The bits of these account kinds, to test against `kindBit`. */
export function kindMask(kinds: readonly AccountKind[]): number {
  let mask = 0;
  for (const kind of kinds) mask |= KIND_BITS[kind];
  return mask;
}

export class UserFacts {
  private readonly protectionsOf: (user: DirectoryUser) => Protection[];
  private readonly nowMs: number;
  private readonly groupBits = new Map<string, number>();
  /** Activity in each product key a rule judges; `anyProduct` when a rule judges any product. */
  private readonly keyed: ProductActivity[] = [];
  private anyProduct: ProductActivity | null = null;

  private current: DirectoryUser | null = null;
  /** Checked with the object: a caller that rewrites one object for each user still gets each user's facts. */
  private currentAccountId = '';

  /** Active in the directory: the user's status, membership and account are all `active`. */
  inDirectory = false;
  kindBit = 0;

  private groupsRead = false;
  private groupWords = new Uint32Array(0);

  private protectionsRead = false;
  private protectionList: readonly Protection[] = [];

  private productsRead = false;
  private anyActivity = false;

  private addedRead = false;
  private addedDays = Number.NaN;

  constructor(ctx: ProtectionContext, now: Date) {
    this.protectionsOf = protectionCheck(ctx);
    this.nowMs = now.getTime();
  }

  /** The bits of these groups, to test with `inAnyGroup`. Called before any user is judged. */
  groupMask(groupIds: readonly string[]): Uint32Array {
    for (const id of groupIds) if (!this.groupBits.has(id)) this.groupBits.set(id, this.groupBits.size);
    const words = Math.ceil(this.groupBits.size / 32);
    if (this.groupWords.length < words) this.groupWords = new Uint32Array(words);
    const mask = new Uint32Array(words);
    for (const id of groupIds) setBit(mask, this.groupBits.get(id)!);
    return mask;
  }

  /** Where the activity in a product key (or `any` product) is kept. Called before any user is judged. */
  productActivity(product: string): ProductActivity {
    if (product === ANY_PRODUCT) return (this.anyProduct ??= new ProductActivity());
    let activity = this.keyed.find((candidate) => candidate.key === product);
    if (activity === undefined) {
      activity = new ProductActivity(product);
      this.keyed.push(activity);
    }
    return activity;
  }

  /** Moves on to this user, unless they are the user judged last. */
  of(user: DirectoryUser): this {
    if (user === this.current && user.accountId === this.currentAccountId) return this;
    this.current = user;
    this.currentAccountId = user.accountId;
    this.inDirectory =
      user.status === 'active' && user.membershipStatus === 'active' && user.accountStatus === 'active';
    this.kindBit = KIND_BITS[accountKindOf(user)];
    this.groupsRead = false;
    this.protectionsRead = false;
    this.productsRead = false;
    this.addedRead = false;
    return this;
  }

  get user(): DirectoryUser {
    return this.current!;
  }

  inAnyGroup(mask: Uint32Array): boolean {
    if (!this.groupsRead) this.readGroups();
    for (let i = 0; i < mask.length; i++) if ((this.groupWords[i]! & mask[i]!) !== 0) return true;
    return false;
  }

  /** Every protection that applies (`protectionCheck`); shared by the rules, so a verdict takes a copy. */
  protections(): readonly Protection[] {
    if (!this.protectionsRead) {
      this.protectionList = this.protectionsOf(this.user);
      this.protectionsRead = true;
    }
    return this.protectionList;
  }

  /** The user's activity in the product `productActivity` gave this handle for. */
  activityIn(product: ProductActivity): ProductActivity {
    if (!this.productsRead) this.readProducts();
    return product;
  }

  /** Any activity in any product (`hasAnyActivity`). */
  hasAnyActivity(): boolean {
    if (!this.productsRead) this.readProducts();
    return this.anyActivity;
  }

  /** Whole days since the user was added to the org; NaN when that is unknown or unreadable. */
  daysSinceAdded(): number {
    if (!this.addedRead) {
      const added = this.user.addedToOrg;
      this.addedDays = added === null ? Number.NaN : wholeDaysBetween(timestampMs(added), this.nowMs);
      this.addedRead = true;
    }
    return this.addedDays;
  }

  private readGroups(): void {
    const words = this.groupWords;
    for (let i = 0; i < words.length; i++) words[i] = 0;
    const groupIds = this.user.groupIds;
    for (let i = 0; i < groupIds.length; i++) {
      const bit = this.groupBits.get(groupIds[i]!);
      if (bit !== undefined) setBit(words, bit);
    }
    this.groupsRead = true;
  }

  /** One pass over the product records, each timestamp read once. */
  private readProducts(): void {
    const keyed = this.keyed;
    const any = this.anyProduct;
    for (let i = 0; i < keyed.length; i++) keyed[i]!.clear();
    any?.clear();
    this.anyActivity = false;
    const products = this.user.products;
    for (let i = 0; i < products.length; i++) {
      const use = products[i]!;
      const activity = keyedActivity(keyed, use.key);
      if (activity !== null) activity.hasAccess = true;
      if (any !== null) any.hasAccess = true;
      const at = use.lastActiveAt;
      if (at === null) continue;
      this.anyActivity = true;
      if (activity === null && any === null) continue;
      const ms = timestampMs(at);
      activity?.record(at, ms, this.nowMs);
      any?.record(at, ms, this.nowMs);
    }
    this.productsRead = true;
  }
}

function keyedActivity(keyed: readonly ProductActivity[], key: string): ProductActivity | null {
  for (let i = 0; i < keyed.length; i++) if (keyed[i]!.key === key) return keyed[i]!;
  return null;
}

/**
 * What the product records of the user judged say about one product key (or `any` product, key null), as
 * `hasProductAccess` and `lastActivity` read them: the latest readable timestamp wins (the first of equals), and one
 * unreadable timestamp makes the whole product unreadable.
 */
export class ProductActivity {
  hasAccess = false;
  state: ActivityState = 'never';
  /** The latest activity and the whole days since it, when `state` is `active`. */
  lastActiveAt = '';
  daysInactive = 0;
  private lastActiveMs = -Infinity;

  constructor(readonly key: string | null = null) {}

  clear(): void {
    this.hasAccess = false;
    this.state = 'never';
    this.lastActiveAt = '';
    this.daysInactive = 0;
    this.lastActiveMs = -Infinity;
  }

  record(at: string, ms: number, nowMs: number): void {
    if (this.state === 'unreadable') return;
    if (Number.isNaN(ms)) {
      this.state = 'unreadable';
    } else if (ms > this.lastActiveMs) {
      this.state = 'active';
      this.lastActiveAt = at;
      this.lastActiveMs = ms;
      this.daysInactive = wholeDaysBetween(ms, nowMs);
    }
  }
}

function setBit(words: Uint32Array, bit: number): void {
  words[bit >>> 5]! |= 1 << (bit & 31);
}
