/**
 * Which users a rule looks at. A user is in scope when they are active in the directory, of a covered account
 * kind, not excluded by id, group or e-mail domain, in an included group and domain when the rule names any,
 * and able to use the rule's product. The users in scope are the denominator of the rule's percent cap, so
 * accounts the rule could never act on stay out of it.
 */
import { accountKindOf } from './accountKind';
import { hasProductAccess } from './activity';
import type { Exclusion } from './decision';
import type { DirectoryGroup, DirectoryUser } from './directory';
import { emailDomainOf, emailHasDomainIn } from './emailDomain';
import type { Rule } from './rule';

export interface ScopeCheck {
  includes(user: DirectoryUser): boolean;
  /** Every reason the user is outside the scope; empty when `includes(user)`. */
  exclusionsOf(user: DirectoryUser): Exclusion[];
}

interface Criterion {
  passes(user: DirectoryUser): boolean;
  exclusion(user: DirectoryUser): Exclusion;
}

export function scopeCheck(rule: Rule, groupsById: Map<string, DirectoryGroup>): ScopeCheck {
  const criteria = scopeCriteria(rule, groupsById);
  return {
    includes(user) {
      for (const criterion of criteria) if (!criterion.passes(user)) return false;
      return true;
    },
    exclusionsOf(user) {
      return criteria
        .filter((criterion) => !criterion.passes(user))
        .map((criterion) => criterion.exclusion(user));
    },
  };
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
