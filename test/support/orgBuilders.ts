import type { User } from '../../sandbox/org/orgEntities';

/** A plain licensed-staff user for hand-built test orgs; every field can be overridden. */
export function buildUser(fields: Partial<User> & { accountId: string }): User {
  const name = fields.name ?? `User ${fields.accountId}`;
  return {
    accountType: 'atlassian',
    name,
    nickname: name.split(' ')[0]!,
    email: `${fields.accountId}@acme.example`,
    emailVerified: true,
    status: 'active',
    accountStatus: 'active',
    membershipStatus: 'active',
    addedToOrg: Date.UTC(2024, 0, 1),
    claimStatus: 'managed',
    managementSource: 'invited',
    platformRoles: [],
    mfaEnabled: false,
    jobTitle: null,
    department: null,
    organization: null,
    location: null,
    timeZone: 'Europe/Berlin',
    locale: 'en_US',
    invitationPending: false,
    directRoles: [],
    lastActive: new Map(),
    suspendedAt: null,
    ...fields,
  };
}
