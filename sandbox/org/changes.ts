import type { OrgModel } from './model';
import type { AccountStatus, RoleGrant } from './orgEntities';

/** One change to the org as the APIs make it: what the sandbox's data directory records and replays. */
export type OrgChange =
  | { op: 'suspend'; accountId: string; at: number }
  | { op: 'restore'; accountId: string }
  | { op: 'remove-from-directory'; accountId: string }
  | { op: 'account-status'; accountId: string; accountStatus: AccountStatus; at: number }
  | { op: 'add-member'; groupId: string; accountId: string }
  | { op: 'remove-member'; groupId: string; accountId: string }
  | { op: 'revoke-group-role'; groupId: string; grant: RoleGrant }
  | { op: 'grant-group-role'; groupId: string; grant: RoleGrant }
  | { op: 'revoke-user-role'; accountId: string; grant: RoleGrant }
  | { op: 'grant-user-role'; accountId: string; grant: RoleGrant }
  | { op: 'activity'; accountId: string; resourceId: string; at: number };

/** Makes a recorded change again, through the same rules that accepted it the first time. */
export function applyOrgChange(org: OrgModel, change: OrgChange): void {
  switch (change.op) {
    case 'suspend':
      return org.suspend(change.accountId, change.at);
    case 'restore':
      return org.restore(change.accountId);
    case 'remove-from-directory':
      return org.removeFromDirectory(change.accountId);
    case 'account-status':
      return org.setAccountStatus(change.accountId, change.accountStatus, change.at);
    case 'add-member':
      return org.addMember(change.groupId, change.accountId);
    case 'remove-member':
      return org.removeMember(change.groupId, change.accountId);
    case 'revoke-group-role':
      return org.revokeGroupRole(change.groupId, change.grant);
    case 'grant-group-role':
      return org.grantGroupRole(change.groupId, change.grant);
    case 'revoke-user-role':
      return org.revokeUserRole(change.accountId, change.grant);
    case 'grant-user-role':
      return org.grantUserRole(change.accountId, change.grant);
    case 'activity':
      return org.recordActivity(change.accountId, change.resourceId, change.at);
  }
}
