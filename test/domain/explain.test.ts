import type { Decision } from '../../src/domain/decision';
import { evaluateUser } from '../../src/domain/evaluation';
import { explainDecision } from '../../src/domain/explain';
import { NOW, PRODUCTS, aContext, aRule, aUser } from './builders';

const jira = { product: 'jira-software', products: PRODUCTS };

function decision(parts: Partial<Omit<Decision, 'explanation'>>): Omit<Decision, 'explanation'> {
  return {
    accountId: 'u-1',
    ruleId: 'rule-1',
    outcome: 'excluded',
    reasons: [],
    protections: [],
    exclusions: [],
    plannedActions: [],
    ...parts,
  };
}

describe('explainDecision', () => {
  it('explains an inactive user with the product name, dates and threshold', () => {
    const selected = decision({
      outcome: 'selected',
      reasons: [
        {
          code: 'inactive',
          product: 'jira-software',
          lastActiveAt: '2026-04-02T08:30:00.000Z',
          daysInactive: 234,
          thresholdDays: 90,
        },
      ],
    });
    expect(explainDecision(selected, jira)).toBe(
      'Last active in Jira on 2026-04-02, 234 days ago (threshold 90 days).',
    );
  });

  it('explains a user who never used the product', () => {
    const selected = decision({
      outcome: 'selected',
      reasons: [
        {
          code: 'never-active',
          product: 'jira-software',
          addedToOrg: '2026-01-05T00:00:00Z',
          daysSinceAdded: 321,
          graceDays: 30,
        },
      ],
    });
    expect(explainDecision(selected, jira)).toBe(
      'Never used Jira; added to the org on 2026-01-05, 321 days ago (grace 30 days).',
    );
  });

  it('explains an invited user who never joined', () => {
    const selected = decision({
      outcome: 'selected',
      reasons: [
        {
          code: 'invited-never-joined',
          addedToOrg: '2026-09-01T00:00:00Z',
          daysSinceAdded: 82,
          graceDays: 1,
        },
      ],
    });
    expect(explainDecision(selected, jira)).toBe(
      'Invited but never joined; added to the org on 2026-09-01, 82 days ago (grace 1 day).',
    );
  });

  it('lists every protection', () => {
    const protectedUser = decision({
      outcome: 'protected',
      protections: [
        { code: 'site-admin' },
        { code: 'protected-group', groupId: 'g-finance', groupName: 'finance-leads' },
      ],
    });
    expect(explainDecision(protectedUser, jira)).toBe(
      "Protected: site administrator; member of protected group 'finance-leads'.",
    );
  });

  it('says that no activity data is not inactivity', () => {
    const protectedUser = decision({ outcome: 'protected', protections: [{ code: 'no-activity-data' }] });
    expect(explainDecision(protectedUser, jira)).toBe(
      'Protected: no activity data for Jira, which is not the same as inactive (it may be a service account or a pending invitation).',
    );
  });

  it('explains an excluded group', () => {
    const excluded = decision({
      exclusions: [{ code: 'excluded-group', groupId: 'g-contractors', groupName: 'contractors' }],
    });
    expect(explainDecision(excluded, jira)).toBe("Excluded: member of excluded group 'contractors'.");
  });

  it('explains a recently active user', () => {
    const excluded = decision({
      exclusions: [
        {
          code: 'recently-active',
          product: 'jira-software',
          lastActiveAt: '2026-11-20T17:00:00Z',
          daysInactive: 2,
          thresholdDays: 90,
        },
      ],
    });
    expect(explainDecision(excluded, jira)).toBe(
      'Not inactive: last active in Jira on 2026-11-20, 2 days ago (threshold 90 days).',
    );
  });

  it('explains a user within the grace period', () => {
    const excluded = decision({
      exclusions: [
        { code: 'within-grace', addedToOrg: '2026-11-12T00:00:00Z', daysSinceAdded: 10, graceDays: 30 },
      ],
    });
    expect(explainDecision(excluded, jira)).toBe(
      'Within grace: never used Jira; added to the org on 2026-11-12, 10 days ago (grace 30 days).',
    );
  });

  it('explains why an inactive user would still not be acted on', () => {
    const excluded = decision({
      exclusions: [
        {
          code: 'nothing-to-change',
          selection: {
            code: 'inactive',
            product: 'any',
            lastActiveAt: '2026-01-01T00:00:00Z',
            daysInactive: 325,
            thresholdDays: 90,
          },
        },
      ],
    });
    expect(explainDecision(excluded, { product: 'any', products: PRODUCTS })).toBe(
      "Excluded: last active in any product on 2026-01-01, 325 days ago (threshold 90 days), but none of the rule's actions would change anything for this user.",
    );
  });

  it('lists several scope exclusions in one sentence', () => {
    const excluded = decision({
      exclusions: [
        { code: 'not-active-in-directory', status: 'suspended' },
        { code: 'email-domain-not-included', domain: null },
        { code: 'account-kind', kind: 'other' },
      ],
    });
    expect(explainDecision(excluded, jira)).toBe(
      'Excluded: suspended in the directory; no e-mail address, and the rule covers only some e-mail domains; app or unknown account, never in scope.',
    );
  });

  it('gives dates as the UTC day even for timestamps with an offset', () => {
    const selected = decision({
      outcome: 'selected',
      reasons: [
        {
          code: 'inactive',
          product: 'jira-software',
          lastActiveAt: '2026-04-02T23:30:00-05:00',
          daysInactive: 233,
          thresholdDays: 90,
        },
      ],
    });
    expect(explainDecision(selected, jira)).toBe(
      'Last active in Jira on 2026-04-03, 233 days ago (threshold 90 days).',
    );
  });

  it('falls back to the product key for a product the site does not list', () => {
    const excluded = decision({ exclusions: [{ code: 'no-access-to-product', product: 'trello' }] });
    expect(explainDecision(excluded, { product: 'trello', products: PRODUCTS })).toBe(
      'Excluded: no access to trello.',
    );
  });

  it('is what evaluation puts on each decision', () => {
    const judged = evaluateUser(aUser(), aRule(), aContext());
    const lastActive = new Date(NOW.getTime() - 200 * 86_400_000).toISOString().slice(0, 10);
    expect(judged.explanation).toBe(
      `Last active in Jira on ${lastActive}, 200 days ago (threshold 90 days).`,
    );
  });
});
