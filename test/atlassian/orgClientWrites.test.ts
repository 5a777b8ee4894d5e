import { AtlassianApiError } from '../../src/atlassian/errors';
import { OrgClient } from '../../src/atlassian/orgClient';
import { withRetries } from '../../src/atlassian/transport';
import type { Transport } from '../../src/platform/ports';
import { CONFLUENCE, DIRECTORY_ID, GROUPS, JSM, ORG_ID } from '../sandbox/orgapi/fixture';
import { recordedSleeps, startFixtureOrgSite, USERS_SEARCH, type FixtureOrgSite } from './support';

let site: FixtureOrgSite;
let org: OrgClient;
beforeEach(async () => {
  site = await startFixtureOrgSite();
  org = new OrgClient(site.transport(), ORG_ID);
});
afterEach(() => site.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err as AtlassianApiError,
  );

it("suspends a user, then answers 'already' for a second suspend", async () => {
  expect(await org.suspend('licensed-1', DIRECTORY_ID)).toBe('done');
  expect(await org.suspend('licensed-1', DIRECTORY_ID)).toBe('already');
  expect(site.ctx.org.user('licensed-1')!.membershipStatus).toBe('suspended');
});

it("restores a suspended user, then answers 'already' for a second restore", async () => {
  expect(await org.restore('suspended-1', DIRECTORY_ID)).toBe('done');
  expect(await org.restore('suspended-1', DIRECTORY_ID)).toBe('already');
  expect(site.ctx.org.user('suspended-1')!.membershipStatus).toBe('active');
});

it("confirms an 'already' answer with a single read of the user", async () => {
  await org.suspend('licensed-1', DIRECTORY_ID);
  expect(site.requests(USERS_SEARCH)).toBe(0);
  await org.suspend('licensed-1', DIRECTORY_ID);
  expect(site.requests(USERS_SEARCH)).toBe(1);
});

it("adds a member, then answers 'already' for the same membership", async () => {
  expect(await org.addToGroup(GROUPS.confluenceUsers, 'licensed-1', DIRECTORY_ID)).toBe('done');
  expect(await org.addToGroup(GROUPS.confluenceUsers, 'licensed-1', DIRECTORY_ID)).toBe('already');
  expect(site.ctx.org.isMember(GROUPS.confluenceUsers, 'licensed-1')).toBe(true);
});

it("removes a member, then answers 'already' once they are gone", async () => {
  expect(await org.removeFromGroup(GROUPS.jswUsers, 'stale-1', DIRECTORY_ID)).toBe('done');
  expect(await org.removeFromGroup(GROUPS.jswUsers, 'stale-1', DIRECTORY_ID)).toBe('already');
  expect(site.ctx.org.isMember(GROUPS.jswUsers, 'stale-1')).toBe(false);
});

it('refuses to remove a member of an IdP-synced group with a 403 carrying the detail', async () => {
  const error = await failure(org.removeFromGroup(GROUPS.idpEngineering, 'engineer-1', DIRECTORY_ID));
  expect(error).toBeInstanceOf(AtlassianApiError);
  expect(error.status).toBe(403);
  expect(error.code).toBe('ADMIN-UAM-403-1');
  expect(error.detail).toMatch(/synced from an identity provider/);
  expect(site.ctx.org.isMember(GROUPS.idpEngineering, 'engineer-1')).toBe(true);
});

it("reports a product's user limit as an error with its code, not as 'already'", async () => {
  expect(await org.addToGroup(GROUPS.jsmAgents, 'licensed-1', DIRECTORY_ID)).toBe('done');
  const error = await failure(org.addToGroup(GROUPS.jsmAgents, 'stale-1', DIRECTORY_ID));
  expect(error.status).toBe(409);
  expect(error.code).toBe('ADMIN-UAM-409-3');
  expect(error.detail).toMatch(/user limit/);
});

it("reports removing an unknown user from a group as an error, not as 'already'", async () => {
  const error = await failure(org.removeFromGroup(GROUPS.jswUsers, 'nobody', DIRECTORY_ID));
  expect(error.status).toBe(404);
  expect(error.code).toBe('ADMIN-UAM-404-1');
});

it("revokes a direct product role, then answers 'already'", async () => {
  const grant = { resourceId: CONFLUENCE, roleId: 'atlassian/user' };
  expect(await org.revokeUserRole('direct-1', grant, DIRECTORY_ID)).toBe('done');
  expect(site.requests(`POST /admin/v1/orgs/:orgId/users/:accountId/roles/revoke`)).toBe(1);
  expect(await org.revokeUserRole('direct-1', grant, DIRECTORY_ID)).toBe('already');
  expect(site.ctx.org.user('direct-1')!.directRoles).toEqual([]);
});

it("assigns a direct product role back (undo), then answers 'already'", async () => {
  const grant = { resourceId: JSM, roleId: 'atlassian/user' };
  expect(await org.assignUserRole('licensed-1', grant, DIRECTORY_ID)).toBe('done');
  expect(site.requests(`POST /admin/v1/orgs/:orgId/users/:accountId/roles/assign`)).toBe(1);
  expect(await org.assignUserRole('licensed-1', grant, DIRECTORY_ID)).toBe('already');
  expect(site.ctx.org.user('licensed-1')!.directRoles).toEqual([grant]);
});

it("acts through directory '-' (all directories the key manages)", async () => {
  expect(await org.suspend('licensed-1', '-')).toBe('done');
});

it("treats a suspend whose answer was lost and then retried as 'already', with the user suspended", async () => {
  const direct = site.transport();
  let lost = 0;
  const losesFirstAnswer: Transport = async (path, init) => {
    const response = await direct(path, init);
    if (init?.method === 'POST' && path.endsWith('/suspend') && lost++ === 0)
      throw new TypeError('fetch failed');
    return response;
  };
  const retrying = withRetries(losesFirstAnswer, 'org', { sleep: recordedSleeps().sleep });

  expect(await new OrgClient(retrying, ORG_ID).suspend('licensed-1', DIRECTORY_ID)).toBe('already');
  expect(retrying.stats().networkErrors).toBe(1);
  expect(site.ctx.org.user('licensed-1')!.membershipStatus).toBe('suspended');
});
