import { toDirectoryUser } from '../../src/atlassian/orgUserMapping';
import { aDirectoryUser } from '../support/directoryUser';

const JSW = 'ari:cloud:jira-software::site/cloud-1';
const JSM = 'ari:cloud:jira-servicedesk::site/cloud-1';

const fullUser = {
  accountId: 'acc-1',
  accountType: 'atlassian',
  status: 'active',
  accountStatus: 'active',
  membershipStatus: 'active',
  addedToOrg: '2025-01-02T03:04:05.000Z',
  name: 'Ada Admin',
  nickname: 'Ada',
  email: 'ada@acme.example',
  emailVerified: true,
  claimStatus: 'managed',
  managementSource: 'synced',
  mfaEnabled: true,
  department: null,
  platformRoles: ['atlassian/org-admin'],
  productAccess: [
    { key: 'jira-software', id: JSW, lastActiveTimestamp: '2026-11-01T10:00:00.000Z' },
    { key: 'jira-servicedesk', id: JSM },
  ],
  groups: [{ id: 'grp-1', name: 'jira-users', description: '' }],
};

const minimalUser = {
  accountId: 'acc-2',
  status: 'suspended',
  accountStatus: 'active',
  membershipStatus: 'suspended',
};

it('maps every field of a full v2 user with the expands', () => {
  expect(toDirectoryUser(fullUser)).toEqual(
    aDirectoryUser({
      accountId: 'acc-1',
      name: 'Ada Admin',
      email: 'ada@acme.example',
      addedToOrg: '2025-01-02T03:04:05.000Z',
      platformRoles: ['atlassian/org-admin'],
      groupIds: ['grp-1'],
      products: [
        { key: 'jira-software', resourceId: JSW, lastActiveAt: '2026-11-01T10:00:00.000Z' },
        { key: 'jira-servicedesk', resourceId: JSM, lastActiveAt: null },
      ],
    }),
  );
});

it('gives absent optional fields their empty values', () => {
  expect(toDirectoryUser(minimalUser)).toEqual({
    accountId: 'acc-2',
    accountType: 'unknown',
    name: '',
    email: null,
    status: 'suspended',
    accountStatus: 'active',
    membershipStatus: 'suspended',
    claimStatus: 'unmanaged',
    managementSource: null,
    emailVerified: false,
    addedToOrg: null,
    platformRoles: [],
    groupIds: [],
    products: [],
  });
});

it('falls back to the nickname when the name is absent', () => {
  expect(toDirectoryUser({ ...minimalUser, nickname: 'Nick' }).name).toBe('Nick');
});

it('reads an unknown accountType as unknown rather than refusing the user', () => {
  expect(toDirectoryUser({ ...minimalUser, accountType: 'robot' }).accountType).toBe('unknown');
});

it('rejects a user without accountId, naming the field', () => {
  expect(() => toDirectoryUser({ ...fullUser, accountId: undefined })).toThrow(/'accountId' is missing/);
});

it('rejects an empty accountId, naming the field', () => {
  expect(() => toDirectoryUser({ ...minimalUser, accountId: '' })).toThrow(/'accountId'/);
});

it('rejects a user whose membershipStatus is unknown, naming the field and the user', () => {
  expect(() => toDirectoryUser({ ...minimalUser, membershipStatus: 'paused' })).toThrow(
    /user acc-2: 'membershipStatus' is "paused"/,
  );
});

it('rejects a product access entry without its resource id, naming the entry', () => {
  expect(() => toDirectoryUser({ ...minimalUser, productAccess: [{ key: 'jira-software' }] })).toThrow(
    /'productAccess\[0\]\.id' is missing/,
  );
});

it('rejects an answer that is not an object', () => {
  expect(() => toDirectoryUser(null)).toThrow(/'user' is null/);
});

describe('ids in either form the API gives', () => {
  it('turns a group ARI into the plain group id groups/search answers', () => {
    const user = toDirectoryUser({
      ...fullUser,
      groups: [{ id: 'ari:cloud:identity::group/grp-1', name: 'jira-users' }, { id: 'grp-2' }],
    });
    expect(user.groupIds).toEqual(['grp-1', 'grp-2']);
  });

  it('names a product given by its bare site id by the resource ARI of its key', () => {
    const user = toDirectoryUser({
      ...fullUser,
      productAccess: [
        { key: 'jira-software', id: 'cloud-1' },
        { key: 'jira-servicedesk', id: JSM },
      ],
    });
    expect(user.products.map((p) => p.resourceId)).toEqual([JSW, JSM]);
  });
});
