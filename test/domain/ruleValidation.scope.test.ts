import { validateRuleInput } from '../../src/domain/ruleValidation';
import { ctx, withPart, errorsOf } from './ruleValidationFixtures';

describe('validateRuleInput: inactivity and scope', () => {
  it.each([0, 3651])('rejects %p inactivity days', (days) => {
    expect(errorsOf(withPart('inactivity', { days }))).toEqual([
      { field: 'inactivity.days', message: 'Days without activity must be a whole number from 1 to 3,650' },
    ]);
  });

  it('rejects fractional days', () => {
    expect(errorsOf(withPart('inactivity', { days: 1.5 }))).toEqual([
      { field: 'inactivity.days', message: 'Days without activity must be a whole number' },
    ]);
  });

  it('rejects grace days outside 0..3650', () => {
    expect(errorsOf(withPart('inactivity', { graceDays: -1 }))).toEqual([
      {
        field: 'inactivity.graceDays',
        message: 'Grace days for new accounts must be a whole number from 0 to 3,650',
      },
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
});
