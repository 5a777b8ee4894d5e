/**
 * What judging a user needs that does not depend on the rule, shared by the rules judged together: analysis judges
 * each user against every rule before it moves on to the next user, so each fact is worked out once per user, the
 * first time a rule asks for it (a user every rule leaves out early costs next to nothing). The facts are those of
 * the user judged last: `of(user)` moves on to another user, reusing the same buffers, so judging allocates nothing
 * per user beyond the verdicts.
 *
 * Rules say what they will ask before any user is judged (`groupMask`, `productSlot`), so group membership is a
 * bitset over the groups rules name and activity is kept per product a rule judges, as whole days.
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
  private readonly productSlots = new Map<string, number>();
  private anyProductSlot = -1;
  private slotCount = 0;

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
  private access = new Uint8Array(0);
  private states: ActivityState[] = [];
  private latestMs: number[] = [];
  private latestAt: Array<string | null> = [];
  private daysSinceLatest: number[] = [];
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

  /** Where the activity of a product key (or `any`) is kept. Called before any user is judged. */
  productSlot(product: string): number {
    if (product === ANY_PRODUCT) {
      if (this.anyProductSlot < 0) this.anyProductSlot = this.addSlot();
      return this.anyProductSlot;
    }
    let slot = this.productSlots.get(product);
    if (slot === undefined) {
      slot = this.addSlot();
      this.productSlots.set(product, slot);
    }
    return slot;
  }

  private addSlot(): number {
    const slot = this.slotCount++;
    this.access = new Uint8Array(this.slotCount);
    this.states = new Array<ActivityState>(this.slotCount).fill('never');
    this.latestMs = new Array<number>(this.slotCount).fill(-Infinity);
    this.latestAt = new Array<string | null>(this.slotCount).fill(null);
    this.daysSinceLatest = new Array<number>(this.slotCount).fill(0);
    return slot;
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

  /** Whether the user can use the slot's product (`hasProductAccess`). */
  hasAccess(slot: number): boolean {
    if (!this.productsRead) this.readProducts();
    return this.access[slot] === 1;
  }

  activity(slot: number): ActivityState {
    if (!this.productsRead) this.readProducts();
    return this.states[slot]!;
  }

  /** The latest activity's timestamp; only when `activity(slot)` is `active`. */
  lastActiveAt(slot: number): string {
    return this.latestAt[slot]!;
  }

  /** Whole days since the latest activity; only when `activity(slot)` is `active`. */
  daysInactive(slot: number): number {
    return this.daysSinceLatest[slot]!;
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
    this.groupWords.fill(0);
    for (const id of this.user.groupIds) {
      const bit = this.groupBits.get(id);
      if (bit !== undefined) setBit(this.groupWords, bit);
    }
    this.groupsRead = true;
  }

  /** One pass over the product records, each timestamp read once, as `lastActivity` reads them per product. */
  private readProducts(): void {
    this.access.fill(0);
    this.states.fill('never');
    this.latestMs.fill(-Infinity);
    this.latestAt.fill(null);
    this.anyActivity = false;
    const anySlot = this.anyProductSlot;
    for (const use of this.user.products) {
      const slot = this.productSlots.get(use.key);
      if (slot !== undefined) this.access[slot] = 1;
      if (anySlot >= 0) this.access[anySlot] = 1;
      if (use.lastActiveAt === null) continue;
      this.anyActivity = true;
      if (slot === undefined && anySlot < 0) continue;
      const ms = timestampMs(use.lastActiveAt);
      if (slot !== undefined) this.record(slot, use.lastActiveAt, ms);
      if (anySlot >= 0) this.record(anySlot, use.lastActiveAt, ms);
    }
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (this.states[slot] === 'active')
        this.daysSinceLatest[slot] = wholeDaysBetween(this.latestMs[slot]!, this.nowMs);
    }
    this.productsRead = true;
  }

  /** The latest readable timestamp wins (the first of equals); one unreadable timestamp makes the slot unreadable. */
  private record(slot: number, at: string, ms: number): void {
    if (this.states[slot] === 'unreadable') return;
    if (Number.isNaN(ms)) {
      this.states[slot] = 'unreadable';
    } else if (ms > this.latestMs[slot]!) {
      this.states[slot] = 'active';
      this.latestMs[slot] = ms;
      this.latestAt[slot] = at;
    }
  }
}

function setBit(words: Uint32Array, bit: number): void {
  words[bit >>> 5]! |= 1 << (bit & 31);
}
