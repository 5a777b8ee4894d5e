import { generateOrg } from '../../sandbox/org/generate';
import { USER_EXPANDS, isListed, userJson } from '../../sandbox/orgapi/userView';
import { toDirectoryUser } from '../../src/atlassian/orgUserMapping';
import type { DirectoryGroup, DirectoryUser, ProductInfo } from '../../src/domain/directory';
import type { OrgModel } from '../../sandbox/org/model';

/**
 * A generated org's directory as a scan stores it, without HTTP: its users as the Organizations API lists them
 * (with productAccess, groups and platformRoles), mapped by the app's own mapping, and its groups.
 */
export function generatedDirectory(
  users: number,
  now: Date,
  seed = 42,
): { org: OrgModel; users: DirectoryUser[]; groups: DirectoryGroup[]; products: ProductInfo[] } {
  const { org } = generateOrg({ users, seed, now: now.getTime() });
  const expand = new Set(USER_EXPANDS.filter((e) => e !== 'counts.resources'));
  return {
    org,
    users: org.users
      .filter((user) => isListed(org, user))
      .map((user) => toDirectoryUser(userJson(org, user, expand))),
    groups: org.groups.map((group) => ({
      id: group.id,
      name: group.name,
      syncedFromIdp: group.syncedFromIdp,
      grants: group.roleGrants.map(({ resourceId, roleId }) => ({ resourceId, roleId })),
    })),
    products: org.products.map((p) => ({ key: p.key, name: p.name, resourceId: p.resourceId })),
  };
}
