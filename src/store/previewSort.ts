/** The orders and the search a page of preview decisions can ask for. */
import type { Outcome } from '../domain/decision';
import type { Row } from './previewCodec';
import type { ActivityFilter, DecisionSort, PreviewDecision } from './previewRow';

const OUTCOME_RANK: Record<Outcome, number> = { selected: 0, protected: 1, excluded: 2 };

/** Sorts that the roster's order answers: by name (its order) or by outcome, ties by name. */
export function compareByPosition(sort: DecisionSort): (a: Row, b: Row) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.by === 'outcome') {
    return (a, b) => sign * (OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome]) || a.position - b.position;
  }
  return (a, b) => sign * (a.position - b.position);
}

/** Never active sorts as the oldest activity; ties go by name, as the roster orders users. */
export function compareDecisions(
  sort: DecisionSort,
): (a: { row: Row; decision: PreviewDecision }, b: { row: Row; decision: PreviewDecision }) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.by !== 'lastActive') {
    const byPosition = compareByPosition(sort);
    return (a, b) => byPosition(a.row, b.row);
  }
  return (a, b) =>
    sign * (a.decision.lastActiveAt ?? '').localeCompare(b.decision.lastActiveAt ?? '') ||
    a.row.position - b.row.position;
}

export function matches(decision: PreviewDecision, needle: string): boolean {
  return (
    decision.accountId.toLowerCase().includes(needle) ||
    decision.name.toLowerCase().includes(needle) ||
    decision.explanation.toLowerCase().includes(needle)
  );
}

/** Whether a last activity falls in the filter: never active, or within from..to (a bare date `to` takes its day). */
export function activityMatches(lastActiveAt: string | null, filter: ActivityFilter): boolean {
  if (filter.never) return lastActiveAt === null;
  if (lastActiveAt === null) return false;
  const at = Date.parse(lastActiveAt);
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  return filter.to === undefined || at < endOf(filter.to);
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The first instant after `to`: a bare date means to the end of that day (UTC). */
function endOf(to: string): number {
  return DATE_ONLY.test(to) ? Date.parse(to) + DAY_MS : Date.parse(to) + 1;
}
