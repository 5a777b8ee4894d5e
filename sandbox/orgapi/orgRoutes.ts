import { cursorPage } from './cursorPage';
import { fingerprintOf } from './cursor';
import { OrgApiError } from './errors';
import { optionalString, optionalStringArray, pageLimit, queryFields } from './fields';
import { otherOrgIdentity } from './keys';
import { everyPosition } from './paging';
import { API_ORIGIN, type OrgRoute } from './state';

export function orgRoutes(): OrgRoute[] {
  return [
    { method: 'GET', path: '/admin/v1/orgs', kind: 'read', scope: 'read:orgs:admin', handle: listOrgs },
    {
      method: 'GET',
      path: '/admin/v2/orgs/:orgId/directories',
      kind: 'read',
      scope: 'read:directories:admin',
      handle: listDirectories,
    },
    {
      method: 'GET',
      path: '/admin/v1/orgs/:orgId/directory/users/:accountId/last-active-dates',
      kind: 'read',
      scope: null,
      handle: lastActiveDates,
    },
  ];
}

/** The orgs the key belongs to (OrgPage): one, since an API key is created in one organization. */
const listOrgs: OrgRoute['handle'] = (req, { state, key }) => {
  queryFields(req.query, { arrays: [], strings: ['cursor'] });
  if (req.query.has('cursor')) {
    throw new OrgApiError('badRequest', 'The cursor is not valid. This listing has a single page.');
  }
  const identity = state.ctx.org.identity;
  const org =
    key.orgId === identity.orgId
      ? { orgId: identity.orgId, orgName: identity.orgName }
      : otherOrgIdentity(state.ctx);
  return {
    status: 200,
    body: {
      data: [
        {
          id: org.orgId,
          type: 'orgs',
          attributes: { name: org.orgName },
          relationships: {
            domains: { links: { related: `${API_ORIGIN}/admin/v1/orgs/${org.orgId}/domains` } },
            users: { links: { related: `${API_ORIGIN}/admin/v1/orgs/${org.orgId}/users` } },
          },
          links: { self: `${API_ORIGIN}/admin/v1/orgs/${org.orgId}` },
        },
      ],
      links: { self: `${API_ORIGIN}/admin/v1/orgs` },
    },
  };
};

const listDirectories: OrgRoute['handle'] = (req, { state }) => {
  const fields = queryFields(req.query, {
    arrays: ['directoryIds'],
    integers: ['limit'],
    strings: ['accountId', 'searchTerm', 'cursor'],
  });
  const org = state.ctx.org;
  const directory = org.identity.directory;
  const directoryIds = optionalStringArray(fields, 'directoryIds');
  const accountId = optionalString(fields, 'accountId');
  const term = optionalString(fields, 'searchTerm')?.toLowerCase();
  const matches =
    (!directoryIds || directoryIds.includes(directory.directoryId)) &&
    (!accountId || org.isInDirectory(accountId)) &&
    (!term || directory.name.toLowerCase().includes(term));
  const page = cursorPage({
    codec: state.cursors,
    listing: 'directories',
    fingerprint: fingerprintOf({ directoryIds, accountId, term }),
    cursor: optionalString(fields, 'cursor'),
    limit: pageLimit(fields, 50, 100),
    source: everyPosition(1),
    matches: () => matches,
    render: () => ({ directoryId: directory.directoryId, name: directory.name }),
  });
  return { status: 200, body: page };
};

/**
 * The v1 per-user activity (UserProductAccessActivityPage): one entry per product the user has used, dates
 * as `yyyy-MM-dd` and timestamps as `yyyy-MM-dd'T'HH:mm:ss'Z'` (no milliseconds), as the schema documents.
 */
const lastActiveDates: OrgRoute['handle'] = (req, { state }) => {
  queryFields(req.query, { arrays: [], strings: ['cursor'] });
  if (req.query.has('cursor')) {
    throw new OrgApiError('badRequest', 'The cursor is not valid. This user has a single page of activity.');
  }
  const user = state.listedUser(req.params.accountId!);
  const productAccess = state.ctx.org.products.flatMap((product) => {
    const at = user.lastActive.get(product.resourceId);
    if (at === undefined) return [];
    return [
      {
        id: product.resourceId,
        key: product.key,
        last_active: isoDate(at),
        last_active_timestamp: isoSeconds(at),
      },
    ];
  });
  return {
    status: 200,
    body: {
      data: {
        product_access: productAccess,
        added_to_org: isoDate(user.addedToOrg),
        added_to_org_timestamp: isoSeconds(user.addedToOrg),
      },
      links: {},
    },
  };
};

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function isoSeconds(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
