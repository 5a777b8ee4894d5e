import type { Verdict } from '../../src/domain/decision';
import { fillVerdict, verdictShape } from '../../src/store/verdictShape';

const NOW_MS = Date.parse('2026-11-22T09:00:00.000Z');
const who = (accountId: string): Pick<Verdict, 'accountId' | 'ruleId' | 'outcome'> => ({
  accountId,
  ruleId: 'r-1',
  outcome: 'selected',
});

const DAY_MS = 86_400_000;

/** Selected as inactive since `lastActiveAt`; the days as evaluation counts them unless given. */
function selected(
  accountId: string,
  lastActiveAt: string,
  daysInactive = Math.floor((NOW_MS - Date.parse(lastActiveAt)) / DAY_MS),
): Verdict {
  return {
    ...who(accountId),
    reasons: [{ code: 'inactive', product: 'jira-software', lastActiveAt, daysInactive, thresholdDays: 90 }],
    protections: [],
    exclusions: [],
    plannedActions: [{ kind: 'suspend' }],
  };
}

test('users judged alike share one shape whatever their own activity', () => {
  const a = selected('a', '2026-01-02T10:00:00.000Z');
  const b = selected('b', '2025-06-30T23:59:00.000Z');

  const shapeA = verdictShape(a, { lastActiveAt: '2026-01-02T10:00:00.000Z', addedToOrg: null }, NOW_MS);
  const shapeB = verdictShape(b, { lastActiveAt: '2025-06-30T23:59:00.000Z', addedToOrg: null }, NOW_MS);

  expect(JSON.stringify(shapeA)).toBe(JSON.stringify(shapeB));
});

test('a shape filled with the same facts gives back exactly the verdict, values unlike the facts included', () => {
  const verdict: Verdict = {
    ...selected('a', '2026-01-02T10:00:00.000Z', 999),
    exclusions: [],
    protections: [{ code: 'protected-group', groupId: 'g-1', groupName: 'Admins' }],
  };
  const facts = { lastActiveAt: '2026-01-02T10:00:00.000Z', addedToOrg: '2020-01-01T00:00:00.000Z' };

  const shape = JSON.parse(JSON.stringify(verdictShape(verdict, facts, NOW_MS))) as unknown;

  expect(fillVerdict(shape, facts, NOW_MS, who('a'))).toEqual(verdict);
});
