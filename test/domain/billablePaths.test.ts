import { billableSeats, leavingFrees, seatAfterPlan } from '../../src/domain/billablePaths';
import { aGroup, aSeatPathContext, aUser } from './builders';

const ctx = aSeatPathContext([
  aGroup({
    id: 'g-jsm-customers',
    name: 'portal',
    grants: [{ resourceId: 'res-jsm', roleId: 'atlassian/customer' }],
  }),
]);
const jira = (user: Parameters<typeof billableSeats>[0]) =>
  billableSeats(user, ctx).find((seat) => seat.resourceId === 'res-jira');

describe('billable seat paths', () => {
  it('names every group that grants a billable role, and whether it is the default access group', () => {
    const seat = jira(aUser({ groupIds: ['g-jira-users', 'g-jira-admins', 'g-contractors'] }));

    expect(seat?.paths).toEqual([
      {
        kind: 'group',
        groupId: 'g-jira-users',
        groupName: 'jira-users',
        roleId: 'atlassian/user',
        syncedFromIdp: false,
        defaultGroup: true,
      },
      {
        kind: 'group',
        groupId: 'g-jira-admins',
        groupName: 'jira-admins',
        roleId: 'atlassian/admin',
        syncedFromIdp: false,
        defaultGroup: false,
      },
    ]);
  });

  it('calls access that no group explains a direct role', () => {
    const seat = jira(aUser({ groupIds: [] }));

    expect(seat?.paths).toEqual([{ kind: 'direct' }]);
  });

  it('gives a portal customer no seat, even with access to the service desk', () => {
    const customer = aUser({
      accountType: 'customer',
      groupIds: [],
      products: [{ key: 'jira-servicedesk', resourceId: 'res-jsm', lastActiveAt: null }],
    });

    expect(billableSeats(customer, ctx)).toEqual([]);
  });

  it('gives an Atlassian account whose only service-desk role is the free customer role no JSM seat', () => {
    const user = aUser({
      groupIds: ['g-jsm-customers'],
      products: [{ key: 'jira-servicedesk', resourceId: 'res-jsm', lastActiveAt: null }],
    });

    expect(billableSeats(user, ctx).map((seat) => seat.productKey)).toEqual([]);
  });

  it('bills nobody suspended in the directory', () => {
    expect(billableSeats(aUser({ status: 'suspended', membershipStatus: 'suspended' }), ctx)).toEqual([]);
  });

  it('frees the seat by leaving one group only when no other path grants it', () => {
    const seat = jira(aUser({ groupIds: ['g-jira-users', 'g-jira-admins'] }))!;

    expect(leavingFrees(seat, 'g-jira-users')).toBe(false);
    expect(leavingFrees(jira(aUser({ groupIds: ['g-jira-users'] }))!, 'g-jira-users')).toBe(true);
  });

  it('says a plan that leaves one granting group keeps the seat billable', () => {
    const seat = jira(aUser({ groupIds: ['g-jira-users', 'g-jira-admins'] }))!;
    const plan = [{ kind: 'remove-from-group' as const, groupId: 'g-jira-users', groupName: 'jira-users' }];

    expect(seatAfterPlan(seat, plan, ctx.groupsById)).toBe('kept');
  });

  it('frees the seat only after the identity provider applies the hand-off when a synced group is the last path', () => {
    const seat = jira(aUser({ groupIds: ['g-jira-users', 'g-okta-jira'] }))!;
    const plan = [
      { kind: 'remove-from-group' as const, groupId: 'g-jira-users', groupName: 'jira-users' },
      { kind: 'idp-handoff' as const, groupId: 'g-okta-jira', groupName: 'okta-jira' },
    ];

    expect(seatAfterPlan(seat, plan, ctx.groupsById)).toBe('freed-after-idp-handoff');
  });

  it('frees every path by suspending, and keeps the seat when the plan adds a granting group', () => {
    const seat = jira(aUser({ groupIds: ['g-jira-users'] }))!;

    expect(seatAfterPlan(seat, [{ kind: 'suspend' }], ctx.groupsById)).toBe('freed');
    expect(
      seatAfterPlan(
        seat,
        [
          { kind: 'remove-from-group', groupId: 'g-jira-users', groupName: 'jira-users' },
          { kind: 'add-to-group', groupId: 'g-jira-admins', groupName: 'jira-admins' },
        ],
        ctx.groupsById,
      ),
    ).toBe('kept');
  });

  it('frees a direct seat only when the plan revokes the direct role', () => {
    const seat = jira(aUser({ groupIds: [] }))!;

    expect(seatAfterPlan(seat, [], ctx.groupsById)).toBe('kept');
    expect(
      seatAfterPlan(
        seat,
        [{ kind: 'revoke-direct-role', resourceId: 'res-jira', roleId: 'atlassian/user' }],
        ctx.groupsById,
      ),
    ).toBe('freed');
  });
});
