import {
  grantsAdminRole,
  plannedActionRefusal,
  productsWithin,
  ruleAuthorityErrors,
  type AuthorityBoundary,
} from '../../src/domain/authority';
import type { DirectoryGroup, ProductInfo } from '../../src/domain/directory';

const SITE = 'site-one';
const OTHER = 'site-two';
const site: AuthorityBoundary = { scope: 'site', siteCloudId: SITE };
const org: AuthorityBoundary = { scope: 'org', siteCloudId: SITE };
const ari = (key: string, cloudId: string) => `ari:cloud:${key}::site/${cloudId}`;
const products: ProductInfo[] = [
  { key: 'jira-software', name: 'Jira', resourceId: ari('jira-software', SITE) },
  { key: 'confluence', name: 'Confluence', resourceId: ari('confluence', SITE) },
  { key: 'jira-software', name: 'Jira', resourceId: ari('jira-software', OTHER) },
  { key: 'jira-product-discovery', name: 'JPD', resourceId: ari('jira-product-discovery', OTHER) },
];
const group = (id: string, name: string, grants: DirectoryGroup['grants'] = []): DirectoryGroup => ({
  id,
  name,
  syncedFromIdp: false,
  grants,
});
const groups = new Map(
  [
    group('g-users', 'jira-software-users', [
      { resourceId: ari('jira-software', SITE), roleId: 'atlassian/user' },
    ]),
    group('g-other', 'labs-users', [{ resourceId: ari('jira-software', OTHER), roleId: 'atlassian/user' }]),
    group('g-site-admins', 'site-admins'),
    group('g-product-admins', 'wiki-owners', [
      { resourceId: ari('confluence', SITE), roleId: 'atlassian/admin' },
    ]),
    group('g-uaa', 'helpdesk', [
      { resourceId: ari('confluence', SITE), roleId: 'atlassian/user-access-admin' },
    ]),
    group('g-review', 'reclaimed-licences'),
  ].map((g) => [g.id, g]),
);

it.each([
  ['site-admins', true],
  ['a group granting product admin', true],
  ['a group granting user-access admin', true],
  ['a group granting product use', false],
  ['a review group', false],
])('knows whether %s grants an admin role', (_name, expected) => {
  const id = {
    'site-admins': 'g-site-admins',
    'a group granting product admin': 'g-product-admins',
    'a group granting user-access admin': 'g-uaa',
    'a group granting product use': 'g-users',
    'a review group': 'g-review',
  }[_name]!;
  expect(grantsAdminRole(groups.get(id)!)).toBe(expected);
});

it("keeps only the installed site's products within the site boundary", () => {
  expect(productsWithin(products, site).map((p) => p.resourceId)).toEqual([
    ari('jira-software', SITE),
    ari('confluence', SITE),
  ]);
  expect(productsWithin(products, org)).toHaveLength(4);
});

describe('saving a rule', () => {
  const errors = (boundary: AuthorityBoundary, actions: Parameters<typeof ruleAuthorityErrors>[0]) =>
    ruleAuthorityErrors(actions, boundary, groups, products);

  it('refuses suspension within the site boundary and allows it with org scope', () => {
    expect(errors(site, [{ kind: 'suspend' }])).toEqual([
      { field: 'actions[0]', message: expect.stringMatching(/every product of the organization/) },
    ]);
    expect(errors(org, [{ kind: 'suspend' }])).toEqual([]);
  });

  it("refuses a product only another site has, and a group granting another site's product", () => {
    expect(errors(site, [{ kind: 'revoke-product', product: 'jira-product-discovery' }])[0]?.message).toMatch(
      /only on another site/,
    );
    expect(errors(site, [{ kind: 'remove-from-groups', groupIds: ['g-other'] }])[0]?.message).toMatch(
      /another site/,
    );
    expect(errors(org, [{ kind: 'remove-from-groups', groupIds: ['g-other'] }])).toEqual([]);
  });

  it('allows a product the site has', () => {
    expect(errors(site, [{ kind: 'revoke-product', product: 'jira-software' }])).toEqual([]);
  });

  it('refuses adding to an admin group whatever the scope', () => {
    for (const boundary of [site, org]) {
      expect(errors(boundary, [{ kind: 'add-to-group', groupId: 'g-product-admins' }])[0]?.message).toMatch(
        /grants an admin role/,
      );
    }
    expect(errors(site, [{ kind: 'add-to-group', groupId: 'g-review' }])).toEqual([]);
  });
});

describe('just before acting', () => {
  it('refuses a direct role on another site without org scope', () => {
    const action = {
      kind: 'revoke-direct-role',
      resourceId: ari('jira-software', OTHER),
      roleId: 'atlassian/user',
    } as const;
    expect(plannedActionRefusal(action, site, groups)).toMatch(/another site/);
    expect(plannedActionRefusal(action, org, groups)).toBeNull();
  });

  it('refuses adding to a group that grants an admin role now', () => {
    expect(
      plannedActionRefusal({ kind: 'add-to-group', groupId: 'g-uaa', groupName: 'helpdesk' }, org, groups),
    ).toMatch(/admin role/);
  });

  it('refuses suspension without org scope', () => {
    expect(plannedActionRefusal({ kind: 'suspend' }, site, groups)).toMatch(/organization scope/);
  });
});
