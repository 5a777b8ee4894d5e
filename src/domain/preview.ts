/** What a rule's preview adds up to: how many users each way, where the selected users are, and the seats freed. */
import type { Exclusion, PlannedAction, Protection, SelectionReason, Verdict } from './decision';
import { ANY_PRODUCT } from './activity';
import { BILLABLE_ROLE_IDS } from './billablePaths';
import type { DirectoryGroup, DirectoryUser, ProductInfo } from './directory';
import { countVerdict, emptyCounts, type EvaluationCounts } from './evaluation';
import { isProtectedPerson } from './measures';
import type { KeptSeats } from './seatPlan';
import type { SeatTargetOutcome } from './seatTarget';

/** Product roles that take a paid seat. */

export interface PreviewContext {
  groupsById: Map<string, DirectoryGroup>;
  products: ProductInfo[];
  users: Map<string, DirectoryUser> | ((accountId: string) => DirectoryUser | undefined);
  /**
   * The rule's inactivity product: seats freed are counted for the products the rule acts on, that product (every
   * Jira product for `any`), so a Jira rule never claims Confluence seats. Absent: every product.
   */
  ruleProduct?: string;
}

export interface GroupSelection {
  groupId: string;
  groupName: string;
  /** Selected users who are members of the group. */
  selected: number;
}

export interface ProductSelection {
  productKey: string;
  productName: string;
  /** Selected users who have a record for this product instance. */
  selected: number;
}

export interface SeatsFreed {
  productKey: string;
  productName: string;
  /**
   * Selected users who now hold a billable role on the product through a group and would hold none through any
   * group after the run's own actions, or who would be suspended.
   */
  seatsFreed: number;
  /** The same once the identity provider has also applied the hand-off entries (never less than `seatsFreed`). */
  seatsFreedAfterIdpHandoff: number;
  /** Selected users whose plan takes a path to the seat away while another group or a direct role still grants it. */
  seatsKept: number;
}

export interface PreviewSummary {
  ruleId: string;
  /** The evaluation's counts: users in scope by outcome, and users outside the scope. */
  counts: EvaluationCounts;
  selectedByReason: Record<SelectionReason['code'], number>;
  /** A user with several protections counts under each. */
  protectedBy: Record<Protection['code'], number>;
  /** A user with several exclusions counts under each. */
  excludedBy: Record<Exclusion['code'], number>;
  plannedActions: Record<PlannedAction['kind'], number>;
  /** Groups with at least one selected member, most selected first, then by name. */
  selectedPerGroup: GroupSelection[];
  /** Every product of the site, in the order given. */
  selectedPerProduct: ProductSelection[];
  /** The products the rule acts on (`productsActedOn`), in the order given. */
  seatsFreedPerProduct: SeatsFreed[];
  /** What the numbers cannot show, in words. */
  notes: string[];
  /** The rule's seat target applied: seats now, the target, users chosen, and any shortfall with its reasons. */
  seatTarget?: Omit<SeatTargetOutcome, 'chosen'> & { chosen: number; sentence: string };
  /** Per product, the selected users whose plan leaves the seat billable through another path, by that path. */
  seatsKeptThrough?: KeptSeats[];
}

export const SEATS_NOTE =
  'Seats are counted where the scan shows a billable role granted through a group; direct role assignments are not in the scan and are read again when the rule runs.';

/** A rule's evaluation as `summarisePreview` reads it: sentences are not needed. */
export interface EvaluatedRule {
  ruleId: string;
  decisions: readonly Verdict[];
  counts: EvaluationCounts;
}

export function summarisePreview(evaluation: EvaluatedRule, ctx: PreviewContext): PreviewSummary {
  const users = ctx.users;
  const userOf = typeof users === 'function' ? users : (accountId: string) => users.get(accountId);
  const tally = previewTally(evaluation.ruleId, ctx);
  for (const decision of evaluation.decisions) tally.add(decision, userOf(decision.accountId));
  return { ...tally.summary(), counts: { ...evaluation.counts } };
}

/** Adds up a rule's preview one user at a time, so users can be streamed instead of held in memory. */
export interface PreviewTally {
  /** One user's verdict (null: outside the scope), with the user when known. */
  add(verdict: Verdict | null, user: DirectoryUser | undefined): void;
  summary(): PreviewSummary;
}

