import { validateRuleInput } from '../../src/domain/ruleValidation';
import { ctx, validInput, errorsOf } from './ruleValidationFixtures';

describe('validateRuleInput: actions', () => {
  it('requires at least one action', () => {
    expect(errorsOf({ ...validInput(), actions: [] })).toEqual([
      { field: 'actions', message: 'at least one action is required' },
    ]);
  });

  it('rejects an unknown action kind', () => {
    expect(errorsOf({ ...validInput(), actions: [{ kind: 'delete' }] })).toEqual([
      {
        field: 'actions[0].kind',
        message: 'kind must be one of remove-from-groups, revoke-product, suspend, add-to-group',
      },
    ]);
  });

  it('rejects a revoke-product action for a product the site does not have', () => {
    expect(
      errorsOf({
        ...validInput(),
        actions: [{ kind: 'suspend' }, { kind: 'revoke-product', product: 'trello' }],
      }),
    ).toEqual([
      {
        field: 'actions[1].product',
        message: "product 'trello' is not one of jira-software, jira-servicedesk",
      },
    ]);
  });

  it('names a missing action group by its id', () => {
    expect(
      errorsOf({
        ...validInput(),
        actions: [{ kind: 'suspend' }, { kind: 'add-to-group', groupId: 'g-gone' }],
      }),
    ).toEqual([{ field: 'actions[1].groupId', message: "group 'g-gone' does not exist" }]);
  });

  it('rejects adding to and removing from the same group', () => {
    const actions = [
      { kind: 'remove-from-groups', groupIds: ['g-jira-users', 'g-reclaimed'] },
      { kind: 'add-to-group', groupId: 'g-reclaimed' },
    ];
    expect(errorsOf({ ...validInput(), actions })).toEqual([
      {
        field: 'actions[1].groupId',
        message: "add-to-group and remove-from-groups name the same group 'reclaimed'",
      },
    ]);
  });

  it('rejects adding to a group synced from an identity provider', () => {
    expect(
      errorsOf({ ...validInput(), actions: [{ kind: 'add-to-group', groupId: 'g-okta-jira' }] }),
    ).toEqual([
      {
        field: 'actions[0].groupId',
        message: "group 'okta-jira' is synced from an identity provider, so members can only be added there",
      },
    ]);
  });

  it('accepts a live rule that removes users from a group synced from an identity provider', () => {
    const input = { ...validInput(), actions: [{ kind: 'remove-from-groups', groupIds: ['g-okta-jira'] }] };
    expect(validateRuleInput(input, ctx).ok).toBe(true);
  });

  it('rejects a repeated action, pointing at the first', () => {
    expect(errorsOf({ ...validInput(), actions: [{ kind: 'suspend' }, { kind: 'suspend' }] })).toEqual([
      { field: 'actions[1]', message: 'this action repeats actions[0]' },
    ]);
  });

  it('rejects a second remove-from-groups action, asking for one list', () => {
    const actions = [
      { kind: 'remove-from-groups', groupIds: ['g-jira-users'] },
      { kind: 'remove-from-groups', groupIds: ['g-reclaimed'] },
    ];
    expect(errorsOf({ ...validInput(), actions })).toEqual([
      { field: 'actions[1]', message: 'this action repeats actions[0]; list all its groups in one action' },
    ]);
  });

  it('rejects a remove-from-groups action without groups', () => {
    expect(errorsOf({ ...validInput(), actions: [{ kind: 'remove-from-groups', groupIds: [] }] })).toEqual([
      { field: 'actions[0].groupIds', message: 'groupIds must name at least one group' },
    ]);
  });
});
