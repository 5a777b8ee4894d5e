import { ChangesSinceScan, type AppliedChange } from '../../src/domain/changesSinceScan';
import { aUser, daysAgo, groupsById } from './builders';

const change = (action: string, target: string | null, minute: number): AppliedChange => ({
  accountId: 'u-1',
  action,
  target,
  at: `2026-11-22T10:${String(minute).padStart(2, '0')}:00.000Z`,
});

const replay = (...changes: AppliedChange[]) => new ChangesSinceScan(changes, groupsById());

describe('the app’s changes since a scan, replayed over its users', () => {
  it('shows a user suspended by a run as suspended', () => {
    const now = replay(change('suspend', null, 1)).apply(aUser());

    expect(now.status).toBe('suspended');
    expect(now.membershipStatus).toBe('suspended');
  });

  it('shows a suspension that was undone as active again', () => {
    const now = replay(change('undo:suspend', null, 2), change('suspend', null, 1)).apply(aUser());

    expect(now.membershipStatus).toBe('active');
  });

  it('takes away a product only the removed group granted', () => {
    const now = replay(change('remove-from-group', 'g-jira-users', 1)).apply(aUser());

    expect(now.groupIds).toEqual([]);
    expect(now.products).toEqual([]);
  });

  it('keeps a product another of the user’s groups still grants', () => {
    const user = aUser({ groupIds: ['g-jira-users', 'g-okta-jira'] });

    const now = replay(change('remove-from-group', 'g-jira-users', 1)).apply(user);

    expect(now.groupIds).toEqual(['g-okta-jira']);
    expect(now.products).toHaveLength(1);
  });

  it('adds a group once, however often the change is replayed', () => {
    const now = replay(
      change('add-to-group', 'g-reclaimed', 1),
      change('add-to-group', 'g-reclaimed', 2),
    ).apply(aUser());

    expect(now.groupIds).toEqual(['g-jira-users', 'g-reclaimed']);
  });

  it('changes nothing for a warning, and leaves other users as they were scanned', () => {
    const changes = replay(change('warn', null, 1));
    const warned = aUser();
    const other = aUser({
      accountId: 'u-2',
      products: [{ key: 'jira-software', resourceId: 'res-jira', lastActiveAt: daysAgo(1) }],
    });

    expect(changes.apply(warned)).toBe(warned);
    expect(changes.apply(other)).toBe(other);
    expect(changes.userCount).toBe(1);
  });
});