export function previewTally(ruleId: string, ctx: Omit<PreviewContext, 'users'>): PreviewTally {
  const seatProducts = productsActedOn(ctx.products, ctx.ruleProduct);
  const seatGroups = seatProducts.map((product) => billableGroupIds(product, ctx.groupsById));
  const summary = emptySummary(ruleId, ctx.products, seatProducts);
  const membersSelected = new Map<string, number>();
  let missingUsers = 0;
  let protectedWithoutJira = 0;

  const add = (decision: Verdict | null, user: DirectoryUser | undefined) => {
    countVerdict(summary.counts, decision);
    if (decision === null) return;
    countCodes(summary, decision);
    if (decision.outcome === 'protected' && user !== undefined && isProtectedWithoutJira(decision, user))
      protectedWithoutJira += 1;
    if (decision.outcome !== 'selected') return;
    if (user === undefined) {
      missingUsers += 1;
      return;
    }
    for (const groupId of user.groupIds)
      membersSelected.set(groupId, (membersSelected.get(groupId) ?? 0) + 1);
    ctx.products.forEach((product, i) => {
      if (user.products.some((use) => use.resourceId === product.resourceId))
        summary.selectedPerProduct[i]!.selected += 1;
    });
    seatProducts.forEach((product, i) => {
      const seats = summary.seatsFreedPerProduct[i]!;
      const freed = seatFreed(user, decision.plannedActions, seatGroups[i]!, product.resourceId);
      if (freed.byRun) seats.seatsFreed += 1;
      if (freed.afterHandoff) seats.seatsFreedAfterIdpHandoff += 1;
      else if (leavesSomePath(decision.plannedActions, seatGroups[i]!, product.resourceId))
        seats.seatsKept += 1;
    });
  };

  const finished = (): PreviewSummary => {
    const notes = [...summary.notes];
    if (missingUsers > 0) {
      notes.push(
        `${missingUsers} selected ${missingUsers === 1 ? 'user is' : 'users are'} missing from the scan, so their groups, products and seats are not counted.`,
      );
    }
    if (protectedWithoutJira > 0) notes.push(protectedWithoutJiraNote(protectedWithoutJira));
    seatProducts.forEach((product, i) => {
      const kept = summary.seatsFreedPerProduct[i]!.seatsKept;
      if (kept === 0) return;
      notes.push(
        `${kept} selected ${kept === 1 ? 'user keeps' : 'users keep'} a billable ${product.name} seat after this run: another group or a direct role still grants it.`,
      );
    });
    const selectedPerGroup = [...membersSelected]
      .map(([groupId, selected]) => ({
        groupId,
        groupName: ctx.groupsById.get(groupId)?.name ?? groupId,
        selected,
      }))
      .sort((a, b) => b.selected - a.selected || a.groupName.localeCompare(b.groupName));
    return structuredClone({ ...summary, selectedPerGroup, notes });
  };

  return { add, summary: finished };
}

/** The products whose seats a rule about `ruleProduct` frees: that product, every Jira product for `any`. */
export function productsActedOn(products: ProductInfo[], ruleProduct: string | undefined): ProductInfo[] {
  if (ruleProduct === undefined) return products;
  if (ruleProduct === ANY_PRODUCT) return products.filter((product) => isJiraProduct(product.key));
  return products.filter((product) => product.key === ruleProduct);
}

function isJiraProduct(key: string): boolean {
  return key === 'jira' || key.startsWith('jira-');
}

/**
 * A protected person who can use no Jira product: a rule about any product counts them, while the Overview's
 * users by state, about Jira, counts them under "No Jira access".
 */
function isProtectedWithoutJira(decision: Verdict, user: DirectoryUser): boolean {
  return isProtectedPerson(decision.protections) && !user.products.some((use) => isJiraProduct(use.key));
}

export function protectedWithoutJiraNote(people: number): string {
  return people === 1
    ? '1 of the protected people can use no Jira product: the Overview counts them under "No Jira access", not "Protected".'
    : `${people} of the protected people can use no Jira product: the Overview counts them under "No Jira access", not "Protected".`;
}

