/** The seeds, id formats and look-ups the generator tests share. */
import { createHash } from 'node:crypto';
import { generateOrg, type GeneratedOrg } from '../../sandbox/org/generate';
import type { OrgModel } from '../../sandbox/org/model';
import { BILLABLE_ROLES, type User } from '../../sandbox/org/orgEntities';

export const DAY_MS = 86_400_000;
export const NOW = Date.UTC(2026, 4, 15, 10, 30);
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UUID_PART = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const LEGACY_ID = /^[0-9a-f]{24}$/;
export const MODERN_ID = new RegExp(`^712020:${UUID_PART}$`);
export const APP_ID = new RegExp(`^557058:${UUID_PART}$`);
export const PORTAL_CUSTOMER_ID = new RegExp(`^qm:${UUID_PART}:${UUID_PART}$`);
export const EXAMPLE_EMAIL = /^[a-z0-9.+-]+@([a-z0-9-]+\.)+example$/;

export function canonicalHash({ org, adminAccountId, nonAdminAccountId }: GeneratedOrg): string {
  const canonical = JSON.stringify({
    identity: org.identity,
    products: org.products,
    appAccountId: org.appAccountId,
    adminAccountId,
    nonAdminAccountId,
    users: org.users.map((user) => ({ ...user, lastActive: [...user.lastActive] })),
    groups: org.groups.map((group) => ({ ...group, members: org.membersOf(group.id) })),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export const staffOf = (org: OrgModel): User[] =>
  org.users.filter((u) => u.accountType === 'atlassian' && u.claimStatus === 'managed');
export const contractorsOf = (org: OrgModel): User[] =>
  org.users.filter((u) => u.accountType === 'atlassian' && u.claimStatus === 'unmanaged');
export const peopleOf = (org: OrgModel): User[] => org.users.filter((u) => u.accountType === 'atlassian');
export const share = (part: number, whole: number): number => part / whole;
export const groupNamed = (org: OrgModel, name: string) => {
  const group = org.groupByName(name);
  if (!group) throw new Error(`no group ${name}`);
  return group;
};
export const hasAccessTo = (org: OrgModel, user: User, resourceId: string): boolean =>
  org.effectiveRoles(user.accountId).some((role) => role.resourceId === resourceId);
export const holdsBillableRoleOn = (org: OrgModel, user: User, resourceId: string): boolean =>
  org.effectiveRoles(user.accountId).some((r) => r.resourceId === resourceId && BILLABLE_ROLES.has(r.roleId));

/** The options of the 2,000-account org most generator tests read. */
export const STANDARD_OPTIONS = { users: 2000, seed: 7, now: NOW };
let standard: GeneratedOrg | undefined;

/** The org of STANDARD_OPTIONS, generated once per test file on first use. */
export function standardOrg(): GeneratedOrg {
  standard ??= generateOrg(STANDARD_OPTIONS);
  return standard;
}
