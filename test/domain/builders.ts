import type { SeatPathContext } from '../../src/domain/billablePaths';
import type { DirectoryGroup, DirectoryUser, ProductInfo } from '../../src/domain/directory';
import type { EvaluationContext } from '../../src/domain/evaluation';
import type { Rule } from '../../src/domain/rule';
import { aDirectoryUser } from '../support/directoryUser';
import { inactivity, scope } from '../support/ruleInput';

export const NOW = new Date('2026-11-22T12:00:00.000Z');

export const JIRA: ProductInfo = { key: 'jira-software', name: 'Jira', resourceId: 'res-jira' };
export const JSM: ProductInfo = {
  key: 'jira-servicedesk',
  name: 'Jira Service Management',
  resourceId: 'res-jsm',
};
export const CONFLUENCE: ProductInfo = { key: 'confluence', name: 'Confluence', resourceId: 'res-conf' };
export const PRODUCTS = [JIRA, JSM, CONFLUENCE];

/** An ISO timestamp `days` days before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

export function aGroup(overrides: Partial<DirectoryGroup> & { id: string }): DirectoryGroup {
  return { name: overrides.id, syncedFromIdp: false, grants: [], ...overrides };
}

export const GROUPS: DirectoryGroup[] = [
  aGroup({
    id: 'g-jira-users',
    name: 'jira-users',
    grants: [{ resourceId: 'res-jira', roleId: 'atlassian/user' }],
  }),
  aGroup({
    id: 'g-okta-jira',
    name: 'okta-jira',
    syncedFromIdp: true,
    grants: [{ resourceId: 'res-jira', roleId: 'atlassian/user' }],
  }),
  aGroup({
    id: 'g-jsm-agents',
    name: 'jsm-agents',
    grants: [{ resourceId: 'res-jsm', roleId: 'atlassian/user' }],
  }),
  aGroup({
    id: 'g-conf-users',
    name: 'confluence-users',
    grants: [{ resourceId: 'res-conf', roleId: 'atlassian/user' }],
  }),
  aGroup({ id: 'g-contractors', name: 'contractors' }),
  aGroup({ id: 'g-finance', name: 'finance-leads' }),
  aGroup({ id: 'g-reclaimed', name: 'reclaimed' }),
];

export function groupsById(groups: DirectoryGroup[] = GROUPS): Map<string, DirectoryGroup> {
  return new Map(groups.map((group) => [group.id, group]));
}

/** GROUPS plus jira-admins (a second group granting Jira) and `moreGroups`; jira-users is Jira's default group. */
export function aSeatPathContext(moreGroups: DirectoryGroup[] = []): SeatPathContext {
  return {
    groupsById: groupsById([
      ...GROUPS,
      aGroup({
        id: 'g-jira-admins',
        name: 'jira-admins',
        grants: [{ resourceId: 'res-jira', roleId: 'atlassian/admin' }],
      }),
      ...moreGroups,
    ]),
    products: PRODUCTS,
    defaultGroupIds: new Map([['res-jira', new Set(['g-jira-users'])]]),
  };
}

/** The domain tests' usual user: in jira-users, added 400 days ago, last active in Jira 200 days ago. */
export function aUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return aDirectoryUser({
    addedToOrg: daysAgo(400),
    groupIds: ['g-jira-users'],
    products: [{ key: 'jira-software', resourceId: 'res-jira', lastActiveAt: daysAgo(200) }],
    ...overrides,
  });
}

export function aRule(
  overrides: {
    [K in keyof Rule]?: Rule[K] extends object ? Partial<Rule[K]> | Rule[K] : Rule[K];
  } = {},
): Rule {
  const base: Rule = {
    id: 'rule-1',
    name: 'Inactive Jira users',
    enabled: true,
    mode: 'preview',
    scope: scope(),
    inactivity: inactivity(),
    actions: [{ kind: 'revoke-product', product: 'jira-software' }],
    schedule: { frequency: 'manual' },
    limits: { maxUsersPerRun: 1000, maxPercentOfScope: 100 },
    warning: null,
    seatTarget: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  return {
    ...base,
    ...overrides,
    scope: { ...base.scope, ...overrides.scope },
    inactivity: { ...base.inactivity, ...overrides.inactivity },
    limits: { ...base.limits, ...overrides.limits },
    actions: overrides.actions ?? base.actions,
    schedule: (overrides.schedule as Rule['schedule'] | undefined) ?? base.schedule,
  } as Rule;
}

export function aContext(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    settings: { protectedAccountIds: [], protectedGroupIds: [] },
    appAccountId: 'app-self',
    configuringAdminIds: [],
    groupsById: groupsById(),
    now: NOW,
    products: PRODUCTS,
    ...overrides,
  };
}

/** A use of Jira Software last active at `lastActiveAt` (null: never). */
export function jiraUse(lastActiveAt: string | null): DirectoryUser['products'][number] {
  return { key: JIRA.key, resourceId: JIRA.resourceId, lastActiveAt };
}
