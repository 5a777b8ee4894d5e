/** A decision in one sentence, with its data: what the admin reads in the preview and the auditor in the log. */
import { ANY_PRODUCT } from './activity';
import type { Decision, Exclusion, Protection, SelectionReason } from './decision';
import { utcDay } from './dates';
import type { ProductInfo } from './directory';

export interface ExplainContext {
  /** The rule's inactivity product: a product key or `any`. */
  product: string;
  products: ProductInfo[];
}

export function explainDecision(decision: Omit<Decision, 'explanation'>, ctx: ExplainContext): string {
  const product = productPhrase(ctx);
  switch (decision.outcome) {
    case 'selected':
      return capitalised(listed(decision.reasons.map((reason) => selectionPhrase(reason, product))));
    case 'protected':
      return `Protected: ${listed(decision.protections.map((protection) => protectionPhrase(protection, product)))}`;
    case 'excluded':
      return `${exclusionPrefix(decision.exclusions[0])}${listed(decision.exclusions.map((exclusion) => exclusionPhrase(exclusion, product)))}`;
  }
}

function productPhrase(ctx: ExplainContext): string {
  if (ctx.product === ANY_PRODUCT) return 'any product';
  return ctx.products.find((product) => product.key === ctx.product)?.name ?? ctx.product;
}

function listed(phrases: string[]): string {
  return `${phrases.join('; ')}.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function exclusionPrefix(first: Exclusion | undefined): string {
  if (first?.code === 'recently-active') return 'Not inactive: ';
  if (first?.code === 'within-grace') return 'Within grace: ';
  if (first?.code === 'warning-pending') return 'Pending: ';
  return 'Excluded: ';
}

function selectionPhrase(reason: SelectionReason, product: string): string {
  switch (reason.code) {
    case 'inactive':
      return lastActivePhrase(product, reason.lastActiveAt, reason.daysInactive, reason.thresholdDays);
    case 'never-active':
      return `never used ${product}; ${addedPhrase(reason.addedToOrg, reason.daysSinceAdded, reason.graceDays)}`;
    case 'invited-never-joined':
      return `invited but never joined; ${addedPhrase(reason.addedToOrg, reason.daysSinceAdded, reason.graceDays)}`;
  }
}

function lastActivePhrase(
  product: string,
  lastActiveAt: string,
  daysInactive: number,
  thresholdDays: number,
): string {
  return `last active in ${product} on ${utcDay(lastActiveAt)}, ${days(daysInactive)} ago (threshold ${days(thresholdDays)})`;
}

function addedPhrase(addedToOrg: string, daysSinceAdded: number, graceDays: number): string {
  return `added to the org on ${utcDay(addedToOrg)}, ${days(daysSinceAdded)} ago (grace ${days(graceDays)})`;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

function protectionPhrase(protection: Protection, product: string): string {
  switch (protection.code) {
    case 'org-admin':
      return 'organization administrator';
    case 'site-admin':
      return 'site administrator';
    case 'user-access-admin':
      return 'user access administrator';
    case 'app-account':
      return 'app or bot account';
    case 'the-app-itself':
      return "this app's own account";
    case 'configuring-admin':
      return 'administrator of this app';
    case 'protected-user':
      return 'on the protected users list';
    case 'protected-group':
      return `member of protected group '${protection.groupName}'`;
    case 'no-activity-data':
      return `no activity data for ${product}, which is not the same as inactive (it may be a service account or a pending invitation)`;
    case 'project-lead':
      return `lead of project ${protection.projects.join(', ')}`;
    case 'component-lead':
      return `lead of component ${protection.components.join(', ')}`;
  }
}

const ACCOUNT_KIND_PHRASES = {
  staff: 'staff account, which the rule does not cover',
  external: 'external account, which the rule does not cover',
  customer: 'customer account, which the rule does not cover',
  other: 'app or unknown account, never in scope',
} as const;

const DIRECTORY_STATUS_PHRASES: Record<string, string> = {
  suspended: 'suspended in the directory',
  not_invited: 'not invited to the org',
  deactivated: 'deactivated in the directory',
  for_deletion: 'scheduled for deletion from the directory',
  'membership-suspended': 'org membership suspended',
  'membership-no_membership': 'not a member of the org',
  'account-inactive': 'Atlassian account deactivated',
  'account-closed': 'Atlassian account closed',
};

function exclusionPhrase(exclusion: Exclusion, product: string): string {
  switch (exclusion.code) {
    case 'excluded-user':
      return "on the rule's list of excluded users";
    case 'excluded-group':
      return `member of excluded group '${exclusion.groupName}'`;
    case 'not-in-included-groups':
      return 'not a member of any included group';
    case 'email-domain-not-included':
      return exclusion.domain === null
        ? 'no e-mail address, and the rule covers only some e-mail domains'
        : `e-mail domain '${exclusion.domain}' is not one of the rule's domains`;
    case 'email-domain-excluded':
      return `e-mail domain '${exclusion.domain}' is excluded`;
    case 'account-kind':
      return ACCOUNT_KIND_PHRASES[exclusion.kind];
    case 'no-access-to-product':
      return `no access to ${product}`;
    case 'portal-customer':
      return 'portal customer of Jira Service Management (free): the rule acts on agents only';
    case 'not-active-in-directory':
      return DIRECTORY_STATUS_PHRASES[exclusion.status] ?? `directory status '${exclusion.status}'`;
    case 'recently-active':
      return lastActivePhrase(
        product,
        exclusion.lastActiveAt,
        exclusion.daysInactive,
        exclusion.thresholdDays,
      );
    case 'within-grace':
      return `never used ${product}; ${addedPhrase(exclusion.addedToOrg, exclusion.daysSinceAdded, exclusion.graceDays)}`;
    case 'never-active-not-selected':
      return `never used ${product}, and the rule does not select users who never used it`;
    case 'nothing-to-change':
      return `${selectionPhrase(exclusion.selection, product)}, but none of the rule's actions would change anything for this user`;
    case 'beyond-seat-target':
      return `${selectionPhrase(exclusion.selection, product)}, but less recently active users already bring ${exclusion.product} to its target of ${exclusion.target} seats`;
    case 'frees-no-seat':
      return `${selectionPhrase(exclusion.selection, product)}, but acting would free no ${exclusion.product} seat (none held, or another path keeps it)`;
    case 'warning-pending':
      return `warned on ${utcDay(exclusion.warnedAt)}, acted on ${utcDay(exclusion.dueAt)} if still inactive (${selectionPhrase(exclusion.selection, product)})`;
  }
}