export function emptySummary(
  ruleId: string,
  products: ProductInfo[],
  seatProducts: ProductInfo[] = products,
): PreviewSummary {
  return {
    ruleId,
    counts: emptyCounts(),
    selectedByReason: { inactive: 0, 'never-active': 0, 'invited-never-joined': 0 },
    protectedBy: {
      'org-admin': 0,
      'site-admin': 0,
      'user-access-admin': 0,
      'app-account': 0,
      'the-app-itself': 0,
      'configuring-admin': 0,
      'protected-user': 0,
      'protected-group': 0,
      'no-activity-data': 0,
      'project-lead': 0,
      'component-lead': 0,
    },
    excludedBy: {
      'excluded-user': 0,
      'excluded-group': 0,
      'not-in-included-groups': 0,
      'email-domain-not-included': 0,
      'email-domain-excluded': 0,
      'account-kind': 0,
      'no-access-to-product': 0,
      'not-active-in-directory': 0,
      'recently-active': 0,
      'within-grace': 0,
      'never-active-not-selected': 0,
      'nothing-to-change': 0,
      'beyond-seat-target': 0,
      'warning-pending': 0,
      'portal-customer': 0,
      'frees-no-seat': 0,
    },
    plannedActions: {
      'remove-from-group': 0,
      'idp-handoff': 0,
      'revoke-direct-role': 0,
      suspend: 0,
      'add-to-group': 0,
    },
    selectedPerGroup: [],
    selectedPerProduct: products.map((p) => ({ productKey: p.key, productName: p.name, selected: 0 })),
    seatsFreedPerProduct: seatProducts.map((p) => ({
      productKey: p.key,
      productName: p.name,
      seatsFreed: 0,
      seatsFreedAfterIdpHandoff: 0,
      seatsKept: 0,
    })),
    notes: [SEATS_NOTE],
  };
}

function countCodes(summary: PreviewSummary, decision: Verdict): void {
  for (const reason of decision.reasons) summary.selectedByReason[reason.code] += 1;
  // Protected groups are counted once per user, however many of them the user is in.
  for (const code of new Set(decision.protections.map((protection) => protection.code)))
    summary.protectedBy[code] += 1;
  for (const code of new Set(decision.exclusions.map((exclusion) => exclusion.code)))
    summary.excludedBy[code] += 1;
  for (const action of decision.plannedActions) summary.plannedActions[action.kind] += 1;
}

function billableGroupIds(product: ProductInfo, groupsById: Map<string, DirectoryGroup>): Set<string> {
  const ids = new Set<string>();
  for (const group of groupsById.values()) {
    if (
      group.grants.some(
        (grant) => grant.resourceId === product.resourceId && BILLABLE_ROLE_IDS.has(grant.roleId),
      )
    ) {
      ids.add(group.id);
    }
  }
  return ids;
}

/** Whether the plan removes at least one path to the product's seat (a granting group, or the direct role). */
function leavesSomePath(
  plannedActions: PlannedAction[],
  seatGroupIds: Set<string>,
  resourceId: string,
): boolean {
  return plannedActions.some(
    (action) =>
      ((action.kind === 'remove-from-group' || action.kind === 'idp-handoff') &&
        seatGroupIds.has(action.groupId)) ||
      (action.kind === 'revoke-direct-role' && action.resourceId === resourceId),
  );
}

/** A seat held only through a direct role is freed when the run revokes the direct role on that product. */
function seatFreed(
  user: DirectoryUser,
  plannedActions: PlannedAction[],
  seatGroupIds: Set<string>,
  resourceId: string,
): { byRun: boolean; afterHandoff: boolean } {
  const holdsSeat = user.groupIds.some((id) => seatGroupIds.has(id));
  if (!holdsSeat) {
    const revokesDirect = plannedActions.some(
      (action) => action.kind === 'revoke-direct-role' && action.resourceId === resourceId,
    );
    return { byRun: revokesDirect, afterHandoff: revokesDirect };
  }
  if (plannedActions.some((action) => action.kind === 'suspend')) return { byRun: true, afterHandoff: true };
  const removedByRun = new Set<string>();
  const handedOff = new Set<string>();
  const added: string[] = [];
  for (const action of plannedActions) {
    if (action.kind === 'remove-from-group') removedByRun.add(action.groupId);
    if (action.kind === 'idp-handoff') handedOff.add(action.groupId);
    if (action.kind === 'add-to-group') added.push(action.groupId);
  }
  const keepsSeat = (leaving: (groupId: string) => boolean) =>
    added.some((id) => seatGroupIds.has(id)) ||
    user.groupIds.some((id) => seatGroupIds.has(id) && !leaving(id));
  return {
    byRun: !keepsSeat((id) => removedByRun.has(id)),
    afterHandoff: !keepsSeat((id) => removedByRun.has(id) || handedOff.has(id)),
  };
}
