import {
  validateRuleInput,
  type FieldError,
  type RuleValidationContext,
} from '../../src/domain/ruleValidation';

const ctx: RuleValidationContext = {
  groups: [
    { id: 'g-jira-users', name: 'jira-users', syncedFromIdp: false },
    { id: 'g-okta-jira', name: 'okta-jira', syncedFromIdp: true },
    { id: 'g-contractors', name: 'contractors', syncedFromIdp: false },
    { id: 'g-reclaimed', name: 'reclaimed', syncedFromIdp: false },
  ],
  products: ['jira-software', 'jira-servicedesk'],
};

function validInput(): Record<string, unknown> {
  return {
    name: 'Inactive Jira users',
    enabled: true,
    mode: 'live',
    scope: {
      includeGroupIds: ['g-jira-users'],
      excludeGroupIds: ['g-contractors'],
      excludeAccountIds: [],
      includeEmailDomains: [],
      excludeEmailDomains: ['partner.io'],
      accountKinds: ['staff'],
    },
    inactivity: {
      product: 'jira-software',
      days: 90,
      includeNeverActive: true,
      graceDays: 30,
      includeInvitedNeverJoined: false,
    },
    actions: [{ kind: 'remove-from-groups', groupIds: ['g-jira-users'] }],
    schedule: { frequency: 'weekly', weekday: 1, hourUtc: 6 },
    limits: { maxUsersPerRun: 200, maxPercentOfScope: 10 },
    warning: null,
  };
}

/** A valid input with one part replaced, e.g. `withPart('inactivity', { days: 0 })`. */
function withPart(part: string, changes: Record<string, unknown>): Record<string, unknown> {
  const input = validInput();
  input[part] = { ...(input[part] as Record<string, unknown>), ...changes };
  return input;
}

function errorsOf(input: unknown): FieldError[] {
  const result = validateRuleInput(input, ctx);
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.errors;
}

