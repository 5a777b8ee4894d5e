import type { DirectoryGroup, DirectoryUser } from '../../src/domain/directory';
import type { Outcome, Verdict } from '../../src/domain/decision';
import { explainDecision, type ExplainContext } from '../../src/domain/explain';
import type { PreviewDecision } from '../../src/store/previewStore';
import type { PreviewEntry } from '../../src/store/previewWriter';
import { aDirectoryUser } from '../support/directoryUser';

const uuid = (n: number, salt: number) =>
  `${(n * 2654435761 + salt).toString(16).padStart(8, '0').slice(-8)}-4b1c-4a2e-9f3d-${String(n).padStart(12, '0')}`;

export const groupId = (n: number) => uuid(n, 7);

/** A directory user with a long name, 60 groups and three products: about 3 KB of JSON. */
export function user(n: number): DirectoryUser {
  return aDirectoryUser({
    accountId: `712020:${uuid(n, 1)}`,
    name: `Maximiliane Aurelia von Hohenzollern-Sigmaringen-Wittelsbach ${n} (Contractor, EMEA Finance)`,
    email: `maximiliane.aurelia.hohenzollern.${n}@subsidiary.example-enterprise-holdings.com`,
    addedToOrg: '2021-03-04T05:06:07.000Z',
    platformRoles: n % 50 === 0 ? ['atlassian/site-admin'] : [],
    groupIds: Array.from({ length: 60 }, (_, g) => groupId((n + g) % 3000)),
    products: ['jira-software', 'jira-servicedesk', 'confluence'].map((key, p) => ({
      key,
      resourceId: `ari:cloud:platform::site/${uuid(p, 3)}`,
      lastActiveAt: n % 7 === 0 ? null : '2025-11-02T09:00:00.000Z',
    })),
  });
}

export function users(count: number, first = 0): DirectoryUser[] {
  return Array.from({ length: count }, (_, i) => user(first + i));
}

export function group(n: number): DirectoryGroup {
  return {
    id: groupId(n),
    name: `Department ${n} — Regional Operations, Compliance & "Special" Projects`,
    syncedFromIdp: n % 3 === 0,
    grants: [{ resourceId: `ari:cloud:platform::site/${uuid(1, 3)}`, roleId: 'atlassian/user' }],
  };
}

export function decision(n: number, ruleId: string, outcome: Outcome): PreviewDecision {
  const verdict: Verdict = {
    accountId: user(n).accountId,
    ruleId,
    outcome,
    reasons:
      outcome === 'selected'
        ? [
            {
              code: 'inactive',
              product: 'jira-software',
              lastActiveAt: '2025-01-01T00:00:00.000Z',
              daysInactive: 400,
              thresholdDays: 90,
            },
          ]
        : [],
    protections: outcome === 'protected' ? [{ code: 'site-admin' }] : [],
    exclusions:
      outcome === 'excluded'
        ? [
            {
              code: 'recently-active',
              product: 'jira-software',
              lastActiveAt: '2026-01-01T00:00:00.000Z',
              daysInactive: 3,
              thresholdDays: 90,
            },
          ]
        : [],
    plannedActions: outcome === 'selected' ? [{ kind: 'suspend' }] : [],
  };
  return {
    ...verdict,
    explanation: explainDecision(verdict, DECISION_EXPLAIN),
    name: `User ${String(n).padStart(5, '0')}`,
    lastActiveAt: n % 7 === 0 ? null : new Date(Date.UTC(2025, 0, 1) + (n % 97) * 86_400_000).toISOString(),
  };
}

/** What the decisions above are put into words with. */
export const DECISION_EXPLAIN: ExplainContext = {
  product: 'jira-software',
  products: [{ key: 'jira-software', name: 'Jira', resourceId: 'res-jira' }],
};

/** Decisions per rule as `PreviewStore.save` takes them. */
export function previewRules(
  decisionsByRule: Record<string, PreviewDecision[]>,
): Record<string, { explain: ExplainContext; entries: PreviewEntry[] }> {
  return Object.fromEntries(
    Object.entries(decisionsByRule).map(([ruleId, decisions]) => [
      ruleId,
      {
        explain: DECISION_EXPLAIN,
        entries: decisions.map(({ explanation: _, name, lastActiveAt, ...verdict }) => ({
          verdict,
          name,
          lastActiveAt,
        })),
      },
    ]),
  );
}
