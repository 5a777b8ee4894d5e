/**
 * A seat target: keep a product at or under a seat count. Of the users a rule selects, only those whose plan frees
 * a billable seat of the product are acted on, least recently active first (users who never used the product, past
 * their grace, count as the oldest), until the product's live seat count reaches the target or the rule's limits
 * stop it. Every in-scope verdict is offered once; the ordering is done once per rule, at the end.
 */
import { seatAfterPlan, seatPaths, type BillableSeat, type SeatPathContext } from './billablePaths';
import type { Exclusion, SelectionReason, Verdict } from './decision';
import type { DirectoryUser, ProductInfo } from './directory';
import type { RuleLimits, SeatTarget } from './rule';

export interface SeatTargetGoal {
  productKey: string;
  productName: string;
  /** The product's seats in use, as Jira counts them now. */
  liveSeats: number;
  target: number;
}

/** The seat count a target aims at: its number, or the pricing tier boundary below today's count. */
export function seatTargetGoal(
  target: SeatTarget,
  live: { productName: string; liveSeats: number },
  boundaries: readonly number[],
): SeatTargetGoal {
  const aim =
    'seats' in target
      ? target.seats
      : ([...boundaries].reverse().find((boundary) => boundary < live.liveSeats) ?? live.liveSeats);
  return {
    productKey: target.product,
    productName: live.productName,
    liveSeats: live.liveSeats,
    target: aim,
  };
}

/** Why seats the target needs are not freed; each count is of users holding a seat of the product. */
export interface SeatShortfall {
  /** Seats still above the target after the run. */
  seats: number;
  protectedHolders: number;
  /** In scope, not protected, but not inactive enough (recent activity, within grace, never-active not selected). */
  activeHolders: number;
  outOfScopeHolders: number;
  /** Selected, but the plan would leave the seat billable (another path grants it, or a synced group must wait). */
  seatKeptHolders: number;
  /** Would free a seat but the rule's per-run or percent limit stops the run from acting on them. */
  overLimit: number;
}

export interface SeatTargetOutcome extends SeatTargetGoal {
  /** Seats to free: live minus target, never below zero. */
  needed: number;
  /** Users to act on, least recently active first. */
  chosen: string[];
  /** Null when the chosen users reach the target. */
  shortfall: SeatShortfall | null;
}

interface Candidate {
  accountId: string;
  /** Never-active users come before everyone with activity, oldest member first. */
  neverActive: boolean;
  at: number;
}

/** Collects a rule's verdicts for its seat target, then chooses whom to act on. */
export class SeatTargetSelection {
  private readonly candidates: Candidate[] = [];
  private readonly candidateIds = new Set<string>();
  private seatKeptHolders = 0;
  private protectedHolders = 0;
  private activeHolders = 0;
  private outOfScopeHolders = 0;
  /** The instances of the target's product: only their seats are looked at, for every user in scope. */
  private readonly products: ProductInfo[];

  constructor(
    readonly goal: SeatTargetGoal,
    private readonly seats: SeatPathContext,
  ) {
    this.products = seats.products.filter((product) => product.key === goal.productKey);
  }

  /** One user's verdict (null: outside the rule's scope). */
  offer(verdict: Verdict | null, user: DirectoryUser): void {
    const held = this.products.flatMap((product): BillableSeat[] => {
      const paths = seatPaths(user, product, this.seats);
      return paths.length > 0 ? [{ productKey: product.key, resourceId: product.resourceId, paths }] : [];
    });
    if (held.length === 0) return;
    if (verdict === null) this.outOfScopeHolders += 1;
    else if (verdict.outcome === 'protected') this.protectedHolders += 1;
    else if (verdict.outcome === 'excluded') this.activeHolders += 1;
    else if (
      held.every((seat) => seatAfterPlan(seat, verdict.plannedActions, this.seats.groupsById) === 'freed')
    ) {
      this.candidates.push(candidateOf(user.accountId, verdict.reasons[0]!));
      this.candidateIds.add(user.accountId);
    } else this.seatKeptHolders += 1;
  }

  /**
   * The verdict once the target is applied: a selected user who is not chosen is excluded, either because less
   * recently active users already reach the target, or because acting on them would free no seat of the product.
   */
  applied(verdict: Verdict, chosen: ReadonlySet<string>): Verdict {
    if (verdict.outcome !== 'selected' || chosen.has(verdict.accountId)) return verdict;
    const selection = verdict.reasons[0]!;
    const exclusion: Exclusion = this.candidateIds.has(verdict.accountId)
      ? { code: 'beyond-seat-target', product: this.goal.productKey, target: this.goal.target, selection }
      : { code: 'frees-no-seat', product: this.goal.productKey, selection };
    return { ...verdict, outcome: 'excluded', reasons: [], exclusions: [exclusion], plannedActions: [] };
  }

