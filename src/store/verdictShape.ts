import type { Outcome, Verdict } from '../domain/decision';
import { wholeDaysBetween } from '../domain/dates';

/**
 * A verdict with the user's own facts taken out, so that users judged alike by a rule share one stored shape
 * (ADR 0017): the user's last activity on the rule's product and when they joined the org, and the whole days from
 * either to the moment of judging, become markers that `fillVerdict` puts back from the facts stored once per user.
 * A value that differs from the facts stays in the shape as it was: the shape always rebuilds the verdict exactly.
 */
export interface UserFacts {
  lastActiveAt: string | null;
  addedToOrg: string | null;
}

type Fact = 'lastActiveAt' | 'addedToOrg' | 'daysSinceLastActive' | 'daysSinceAdded';
interface Marker {
  $fact: Fact;
}

/** Which fact a field of this name repeats, and how to work it out from the user's facts. */
const FACT_FIELDS: Record<string, { fact: Fact; value: (facts: UserFacts, nowMs: number) => unknown }> = {
  lastActiveAt: { fact: 'lastActiveAt', value: (facts) => facts.lastActiveAt },
  addedToOrg: { fact: 'addedToOrg', value: (facts) => facts.addedToOrg },
  daysInactive: { fact: 'daysSinceLastActive', value: (facts, now) => daysSince(facts.lastActiveAt, now) },
  daysSinceAdded: { fact: 'daysSinceAdded', value: (facts, now) => daysSince(facts.addedToOrg, now) },
};
const FACT_VALUES = Object.fromEntries(Object.values(FACT_FIELDS).map((f) => [f.fact, f.value])) as Record<
  Fact,
  (facts: UserFacts, nowMs: number) => unknown
>;

function daysSince(iso: string | null, nowMs: number): number | null {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? wholeDaysBetween(ms, nowMs) : null;
}

/** The verdict's reasons, protections, exclusions and planned actions, with the user's facts as markers. */
export function verdictShape(verdict: Verdict, facts: UserFacts, nowMs: number): unknown {
  const { reasons, protections, exclusions, plannedActions } = verdict;
  return withMarkers({ reasons, protections, exclusions, plannedActions }, facts, nowMs);
}

function withMarkers(value: unknown, facts: UserFacts, nowMs: number): unknown {
  if (Array.isArray(value)) return value.map((item) => withMarkers(item, facts, nowMs));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    const known = FACT_FIELDS[field];
    out[field] =
      known && fieldValue !== null && fieldValue === known.value(facts, nowMs)
        ? ({ $fact: known.fact } satisfies Marker)
        : withMarkers(fieldValue, facts, nowMs);
  }
  return out;
}

/** The verdict a shape stands for, for the user with these facts. */
export function fillVerdict(
  shape: unknown,
  facts: UserFacts,
  nowMs: number,
  who: { accountId: string; ruleId: string; outcome: Outcome },
): Verdict {
  return { ...who, ...(filled(shape, facts, nowMs) as Omit<Verdict, 'accountId' | 'ruleId' | 'outcome'>) };
}

function filled(value: unknown, facts: UserFacts, nowMs: number): unknown {
  if (Array.isArray(value)) return value.map((item) => filled(item, facts, nowMs));
  if (typeof value !== 'object' || value === null) return value;
  const fact = (value as Partial<Marker>).$fact;
  if (fact !== undefined) return FACT_VALUES[fact](facts, nowMs);
  return Object.fromEntries(Object.entries(value).map(([field, v]) => [field, filled(v, facts, nowMs)]));
}
