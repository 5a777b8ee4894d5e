import { decodeIds, decodeLabels, decodeUsers, encodeUsers } from '../../src/store/userCodec';
import { generatedDirectory } from '../support/generatedDirectory';
import { aUser } from '../domain/builders';

const NOW = new Date('2026-11-22T09:00:00.000Z');

test('a generated directory packs into under 80 bytes a user and unpacks to exactly the same users', () => {
  const { users } = generatedDirectory(2_000, NOW);

  const packed = encodeUsers(users);
  const bytes =
    JSON.stringify(packed.ids).length +
    JSON.stringify(packed.labels).length +
    JSON.stringify(packed.facts).length;

  expect(decodeUsers(packed)).toEqual(users);
  expect(bytes / users.length).toBeLessThan(80);
});

test('unusual values come back exactly: no e-mail, no @, a local part unlike the name, odd timestamps, any text', () => {
  const users = [
    aUser({ accountId: 'a-1', name: 'Zoë Ünïcødé 😀', email: null, addedToOrg: null }),
    aUser({ accountId: 'a-2', name: 'Ann Lee', email: 'no-at-sign', addedToOrg: '2024-01-02' }),
    aUser({ accountId: 'a-3', name: 'Ann Lee', email: 'ann.lee@x.example', addedToOrg: 'not a date' }),
    aUser({
      accountId: 'a-4',
      name: '',
      email: 'someone.else@x.example',
      addedToOrg: '2024-01-02T03:04:05+02:00',
    }),
    aUser({
      accountId: 'a-5',
      platformRoles: ['atlassian/org-admin'],
      groupIds: ['g-2', 'g-1', 'g-2'],
      products: [
        { key: 'jira-software', resourceId: 'r-1', lastActiveAt: '1969-12-31T23:59:59.999Z' },
        { key: 'confluence', resourceId: 'r-2', lastActiveAt: null },
        { key: 'jira-servicedesk', resourceId: 'r-3', lastActiveAt: '+275760-09-13T00:00:00.000Z' },
      ],
    }),
  ];

  expect(decodeUsers(encodeUsers(users))).toEqual(users);
});

test("ids and labels read alone give the users' account ids, names and e-mails in order", () => {
  const users = [
    aUser({ accountId: 'a-1', name: 'Ann Lee', email: 'ann.lee@x.example' }),
    aUser({ accountId: 'a-2', name: 'Bo', email: null }),
  ];

  const packed = encodeUsers(users);

  expect(decodeIds(packed.ids)).toEqual(['a-1', 'a-2']);
  expect(decodeLabels(packed.labels)).toEqual([
    { name: 'Ann Lee', email: 'ann.lee@x.example' },
    { name: 'Bo', email: null },
  ]);
});

test('a value that is not a packed chunk is refused, saying why', () => {
  expect(() => decodeIds('not packed at all')).toThrow('does not inflate');
});