  /** Whom to act on, given how many users the rule has in scope (the percent limit's denominator). */
  choose(limits: RuleLimits, inScope: number): SeatTargetOutcome {
    const needed = Math.max(0, this.goal.liveSeats - this.goal.target);
    const ordered = [...this.candidates].sort(leastRecentlyActiveFirst);
    const allowed = Math.min(
      limits.maxUsersPerRun,
      Math.floor((limits.maxPercentOfScope * inScope) / 100 + 1e-9),
    );
    const chosen = ordered.slice(0, Math.min(needed, allowed)).map((c) => c.accountId);
    const short = needed - chosen.length;
    return {
      ...this.goal,
      needed,
      chosen,
      shortfall:
        short === 0
          ? null
          : {
              seats: short,
              protectedHolders: this.protectedHolders,
              activeHolders: this.activeHolders,
              outOfScopeHolders: this.outOfScopeHolders,
              seatKeptHolders: this.seatKeptHolders,
              overLimit: Math.max(0, Math.min(needed, ordered.length) - chosen.length),
            },
    };
  }
}

function candidateOf(accountId: string, reason: SelectionReason): Candidate {
  if (reason.code === 'inactive')
    return { accountId, neverActive: false, at: Date.parse(reason.lastActiveAt) };
  return { accountId, neverActive: true, at: Date.parse(reason.addedToOrg) };
}

function leastRecentlyActiveFirst(a: Candidate, b: Candidate): number {
  if (a.neverActive !== b.neverActive) return a.neverActive ? -1 : 1;
  if (a.at !== b.at) return a.at - b.at;
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
}

const NUMBER = new Intl.NumberFormat('en-US');

/** "Jira Software has 1,083 seats; target 1,000: these 83 users, least recently active first", and any shortfall. */
export function seatTargetSentence(outcome: SeatTargetOutcome): string {
  const { productName, liveSeats, target, needed, chosen, shortfall } = outcome;
  const head = `${productName} has ${NUMBER.format(liveSeats)} seats; target ${NUMBER.format(target)}`;
  if (needed === 0) return `${head}: already at or under the target, nobody is selected.`;
  const these =
    chosen.length === 1
      ? 'this user, the least recently active'
      : `these ${NUMBER.format(chosen.length)} users, least recently active first`;
  if (shortfall === null) return `${head}: ${these}.`;
  const reasons = [
    [shortfall.protectedHolders, 'protected'],
    [shortfall.activeHolders, 'not inactive enough for the rule'],
    [shortfall.outOfScopeHolders, "outside the rule's scope"],
    [
      shortfall.seatKeptHolders,
      'selected, but another path (or an identity-provider group) keeps their seat',
    ],
    [shortfall.overLimit, "beyond the rule's per-run or percent limit"],
  ] as const;
  const why = reasons
    .filter(([count]) => count > 0)
    .map(
      ([count, phrase]) =>
        `${NUMBER.format(count)} seat ${count === 1 ? 'holder is' : 'holders are'} ${phrase}`,
    );
  const seats = `${NUMBER.format(shortfall.seats)} ${shortfall.seats === 1 ? 'seat' : 'seats'}`;
  return `${head}: ${these}; the target stays out of reach by ${seats}${why.length > 0 ? `: ${why.join('; ')}` : ''}.`;
}

/**
 * A seat-target rule's selected verdicts, held back while the users stream past: whom to act on is known only once
 * every user has been offered. Other verdicts go through at once.
 */
export class SeatTargetHold {
  private readonly held: Array<{ verdict: Verdict; user: DirectoryUser }> = [];
  private inScope = 0;

  constructor(readonly selection: SeatTargetSelection) {}

  /** Offers the verdict to the selection; true when it is held back (a selected user), to come out of `release`. */
  take(verdict: Verdict | null, user: DirectoryUser): boolean {
    this.selection.offer(verdict, user);
    if (verdict === null) return false;
    this.inScope += 1;
    if (verdict.outcome !== 'selected') return false;
    this.held.push({ verdict, user });
    return true;
  }

  /** The target applied: the outcome, and each held verdict as it now stands (chosen, or excluded and why). */
  release(limits: RuleLimits): {
    outcome: SeatTargetOutcome;
    verdicts: Array<{ verdict: Verdict; user: DirectoryUser }>;
  } {
    const outcome = this.selection.choose(limits, this.inScope);
    const chosen = new Set(outcome.chosen);
    const verdicts = this.held.map(({ verdict, user }) => ({
      verdict: this.selection.applied(verdict, chosen),
      user,
    }));
    this.held.length = 0;
    return { outcome, verdicts };
  }
}
