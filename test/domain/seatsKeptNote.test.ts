import { evaluateRule } from '../../src/domain/evaluation';
import { summarisePreview } from '../../src/domain/preview';
import { aContext, aRule, aUser, daysAgo, groupsById, PRODUCTS } from './builders';

const ctx = aContext();
const removeJiraUsers = aRule({ actions: [{ kind: 'remove-from-groups', groupIds: ['g-jira-users'] }] });
const idle = (accountId: string, groupIds: string[]) =>
  aUser({
    accountId,
    groupIds,
    products: [{ key: 'jira-software', resourceId: 'res-jira', lastActiveAt: daysAgo(200) }],
  });

function summaryOf(users: ReturnType<typeof idle>[]) {
  const evaluation = evaluateRule(users, removeJiraUsers, ctx);
  return summarisePreview(evaluation, {
    groupsById: groupsById(),
    products: PRODUCTS,
    users: new Map(users.map((u) => [u.accountId, u])),
  });
}
const notesOf = (users: ReturnType<typeof idle>[]) => summaryOf(users).notes;

it('says before acting how many selected users keep their seat because another path grants it', () => {
  const notes = notesOf([
    idle('u-two-paths', ['g-jira-users', 'g-okta-jira']),
    idle('u-one-path', ['g-jira-users']),
  ]);

  expect(notes).toContain(
    '1 selected user keeps a billable Jira seat after this run: another group or a direct role still grants it.',
  );
});

it('says nothing about kept seats when the run frees every seat it touches', () => {
  const notes = notesOf([idle('u-one-path', ['g-jira-users'])]);

  expect(notes.filter((note) => note.includes('keep'))).toEqual([]);
});

it('counts per product the selected users who keep their seat, for the act confirmation', () => {
  const summary = summaryOf([
    idle('u-two-paths', ['g-jira-users', 'g-okta-jira']),
    idle('u-one-path', ['g-jira-users']),
  ]);

  expect(summary.seatsFreedPerProduct.find((s) => s.productKey === 'jira-software')).toMatchObject({
    seatsFreed: 1,
    seatsKept: 1,
  });
});
