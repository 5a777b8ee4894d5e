import { AtlassianApiError } from '../../src/atlassian/errors';
import { OrgClient } from '../../src/atlassian/orgClient';
import {
  buildFixtureOrg,
  CONFLUENCE,
  DIRECTORY_ID,
  GROUPS,
  JSM,
  JSW,
  ORG_ID,
} from '../sandbox/orgapi/fixture';
import {
  sandboxTransport,
  startFixtureOrgSite,
  USER_GET,
  USERS_SEARCH,
  type FixtureOrgSite,
} from './support';

let site: FixtureOrgSite | undefined;
afterEach(() => site?.close());

async function clientFor(org = buildFixtureOrg()): Promise<OrgClient> {
  site = await startFixtureOrgSite(org);
  return new OrgClient(site.transport(), ORG_ID);
}

const GROUPS_SEARCH = 'POST /admin/v2/orgs/:orgId/directories/:directoryId/groups/search';

it('lists the orgs the key belongs to, with their names', async () => {
  expect(await (await clientFor()).listOrgs()).toEqual([{ id: ORG_ID, name: 'Acme Corp' }]);
});

it('lists the directories of the org', async () => {
  expect(await (await clientFor()).listDirectories()).toEqual([
    { id: DIRECTORY_ID, name: 'Acme Corp directory' },
  ]);
});

it('lists groups with whether they are synced from an IdP and the roles they grant', async () => {
  const groups = await (await clientFor()).listGroups(DIRECTORY_ID);
  expect(groups).toEqual(
    expect.arrayContaining([
      {
        id: GROUPS.idpEngineering,
        name: 'Engineering (Okta)',
        syncedFromIdp: true,
        grants: [{ resourceId: JSW, roleId: 'atlassian/user' }],
      },
      {
        id: GROUPS.jsmAgents,
        name: 'jsm-agents',
        syncedFromIdp: false,
        grants: [{ resourceId: JSM, roleId: 'atlassian/user' }],
      },
    ]),
  );
  expect(groups).toHaveLength(5);
});

it('reads every page of groups: 130 groups in two searches', async () => {
  const org = buildFixtureOrg();
  for (let i = 0; i < 125; i++) {
    org.addGroup({
      id: `grp-extra-${i}`,
      name: `extra-${i}`,
      description: '',
      syncedFromIdp: false,
      roleGrants: [],
      isDefaultFor: [],
    });
  }
  const groups = await (await clientFor(org)).listGroups(DIRECTORY_ID);
  expect(new Set(groups.map((g) => g.id)).size).toBe(130);
  expect(site!.requests(GROUPS_SEARCH)).toBe(2);
});

it('gets one user through the search, with the same expands as a scan', async () => {
  const client = await clientFor();
  const user = await client.getUser('licensed-1', DIRECTORY_ID);
  expect(user).toEqual(
    expect.objectContaining({
      accountId: 'licensed-1',
      groupIds: [GROUPS.jswUsers],
      membershipStatus: 'active',
    }),
  );
  expect(user!.products.map((p) => p.resourceId)).toEqual([JSW]);
  expect(site!.requests(USERS_SEARCH)).toBe(1);
  expect(site!.requests(USER_GET)).toBe(0);
});

it('answers null for a user the directory does not list', async () => {
  expect(await (await clientFor()).getUser('nobody', DIRECTORY_ID)).toBeNull();
});

it('searches only the requested account ids', async () => {
  const page = await (
    await clientFor()
  ).searchUsers({
    directoryId: '-',
    accountIds: ['agent-1', 'agent-2'],
  });
  expect(page.users.map((u) => u.accountId)).toEqual(['agent-1', 'agent-2']);
  expect(page.nextCursor).toBeUndefined();
});

it('hands back the cursor of the next page until the last one', async () => {
  const client = await clientFor();
  const first = await client.searchUsers({ directoryId: DIRECTORY_ID, limit: 10 });
  expect(first.users).toHaveLength(10);
  expect(first.nextCursor).toEqual(expect.any(String));
  const rest = await client.searchUsers({ directoryId: DIRECTORY_ID, cursor: first.nextCursor!, limit: 100 });
  expect(rest.nextCursor).toBeUndefined();
  expect(first.users.length + rest.users.length).toBe(site!.ctx.org.users.length);
});

it('lists a user’s role assignments, once per way the role is held', async () => {
  const roles = await (await clientFor()).userRoleAssignments('direct-1', DIRECTORY_ID);
  expect(roles).toEqual(
    expect.arrayContaining([
      { resourceId: CONFLUENCE, roleId: 'atlassian/user', via: 'direct' },
      { resourceId: CONFLUENCE, roleId: 'atlassian/user', via: 'group' },
    ]),
  );
  expect(roles).toHaveLength(2);
});

it('turns an error answer into an AtlassianApiError with status, code and detail', async () => {
  await clientFor();
  const other = new OrgClient(sandboxTransport(site!.url, site!.apiKey), 'not-this-org');
  const error = (await other.listDirectories().catch((e: unknown) => e)) as AtlassianApiError;
  expect(error).toBeInstanceOf(AtlassianApiError);
  expect(error.status).toBe(404);
  expect(error.code).toBe('ADMIN-UAM-404-2');
  expect(error.detail).toMatch(/not-this-org/);
});

it('encodes path segments, so an id with a slash reaches the API as one segment', async () => {
  const client = await clientFor();
  const error = (await client
    .removeFromGroup(GROUPS.jswUsers, 'odd/id', DIRECTORY_ID)
    .catch((e: unknown) => e)) as AtlassianApiError;
  expect(error.status).toBe(404);
  expect(error.detail).toMatch(/No user with account ID 'odd\/id'/);
});
