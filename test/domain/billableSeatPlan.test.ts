import { KeptSeatsTally, keptThroughAnotherPath, plannedSeats } from '../../src/domain/seatPlan';
import { aGroup, aSeatPathContext, aUser, groupsById } from './builders';

const ctx = aSeatPathContext();
const inTwoJiraGroups = aUser({ groupIds: ['g-jira-users', 'g-jira-admins'] });
const leaveJiraUsers = [
  { kind: 'remove-from-group' as const, groupId: 'g-jira-users', groupName: 'jira-users' },
];
const jiraSeat = (seats: ReturnType<typeof plannedSeats>) =>
  seats.find((s) => s.productKey === 'jira-software');

describe("a run's seat plan", () => {
  it('says the seat stays when another granting group keeps it, and which group', () => {
    const seat = jiraSeat(plannedSeats(inTwoJiraGroups, leaveJiraUsers, ctx))!;

    expect(seat.after).toBe('kept');
    expect(seat.paths.map((p) => (p.kind === 'group' ? p.groupName : 'direct'))).toEqual([
      'jira-users',
      'jira-admins',
    ]);
    expect(seat.keptThrough).toEqual([expect.objectContaining({ kind: 'group', groupId: 'g-jira-admins' })]);
    expect(keptThroughAnotherPath(seat)).toBe(true);
  });

  it('frees the seat when the plan takes away its only path', () => {
    const seat = jiraSeat(plannedSeats(aUser({ groupIds: ['g-jira-users'] }), leaveJiraUsers, ctx))!;

    expect(seat.after).toBe('freed');
    expect(seat.keptThrough).toEqual([]);
    expect(keptThroughAnotherPath(seat)).toBe(false);
  });

  it('frees every seat on suspension', () => {
    const seats = plannedSeats(inTwoJiraGroups, [{ kind: 'suspend' }], ctx);

    expect(seats.map((s) => [s.productKey, s.after, s.keptThrough.length])).toEqual([
      ['jira-software', 'freed', 0],
    ]);
  });

  it('frees the seat only after the IdP hand-off when a synced group is its last path', () => {
    const synced = {
      ...ctx,
      groupsById: groupsById([
        aGroup({
          id: 'g-jira-users',
          name: 'jira-users',
          syncedFromIdp: true,
          grants: [{ resourceId: 'res-jira', roleId: 'atlassian/user' }],
        }),
      ]),
    };
    const plan = [{ kind: 'idp-handoff' as const, groupId: 'g-jira-users', groupName: 'jira-users' }];

    expect(jiraSeat(plannedSeats(aUser({ groupIds: ['g-jira-users'] }), plan, synced))!.after).toBe(
      'freed-after-idp-handoff',
    );
  });

  it('does not count a seat the plan leaves untouched as kept through another path', () => {
    const seat = jiraSeat(plannedSeats(inTwoJiraGroups, [], ctx))!;

    expect(seat.after).toBe('kept');
    expect(keptThroughAnotherPath(seat)).toBe(false);
  });

  it('adds up the kept seats per product by the path that keeps them, the default group named as such', () => {
    const tally = new KeptSeatsTally();
    const leaveAdmins = [
      { kind: 'remove-from-group' as const, groupId: 'g-jira-admins', groupName: 'jira-admins' },
    ];
    tally.add(plannedSeats(inTwoJiraGroups, leaveJiraUsers, ctx));
    tally.add(
      plannedSeats(
        aUser({ accountId: 'b', groupIds: ['g-jira-users', 'g-jira-admins'] }),
        leaveJiraUsers,
        ctx,
      ),
    );
    tally.add(
      plannedSeats(aUser({ accountId: 'c', groupIds: ['g-jira-users', 'g-jira-admins'] }), leaveAdmins, ctx),
    );
    tally.add(plannedSeats(aUser({ accountId: 'd', groupIds: ['g-jira-users'] }), leaveJiraUsers, ctx));

    expect(tally.result()).toEqual([
      {
        productKey: 'jira-software',
        productName: 'Jira',
        users: 3,
        paths: [
          { label: 'jira-admins', users: 2 },
          { label: 'jira-users (default group)', users: 1 },
        ],
      },
    ]);
  });
});
