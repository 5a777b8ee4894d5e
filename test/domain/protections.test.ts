import { protectionsFor, type ProtectionContext } from '../../src/domain/protections';
import { aUser, groupsById } from './builders';

function context(overrides: Partial<ProtectionContext> = {}): ProtectionContext {
  return {
    settings: { protectedAccountIds: [], protectedGroupIds: [] },
    appAccountId: 'app-self',
    configuringAdminIds: [],
    groupsById: groupsById(),
    ...overrides,
  };
}

describe('protectionsFor', () => {
  it('protects nobody without a reason', () => {
    expect(protectionsFor(aUser(), context())).toEqual([]);
  });

  it.each([
    ['atlassian/org-admin', 'org-admin'],
    ['atlassian/site-admin', 'site-admin'],
    ['atlassian/user-access-admin', 'user-access-admin'],
  ])('protects holders of %s', (role, code) => {
    expect(protectionsFor(aUser({ platformRoles: [role] }), context())).toEqual([{ code }]);
  });

  it('does not protect other platform roles', () => {
    expect(protectionsFor(aUser({ platformRoles: ['atlassian/user'] }), context())).toEqual([]);
  });

  it('protects app and bot accounts', () => {
    expect(protectionsFor(aUser({ accountType: 'app' }), context({ appAccountId: null }))).toEqual([
      { code: 'app-account' },
    ]);
  });

  it("protects the app's own account", () => {
    expect(protectionsFor(aUser({ accountId: 'app-self' }), context())).toEqual([{ code: 'the-app-itself' }]);
  });

  it('protects the admins who configure the app', () => {
    expect(
      protectionsFor(aUser({ accountId: 'u-admin' }), context({ configuringAdminIds: ['u-admin'] })),
    ).toEqual([{ code: 'configuring-admin' }]);
  });

  it('protects users on the protected list', () => {
    const ctx = context({ settings: { protectedAccountIds: ['u-1'], protectedGroupIds: [] } });
    expect(protectionsFor(aUser({ accountId: 'u-1' }), ctx)).toEqual([{ code: 'protected-user' }]);
  });

  it('protects members of a protected group, naming the group', () => {
    const ctx = context({ settings: { protectedAccountIds: [], protectedGroupIds: ['g-finance'] } });
    expect(protectionsFor(aUser({ groupIds: ['g-jira-users', 'g-finance'] }), ctx)).toEqual([
      { code: 'protected-group', groupId: 'g-finance', groupName: 'finance-leads' },
    ]);
  });

  it('names a protected group missing from the scan by its id', () => {
    const ctx = context({ settings: { protectedAccountIds: [], protectedGroupIds: ['g-gone'] } });
    expect(protectionsFor(aUser({ groupIds: ['g-gone'] }), ctx)).toEqual([
      { code: 'protected-group', groupId: 'g-gone', groupName: 'g-gone' },
    ]);
  });

  it('lists every protection that applies, every protected group included', () => {
    const ctx = context({
      appAccountId: 'u-1',
      configuringAdminIds: ['u-1'],
      settings: { protectedAccountIds: ['u-1'], protectedGroupIds: ['g-finance', 'g-contractors'] },
    });
    const user = aUser({
      accountId: 'u-1',
      accountType: 'app',
      platformRoles: ['atlassian/site-admin', 'atlassian/org-admin', 'atlassian/user-access-admin'],
      groupIds: ['g-contractors', 'g-finance'],
    });

    expect(protectionsFor(user, ctx)).toEqual([
      { code: 'org-admin' },
      { code: 'site-admin' },
      { code: 'user-access-admin' },
      { code: 'app-account' },
      { code: 'the-app-itself' },
      { code: 'configuring-admin' },
      { code: 'protected-user' },
      { code: 'protected-group', groupId: 'g-contractors', groupName: 'contractors' },
      { code: 'protected-group', groupId: 'g-finance', groupName: 'finance-leads' },
    ]);
  });
});
