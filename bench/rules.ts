/**
 * The bench's 20 rules, a realistic mix: the first is live and daily (the one the runs act with: external accounts
 * idle 60 days are suspended, about 4.5% of the sandbox's users), nine more cover most users (every staff and
 * external account, various products, thresholds and actions), and the rest are narrow (one department or team
 * group each). Only the first is scheduled, so a daily cycle is one scheduled run.
 */
import type { RunningSandbox } from '../sandbox/start';

type RuleInput = Record<string, unknown>;

const STAFF_AND_EXTERNAL = ['staff', 'external'];

function rule(
  name: string,
  overrides: Partial<Record<string, unknown>> & { inactivity?: RuleInput },
): RuleInput {
  const { inactivity, ...rest } = overrides;
  return {
    name,
    enabled: true,
    mode: 'preview',
    scope: scopeOf({}),
    inactivity: {
      product: 'jira-software',
      days: 90,
      includeNeverActive: false,
      graceDays: 30,
      includeInvitedNeverJoined: false,
      ...inactivity,
    },
    actions: [{ kind: 'suspend' }],
    schedule: { frequency: 'manual' },
    limits: { maxUsersPerRun: 1000, maxPercentOfScope: 100 },
    ...rest,
  };
}

function scopeOf(overrides: RuleInput): RuleInput {
  return {
    includeGroupIds: [],
    excludeGroupIds: [],
    excludeAccountIds: [],
    includeEmailDomains: [],
    excludeEmailDomains: [],
    accountKinds: STAFF_AND_EXTERNAL,
    ...overrides,
  };
}

/** `capPerRun`: the live rule's limit of users per run. */
export function benchRules(sandbox: RunningSandbox, count: number, capPerRun: number): RuleInput[] {
  const narrowGroups = sandbox.ctx.org.groups
    .filter((g) => g.roleGrants.length === 0 && !g.name.startsWith('jira') && !g.name.includes('admin'))
    .slice(0, count - 10);
  const broad: RuleInput[] = [
    rule('Live: externals idle 60 days, suspend', {
      mode: 'live',
      scope: scopeOf({ accountKinds: ['external'] }),
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
    rule('Staff idle 120 days', { scope: scopeOf({ accountKinds: ['staff'] }), inactivity: { days: 120 } }),
    rule('Externals idle 45 days', {
      scope: scopeOf({ accountKinds: ['external'] }),
      inactivity: { days: 45 },
    }),
  ];
  const narrow = narrowGroups.map((group) =>
    rule(`${group.name} idle 90 days`, { scope: scopeOf({ includeGroupIds: [group.id] }) }),
  );
  return [...broad, ...narrow].slice(0, count);
}
