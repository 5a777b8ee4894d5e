import { PRODUCT_ROLE_IDS, type RoleGrant, type RoleId } from '../org/orgEntities';
import { ROLES_BY_PRODUCT } from '../org/products';
import { OrgApiError } from './errors';
import { bodyFields, requiredString } from './fields';
import { noContent, type OrgApiState, type OrgRoute } from './state';

const USER_ROLES = '/admin/v1/orgs/:orgId/users/:accountId/roles';
const PLATFORM_ROLES = ['atlassian/org-admin', 'atlassian/site-admin'];

/**
 * A user's direct product roles, as Atlassian publishes them: `POST …/roles/assign` and `…/roles/revoke`
 * with `{ "role", "resource" }`, answering 204. Roles held through a group are changed on the group.
 */
export function userRoleRoutes(): OrgRoute[] {
  return [
    {
      method: 'POST',
      path: `${USER_ROLES}/assign`,
      kind: 'write',
      scope: null,
      body: 'required',
      handle: assignUserRole,
    },
    {
      method: 'POST',
      path: `${USER_ROLES}/revoke`,
      kind: 'write',
      scope: null,
      body: 'required',
      handle: revokeUserRole,
    },
  ];
}

const assignUserRole: OrgRoute['handle'] = (req, { state }) => {
  const grant = grantOf(state, req.body);
  const user = state.listedUser(req.params.accountId!);
  if (user.directRoles.some((g) => g.resourceId === grant.resourceId && g.roleId === grant.roleId)) {
    throw new OrgApiError(
      'conflict',
      `User ${user.accountId} already holds the role ${grant.roleId} on ${grant.resourceId} directly.`,
    );
  }
  state.ctx.org.grantUserRole(user.accountId, grant);
  return noContent();
};

const revokeUserRole: OrgRoute['handle'] = (req, { state }) => {
  const grant = grantOf(state, req.body);
  const user = state.listedUser(req.params.accountId!);
  state.ctx.org.revokeUserRole(user.accountId, grant);
  return noContent();
};

/** A `{ role, resource }` body naming a role the product behind `resource` accepts. */
function grantOf(state: OrgApiState, body: unknown): RoleGrant {
  const fields = bodyFields(body, ['role', 'resource']);
  const role = requiredString(fields, 'role');
  if (PLATFORM_ROLES.includes(role)) {
    throw new OrgApiError(
      'invalidRoleForResource',
      `The sandbox changes product roles only; '${role}' is an organization or site role.`,
    );
  }
  if (!PRODUCT_ROLE_IDS.includes(role as RoleId)) {
    throw new OrgApiError('badRequest', `'role' must be one of ${PRODUCT_ROLE_IDS.join(', ')}.`);
  }
  const resource = requiredString(fields, 'resource');
  const product = state.ctx.org.productByResource(resource);
  if (!product) {
    throw new OrgApiError(
      'productNotLicensed',
      `No product with resource '${resource}' is licensed in this organization.`,
    );
  }
  if (!ROLES_BY_PRODUCT[product.key].includes(role as RoleId)) {
    throw new OrgApiError(
      'invalidRoleForResource',
      `${product.name} has no role '${role}'; it accepts ${ROLES_BY_PRODUCT[product.key].join(', ')}.`,
    );
  }
  return { resourceId: resource, roleId: role as RoleId };
}
