/**
 * Which users a rule looks at. A user is in scope when they are active in the directory, of a covered account
 * kind, not excluded by id, group or e-mail domain, in an included group and domain when the rule names any,
 * able to use the rule's product, and not a portal customer when the product is Jira Service Management. The
 * users in scope are the denominator of the rule's percent cap, so accounts the rule could never act on stay out.
 *
 * Two forms of the same criteria: `scopeTest`, the fast yes/no every user of the org goes through for every rule,
 * on the facts the rules share; and `scopeExclusions`, every reason one user is outside the scope, to explain.
 */
import { accountKindOf } from './accountKind';
import { hasProductAccess } from './activity';
import type { Exclusion } from './decision';
import type { DirectoryGroup, DirectoryUser } from './directory';
import { emailDomainOf, emailHasDomainIn } from './emailDomain';
import { actsOnAgentsOnly, isPortalCustomer } from './jsm';
import type { Rule } from './rule';
import { kindMask, type UserFacts } from './userFacts';

/**
 * Whether the user judged is in the rule's scope: the criteria of `scopeExclusions` as one test on the facts the
 * rules share. Registers the rule's groups and product with `facts`, so it is made before any user is judged.
 */
export function scopeTest(rule: Rule, facts: UserFacts): (judged: UserFacts) => boolean {
  const { scope } = rule;
  const kinds = kindMask(scope.accountKinds);
  const excludedAccounts = scope.excludeAccountIds.length > 0 ? new Set(scope.excludeAccountIds) : null;
  const includedGroups = scope.includeGroupIds.length > 0 ? facts.groupMask(scope.includeGroupIds) : null;
  const excludedGroups = scope.excludeGroupIds.length > 0 ? facts.groupMask(scope.excludeGroupIds) : null;
  const includedDomains = lowerCased(scope.includeEmailDomains);
  const excludedDomains = lowerCased(scope.excludeEmailDomains);
  const product = facts.productActivity(rule.inactivity.product);
  const agentsOnly = actsOnAgentsOnly(rule.inactivity.product);
  return (judged) =>
    judged.inDirectory &&
    !(agentsOnly && isPortalCustomer(judged.user)) &&
    (judged.kindBit & kinds) !== 0 &&
    (excludedAccounts === null || !excludedAccounts.has(judged.user.accountId)) &&
    (includedGroups === null || judged.inAnyGroup(includedGroups)) &&
    (excludedGroups === null || !judged.inAnyGroup(excludedGroups)) &&
    (includedDomains === null || emailHasDomainIn(judged.user.email, includedDomains)) &&
    (excludedDomains === null || !emailHasDomainIn(judged.user.email, excludedDomains)) &&
    judged.activityIn(product).hasAccess;
}

function lowerCased(domains: readonly string[]): string[] | null {
  return domains.length > 0 ? domains.map((domain) => domain.toLowerCase()) : null;
}

interface Criterion {
  passes(user: DirectoryUser): boolean;
  exclusion(user: DirectoryUser): Exclusion;
}

/** Every reason a user is outside the rule's scope; none when they are in it. */
export function scopeExclusions(
  rule: Rule,
  groupsById: Map<string, DirectoryGroup>,
): (user: DirectoryUser) => Exclusion[] {
  const criteria = scopeCriteria(rule, groupsById);
  return (user) =>
    criteria.filter((criterion) => !criterion.passes(user)).map((criterion) => criterion.exclusion(user));
}

function scopeCriteria(rule: Rule, groupsById: Map<string, DirectoryGroup>): Criterion[] {
  const { scope } = rule;
  const kinds = new Set<string>(scope.accountKinds);
  const excludedAccounts = new Set(scope.excludeAccountIds);
  const includedGroups = new Set(scope.includeGroupIds);
  const excludedGroups = new Set(scope.excludeGroupIds);
  const includedDomains = scope.includeEmailDomains.map((domain) => domain.toLowerCase());
  const excludedDomains = scope.excludeEmailDomains.map((domain) => domain.toLowerCase());
  const product = rule.inactivity.product;

  const criteria: Criterion[] = [
    {
      passes: isActiveInDirectory,
      exclusion: (user) => ({ code: 'not-active-in-directory', status: directoryStatusOf(user) }),
    },
    {
      passes: (user) => kinds.has(accountKindOf(user)),
      exclusion: (user) => ({ code: 'account-kind', kind: accountKindOf(user) }),
    },
  ];
  if (excludedAccounts.size > 0) {
    criteria.push({
      passes: (user) => !excludedAccounts.has(user.accountId),
      exclusion: () => ({ code: 'excluded-user' }),
    });
  }
  if (includedGroups.size > 0) {
    criteria.push({
      passes: (user) => firstMember(user, includedGroups) !== undefined,
      exclusion: () => ({ code: 'not-in-included-groups' }),
    });
  }
  if (excludedGroups.size > 0) {
    criteria.push({
      passes: (user) => firstMember(user, excludedGroups) === undefined,
      exclusion: (user) => {
        const groupId = firstMember(user, excludedGroups) ?? '';
        return { code: 'excluded-group', groupId, groupName: groupsById.get(groupId)?.name ?? groupId };
      },
    });
  }
  if (includedDomains.length > 0) {
    criteria.push({
      passes: (user) => emailHasDomainIn(user.email, includedDomains),
      exclusion: (user) => ({ code: 'email-domain-not-included', domain: emailDomainOf(user.email) }),
    });
  }
  if (excludedDomains.length > 0) {
    criteria.push({
      passes: (user) => !emailHasDomainIn(user.email, excludedDomains),
      exclusion: (user) => ({ code: 'email-domain-excluded', domain: emailDomainOf(user.email) ?? '' }),
    });
  }
  if (actsOnAgentsOnly(product)) {
    criteria.push({
      passes: (user) => !isPortalCustomer(user),
      exclusion: () => ({ code: 'portal-customer' }),
    });
  }
  criteria.push({
    passes: (user) => hasProductAccess(user, product),
    exclusion: () => ({ code: 'no-access-to-product', product }),
  });
  return criteria;
}

function isActiveInDirectory(user: DirectoryUser): boolean {
  return user.status === 'active' && user.membershipStatus === 'active' && user.accountStatus === 'active';
}

/** The first of the directory's statuses that is not `active`, e.g. `suspended` or `membership-suspended`. */
function directoryStatusOf(user: DirectoryUser): string {
  if (user.status !== 'active') return user.status;
  if (user.membershipStatus !== 'active') return `membership-${user.membershipStatus}`;
  return `account-${user.accountStatus}`;
}

function firstMember(user: DirectoryUser, groupIds: Set<string>): string | undefined {
  for (const groupId of user.groupIds) if (groupIds.has(groupId)) return groupId;
  return undefined;
}
