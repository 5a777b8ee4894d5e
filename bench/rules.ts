/**
 * The bench's 20 rules, a realistic mix: the first is live and daily (the one the runs act with: external accounts
 * idle 60 days are suspended, about 4.5% of the sandbox's users), nine more cover most users (every staff and
 * external account, various products, thresholds and actions), and the rest are narrow (one department or team
 * group each). Only the first is scheduled, so a daily cycle is one scheduled run.
 */
import type { Group } from '../sandbox/org/orgEntities';
import type { InactivityCondition } from '../src/domain/rule';
import { inactivity, ruleInput, scope } from '../test/support/ruleInput';

type RuleInput = Record<string, unknown>;

/** A preview-only rule: the tests' rule input (all staff and external accounts, Jira idle 90 days, suspend). */
function rule(name: string, overrides: RuleInput & { inactivity?: Partial<InactivityCondition> }): RuleInput {
  return ruleInput({ name, mode: 'preview', ...overrides, inactivity: inactivity(overrides.inactivity) });
}

/** `capPerRun`: the live rule's limit of users per run. */
export function benchRules(
  sandbox: { ctx: { org: { groups: readonly Group[] } } },
  count: number,
  capPerRun: number,
): RuleInput[] {
  const narrowGroups = sandbox.ctx.org.groups
    .filter((g) => g.roleGrants.length === 0 && !g.name.startsWith('jira') && !g.name.includes('admin'))
    .slice(0, count - 10);
  const broad: RuleInput[] = [
    rule('Live: externals idle 60 days, suspend', {
      mode: 'live',
      scope: scope({ accountKinds: ['external'] }),
      inactivity: { days: 60 },
      schedule: { frequency: 'daily', hourUtc: 9 },
      limits: { maxUsersPerRun: capPerRun, maxPercentOfScope: 100 },
    }),
    rule('Any product idle 60 days', { inactivity: { product: 'any', days: 60 } }),
    rule('Any product idle 180 days', { inactivity: { product: 'any', days: 180 } }),
    rule('Jira idle 30 days, revoke Jira', {
      inactivity: { days: 30 },
      actions: [{ kind: 'revoke-product', product: 'jira-software' }],
    }),
    rule('Jira idle a year or never', { inactivity: { days: 365, includeNeverActive: true } }),
    rule('Service desk agents idle 45 days', { inactivity: { product: 'jira-servicedesk', days: 45 } }),
    rule('Confluence idle 90 days', { inactivity: { product: 'confluence', days: 90 } }),
    rule('Invited, never joined', {
      inactivity: { product: 'any', days: 365, includeInvitedNeverJoined: true, graceDays: 14 },
    }),
    rule('Staff idle 120 days', { scope: scope({ accountKinds: ['staff'] }), inactivity: { days: 120 } }),
    rule('Externals idle 45 days', {
      scope: scope({ accountKinds: ['external'] }),
      inactivity: { days: 45 },
    }),
  ];
  const narrow = narrowGroups.map((group) =>
    rule(`${group.name} idle 90 days`, { scope: scope({ includeGroupIds: [group.id] }) }),
  );
  return [...broad, ...narrow].slice(0, count);
}