describe('validateRuleInput', () => {
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

  it.each([0, 3651])('rejects %p inactivity days', (days) => {
    expect(errorsOf(withPart('inactivity', { days }))).toEqual([
      { field: 'inactivity.days', message: 'days must be between 1 and 3650' },
    ]);
  });

  it('rejects fractional days', () => {
    expect(errorsOf(withPart('inactivity', { days: 1.5 }))).toEqual([
      { field: 'inactivity.days', message: 'days must be a whole number' },
    ]);
  });

  it('rejects grace days outside 0..3650', () => {
    expect(errorsOf(withPart('inactivity', { graceDays: -1 }))).toEqual([
      { field: 'inactivity.graceDays', message: 'graceDays must be between 0 and 3650' },
    ]);
  });

  it('names a missing exclude group by its id', () => {
    expect(errorsOf(withPart('scope', { excludeGroupIds: ['g-contractors', 'jira-admins'] }))).toEqual([
      { field: 'scope.excludeGroupIds[1]', message: "exclude group 'jira-admins' does not exist" },
    ]);
  });

  it('names a missing include group by its id', () => {
    expect(errorsOf(withPart('scope', { includeGroupIds: ['g-gone'] }))).toEqual([
      { field: 'scope.includeGroupIds[0]', message: "include group 'g-gone' does not exist" },
    ]);
  });

  it('rejects a group that is both included and excluded', () => {
    expect(errorsOf(withPart('scope', { excludeGroupIds: ['g-jira-users'] }))).toEqual([
      {
        field: 'scope.excludeGroupIds[0]',
        message: "group 'jira-users' cannot be both included and excluded",
      },
    ]);
  });

  it('rejects a domain that is both included and excluded', () => {
    expect(errorsOf(withPart('scope', { includeEmailDomains: ['Partner.io'] }))).toEqual([
      {
        field: 'scope.excludeEmailDomains[0]',
        message: "domain 'partner.io' cannot be both included and excluded",
      },
    ]);
  });

  it.each(['not a domain', 'example', '@example.com', 'exa_mple.com', '-example.com'])(
    'rejects the e-mail domain %p',
    (domain) => {
      expect(errorsOf(withPart('scope', { includeEmailDomains: [domain] }))).toEqual([
        {
          field: 'scope.includeEmailDomains[0]',
          message: `'${domain.toLowerCase()}' is not an e-mail domain such as example.com`,
        },
      ]);
    },
  );

  it('accepts multi-label and internationalised domains', () => {
    const result = validateRuleInput(
      withPart('scope', { includeEmailDomains: ['corp.example.co.uk', 'xn--bcher-kva.ch'] }),
      ctx,
    );
    expect(result.ok).toBe(true);
  });

  it('requires at least one account kind', () => {
    expect(errorsOf(withPart('scope', { accountKinds: [] }))).toEqual([
      { field: 'scope.accountKinds', message: 'at least one account kind is required' },
    ]);
  });

  it('rejects an unknown account kind', () => {
    expect(errorsOf(withPart('scope', { accountKinds: ['robots'] }))).toEqual([
      { field: 'scope.accountKinds[0]', message: 'account kind must be one of staff, external, customer' },
    ]);
  });

  it('rejects an inactivity product the site does not have, listing the choices', () => {
    expect(errorsOf(withPart('inactivity', { product: 'trello' }))).toEqual([
      {
        field: 'inactivity.product',
        message: "product 'trello' is not one of any, jira-software, jira-servicedesk",
      },
    ]);
  });

  it('accepts any product as the inactivity product', () => {
    expect(validateRuleInput(withPart('inactivity', { product: 'any' }), ctx).ok).toBe(true);
  });

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

  it.each([
    [{ frequency: 'daily', hourUtc: 24 }, 'schedule.hourUtc', 'hourUtc must be between 0 and 23'],
    [{ frequency: 'weekly', weekday: 7, hourUtc: 0 }, 'schedule.weekday', 'weekday must be between 0 and 6'],
    [
      { frequency: 'monthly', dayOfMonth: 29, hourUtc: 0 },
      'schedule.dayOfMonth',
      'dayOfMonth must be between 1 and 28',
    ],
    [
      { frequency: 'hourly' },
      'schedule.frequency',
      'frequency must be one of manual, daily, weekly, monthly',
    ],
  ])('rejects the schedule %p', (schedule, field, message) => {
    expect(errorsOf({ ...validInput(), schedule })).toEqual([{ field, message }]);
  });

  it('rejects schedule fields that do not belong to its frequency', () => {
    expect(errorsOf({ ...validInput(), schedule: { frequency: 'manual', hourUtc: 3 } })).toEqual([
      { field: 'schedule.hourUtc', message: "unknown field 'hourUtc'" },
    ]);
  });

  it.each([
    [{ maxUsersPerRun: 0 }, 'limits.maxUsersPerRun', 'maxUsersPerRun must be between 1 and 100000'],
    [{ maxUsersPerRun: 100_001 }, 'limits.maxUsersPerRun', 'maxUsersPerRun must be between 1 and 100000'],
    [
      { maxPercentOfScope: 0.05 },
      'limits.maxPercentOfScope',
      'maxPercentOfScope must be between 0.1 and 100',
    ],
    [{ maxPercentOfScope: 101 }, 'limits.maxPercentOfScope', 'maxPercentOfScope must be between 0.1 and 100'],
  ])('rejects the limits %p', (limits, field, message) => {
    expect(errorsOf(withPart('limits', limits))).toEqual([{ field, message }]);
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
        { field: 'inactivity.days', message: 'days must be between 1 and 3650' },
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

  it('accepts a warning period of 1 to 90 days', () => {
    expect(validateRuleInput({ ...validInput(), warning: { days: 1 } }, ctx)).toMatchObject({
      ok: true,
      rule: { warning: { days: 1 } },
    });
    expect(validateRuleInput({ ...validInput(), warning: { days: 90 } }, ctx)).toMatchObject({
      ok: true,
      rule: { warning: { days: 90 } },
    });
  });

  it('reads a rule without a warning field as acting without warning', () => {
    const withoutWarning = validInput();
    delete withoutWarning.warning;

    expect(validateRuleInput(withoutWarning, ctx)).toMatchObject({ ok: true, rule: { warning: null } });
  });

  it('rejects a warning period outside 1..90 days, naming warning.days', () => {
    expect(errorsOf({ ...validInput(), warning: { days: 0 } })).toEqual([
      { field: 'warning.days', message: 'days must be between 1 and 90' },
    ]);
    expect(errorsOf({ ...validInput(), warning: { days: 91 } })).toEqual([
      { field: 'warning.days', message: 'days must be between 1 and 90' },
    ]);
  });

  it('rejects a warning that is neither null nor an object with days', () => {
    expect(errorsOf({ ...validInput(), warning: 14 })).toEqual([
      { field: 'warning', message: 'warning must be null (act without warning) or an object with days' },
    ]);
    expect(errorsOf({ ...validInput(), warning: {} })).toEqual([
      { field: 'warning.days', message: 'days is required' },
    ]);
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
