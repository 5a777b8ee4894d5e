import { validateRuleInput } from '../../src/domain/ruleValidation';
import { ctx, validInput, withPart, errorsOf } from './ruleValidationFixtures';

describe('validateRuleInput: shape of the input', () => {
  it('accepts a valid rule', () => {
    expect(validateRuleInput(validInput(), ctx)).toEqual({
      ok: true,
      rule: { ...validInput(), seatTarget: null },
    });
  });

  it('normalises a valid rule: trims the name, lower-cases domains and drops repeated ids', () => {
    const input = validInput();
    input.name = '  Inactive Jira users  ';
    input.scope = {
      ...(input.scope as object),
      excludeGroupIds: ['g-contractors', 'g-contractors'],
      includeEmailDomains: [' Example.COM', 'example.com'],
      accountKinds: ['staff', 'staff'],
    };
    input.actions = [{ kind: 'remove-from-groups', groupIds: ['g-jira-users', 'g-jira-users'] }];

    const result = validateRuleInput(input, ctx);

    expect(result).toMatchObject({
      ok: true,
      rule: {
        name: 'Inactive Jira users',
        scope: {
          excludeGroupIds: ['g-contractors'],
          includeEmailDomains: ['example.com'],
          accountKinds: ['staff'],
        },
        actions: [{ kind: 'remove-from-groups', groupIds: ['g-jira-users'] }],
      },
    });
  });

  it('rejects an input that is not an object', () => {
    expect(errorsOf('rule')).toEqual([{ field: '', message: 'rule must be an object' }]);
  });

  it('rejects unknown fields, naming each', () => {
    const input = { ...withPart('scope', { groups: [] }), id: 'r-1', extra: true };

    expect(errorsOf(input)).toEqual([
      { field: 'scope.groups', message: "unknown field 'groups'" },
      { field: 'id', message: "unknown field 'id'" },
      { field: 'extra', message: "unknown field 'extra'" },
    ]);
  });

  it('reports a missing field as required', () => {
    const input = validInput();
    delete input.mode;
    expect(errorsOf(input)).toEqual([{ field: 'mode', message: 'mode is required' }]);
  });

  it('rejects a value outside a fixed set, listing the choices', () => {
    expect(errorsOf({ ...validInput(), mode: 'dry-run' })).toEqual([
      { field: 'mode', message: 'mode must be one of preview, live' },
    ]);
  });

  it('reports a field of the wrong type', () => {
    expect(errorsOf({ ...validInput(), enabled: 'yes' })).toEqual([
      { field: 'enabled', message: 'enabled must be true or false' },
    ]);
  });

  it('rejects an empty name', () => {
    expect(errorsOf({ ...validInput(), name: '   ' })).toEqual([
      { field: 'name', message: 'name must not be empty' },
    ]);
  });

  it('rejects a name longer than 100 characters', () => {
    expect(errorsOf({ ...validInput(), name: 'x'.repeat(101) })).toEqual([
      { field: 'name', message: 'name must be at most 100 characters' },
    ]);
  });

  it('collects every error at once, structural and cross-checks alike', () => {
    const input = validInput();
    input.name = '';
    input.scope = { ...(input.scope as object), excludeGroupIds: ['jira-admins'], accountKinds: [] };
    input.inactivity = { ...(input.inactivity as object), days: 0, product: 'trello' };
    input.actions = [{ kind: 'suspend' }, { kind: 'add-to-group', groupId: 'g-gone' }, { kind: 'suspend' }];

    expect(errorsOf(input)).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'name must not be empty' },
        { field: 'scope.accountKinds', message: 'at least one account kind is required' },
        { field: 'inactivity.days', message: 'Days without activity must be a whole number from 1 to 3,650' },
        { field: 'scope.excludeGroupIds[0]', message: "exclude group 'jira-admins' does not exist" },
        {
          field: 'inactivity.product',
          message: "product 'trello' is not one of any, jira-software, jira-servicedesk",
        },
        { field: 'actions[1].groupId', message: "group 'g-gone' does not exist" },
        { field: 'actions[2]', message: 'this action repeats actions[0]' },
      ]),
    );
    expect(errorsOf(input)).toHaveLength(7);
  });

  it('still checks the valid actions when another action is malformed', () => {
    const input = {
      ...validInput(),
      actions: [{ kind: 'add-to-group' }, { kind: 'revoke-product', product: 'trello' }],
    };
    expect(errorsOf(input)).toEqual([
      { field: 'actions[0].groupId', message: 'groupId is required' },
      {
        field: 'actions[1].product',
        message: "product 'trello' is not one of jira-software, jira-servicedesk",
      },
    ]);
  });
});
