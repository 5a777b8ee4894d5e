import type { DirectoryUser } from '../../src/domain/directory';

/**
 * A directory user as the app reads it from the Organizations API: an active, managed Atlassian account with a
 * verified e-mail and no admin role, in no group and with no product. Every field can be overridden.
 */
export function aDirectoryUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    accountId: 'u-1',
    accountType: 'atlassian',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    status: 'active',
    accountStatus: 'active',
    membershipStatus: 'active',
    claimStatus: 'managed',
    managementSource: 'synced',
    emailVerified: true,
    addedToOrg: '2025-01-01T00:00:00.000Z',
    platformRoles: [],
    groupIds: [],
    products: [],
    ...overrides,
  };
}
