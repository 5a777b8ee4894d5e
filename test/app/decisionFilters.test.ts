import { resolverInputs } from '../../src/contract/inputs';
import { activityFilter, directoryPredicate } from '../../src/app/analysis/decisionFilters';
import type { DirectoryUser } from '../../src/domain/directory';
import { parsePayload } from '../../src/domain/invalidInput';
import { user } from '../store/fixtures';

const base = { previewId: 'p1', ruleId: 'r-1' };
const parse = (filters: Record<string, unknown>) =>
  parsePayload(resolverInputs.getPreviewDecisions, { ...base, ...filters });

function person(changes: Partial<DirectoryUser>): DirectoryUser {
  return { ...user(1), groupIds: ['g-sales'], ...changes };
}

describe('the decision filters at the boundary', () => {
  it('takes an e-mail domain with or without its @, in any case, as the lower-case domain', () => {
    expect(parse({ emailDomain: ' @Example.COM ' }).emailDomain).toBe('example.com');
  });

  it.each([
    [{ emailDomain: 'not a domain' }, /^emailDomain: must be a domain such as example\.com$/],
    [{ emailDomain: '@' }, /^emailDomain: must not be empty$/],
    [{ emailDomain: `${'a'.repeat(250)}.com` }, /^emailDomain: must be at most 253 characters$/],
    [{ groupId: ' ' }, /^groupId: must not be empty$/],
    [{ accountKinds: [] }, /^accountKinds: must name at least one account kind$/],
    [{ accountKinds: ['robot'] }, /^accountKinds\[0\]: must each be one of atlassian, app, customer$/],
    [{ activeFrom: 'last week' }, /^activeFrom: must be an ISO date/],
    [
      { activeFrom: '2026-02-01', activeTo: '2026-01-01' },
      /^activeTo: must not be before the start date \(2026-02-01\)$/,
    ],
    [{ neverActive: true, activeTo: '2026-01-01' }, /^neverActive: cannot be combined with a date range/],
  ])('refuses %j naming the field', (filters, message) => {
    expect(() => parse(filters)).toThrow(message);
  });
});

describe('the directory filters', () => {
  it('asks nothing of the directory when no directory filter is given', () => {
    expect(directoryPredicate(parse({ neverActive: true }))).toBeNull();
  });

  it('keeps users whose e-mail is at exactly that domain', () => {
    const keep = directoryPredicate(parse({ emailDomain: 'example.com' }))!;

    expect(keep(person({ email: 'Ana@EXAMPLE.com' }))).toBe(true);
    expect(keep(person({ email: 'ana@mail.example.com.evil.org' }))).toBe(false);
    expect(keep(person({ email: 'ana@notexample.com' }))).toBe(false);
    expect(keep(person({ email: null }))).toBe(false);
  });

  it('keeps members of the group only', () => {
    const keep = directoryPredicate(parse({ groupId: 'g-sales' }))!;

    expect(keep(person({ groupIds: ['g-ops', 'g-sales'] }))).toBe(true);
    expect(keep(person({ groupIds: ['g-ops'] }))).toBe(false);
  });

  it('keeps the account kinds asked for', () => {
    const keep = directoryPredicate(parse({ accountKinds: ['app', 'customer'] }))!;

    expect(keep(person({ accountType: 'customer' }))).toBe(true);
    expect(keep(person({ accountType: 'app' }))).toBe(true);
    expect(keep(person({ accountType: 'atlassian' }))).toBe(false);
  });

  it('keeps only users every given filter keeps', () => {
    const keep = directoryPredicate(parse({ emailDomain: 'example.com', accountKinds: ['atlassian'] }))!;

    expect(keep(person({ email: 'a@example.com', accountType: 'atlassian' }))).toBe(true);
    expect(keep(person({ email: 'a@example.com', accountType: 'app' }))).toBe(false);
  });
});

describe('the activity filter', () => {
  it('is absent when no activity filter is given', () => {
    expect(activityFilter(parse({}))).toBeUndefined();
  });

  it('is "never active" when asked', () => {
    expect(activityFilter(parse({ neverActive: true }))).toEqual({ never: true });
  });

  it('keeps an open end open', () => {
    expect(activityFilter(parse({ activeTo: '2026-01-31' }))).toEqual({ to: '2026-01-31' });
  });
});
