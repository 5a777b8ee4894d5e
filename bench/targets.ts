/**
 * The targets at 100,000 users (realistic latency, real limits on), each checked against one size's summary.
 * The README table is rendered from these, so a target's wording, its check and the figure shown never part.
 */
import { FORGE_LIMITS } from '../src/platform/forgeLimits';
import { SUMMARY_PHASES, type BenchSummary, type SizeSummary, type SummaryPhase } from './summary';

/** What the README reads from `scale-<N>.json` beside the summary (figures the summary's fixed shape has no room for). */
export interface ScaleDetail {
  totalWallClockMs?: number;
  phases: Record<
    string,
    {
      requestsByEndpoint: Record<string, number>;
      wallClockMs: number;
      invocations: Record<string, { count: number }>;
    }
  >;
}

export interface Measured {
  users: number;
  size: SizeSummary;
  limits: BenchSummary['orgApiLimits'];
  detail: ScaleDetail | null;
}

export interface Verdict {
  shown: string;
  met: boolean;
}

export interface Target {
  figure: string;
  target: string;
  check(m: Measured): Verdict;
}

const USERS_PER_SEARCH_PAGE = 100;
const QUOTA_SHARE = 0.8;
const DAILY_JIRA_POINTS = 65_000;
const INVOCATION_SHARE_PCT = 60;
const HEAP_MB = 256;

const peakReadUnits = Math.round(FORGE_LIMITS.kvs.readUnitsPerMinute * QUOTA_SHARE);
const peakWriteUnits = Math.round(FORGE_LIMITS.kvs.writeUnitsPerMinute * QUOTA_SHARE);

export const TARGETS: Target[] = [
  {
    figure: '`users/search` calls in a scan',
    target: 'exactly ⌈N / 100⌉; all scan calls ≤ 1.1 × that',
    check: ({ users, size, detail }) => {
      const pages = Math.ceil(users / USERS_PER_SEARCH_PAGE);
      const searches = detail ? usersSearchCalls(detail, 'scan') : null;
      const all = size.phases.scan.orgApiCalls;
      return {
        shown: `${searches === null ? '?' : n(searches)} of ${n(pages)}; ${n(all)} in all (≤ ${n(Math.floor(1.1 * pages))})`,
        met: searches === pages && all <= 1.1 * pages,
      };
    },
  },
  {
    figure: 'calls against the naive script on the same org',
    target: '≥ 100 × fewer',
    check: ({ size }) => ({
      shown: `${size.naive.callsRatio}× fewer (${n(size.naive.orgApiCalls)} vs ${n(size.phases.scan.orgApiCalls)})`,
      met: size.naive.callsRatio >= 100,
    }),
  },
  {
    figure: 'snapshot bytes per user',
    target: '≤ 100',
    check: ({ size }) => ({ shown: n(size.snapshotBytesPerUser), met: size.snapshotBytesPerUser <= 100 }),
  },
  {
    figure: 'peak storage units in any minute, any phase',
    target: `≤ ${n(peakReadUnits)} each way (80 %)`,
    check: ({ size }) => {
      const reads = peakOf(size, (p) => p.peakKvsReadUnitsPerMinute);
      const writes = peakOf(size, (p) => p.peakKvsWriteUnitsPerMinute);
      return {
        shown: `reads ${n(reads.value)} (${reads.phase}), writes ${n(writes.value)} (${writes.phase})`,
        met: reads.value <= peakReadUnits && writes.value <= peakWriteUnits,
      };
    },
  },
  {
    figure: 'storage write units per user acted on',
    target: '≤ 3',
    check: ({ size }) => {
      const run = size.phases.liveRun;
      const acted = run.usersActed ?? 0;
      const perUser = acted > 0 ? run.kvsWriteUnits / acted : Infinity;
      return {
        shown: `${acted > 0 ? perUser.toFixed(2) : 'no user acted on'} (${n(run.kvsWriteUnits)} units, ${n(acted)} users)`,
        met: perUser <= 3,
      };
    },
  },
  {
    figure: 'analysis with 20 rules, write units',
    target: '≤ 2,000',
    check: ({ size }) => ({
      shown: n(size.phases.analysis.kvsWriteUnits),
      met: size.phases.analysis.kvsWriteUnits <= 2_000,
    }),
  },
  {
    figure: '`countRule`',
    target: '≤ 1,000 read units, < 5 s',
    check: ({ size }) => {
      const count = size.phases.countRule;
      return {
        shown: `${n(count.kvsReadUnits)} units, ${count.platformSeconds} s`,
        met: count.kvsReadUnits <= 1_000 && count.platformSeconds < 5,
      };
    },
  },
  {
    figure: 'live run on the backlog (~4,500 users at 100,000)',
    target: 'platform time ≤ 1.25 × the Organizations API floor + 1 min',
    check: ({ size, limits }) => {
      const run = size.phases.liveRun;
      const floorMinutes = Math.max(
        run.orgApiWrites / limits.writesPerMinute,
        run.orgApiReads / limits.readsPerMinute,
      );
      const allowedMinutes = 1.25 * floorMinutes + 1;
      const minutes = run.platformSeconds / 60;
      return {
        shown: `${minutes.toFixed(1)} min for ${n(run.usersActed ?? 0)} users (floor ${floorMinutes.toFixed(1)} min, so ≤ ${allowedMinutes.toFixed(1)})`,
        met: minutes <= allowedMinutes,
      };
    },
  },
  {
    figure: 'daily cycle Jira points',
    target: `< 1 % of ${n(DAILY_JIRA_POINTS)}`,
    check: ({ size }) => {
      const points = size.phases.dailyCycle.jiraPoints;
      return {
        shown: `${n(points)} (${((100 * points) / DAILY_JIRA_POINTS).toFixed(2)} %)`,
        met: points < DAILY_JIRA_POINTS / 100,
      };
    },
  },
  {
    figure: 'longest invocation',
    target: `≤ ${INVOCATION_SHARE_PCT} % of its time limit and of its egress budget`,
    check: ({ size }) => {
      const time = peakOf(size, (p) => p.longestInvocationPctOfLimit);
      const egress = peakOf(size, (p) =>
        p.egressBudgetPerInvocation > 0 ? (100 * p.maxEgressPerInvocation) / p.egressBudgetPerInvocation : 0,
      );
      return {
        shown: `${time.value} % of time (${time.phase}), ${Math.round(egress.value)} % of egress (${egress.phase})`,
        met: time.value <= INVOCATION_SHARE_PCT && egress.value <= INVOCATION_SHARE_PCT,
      };
    },
  },
  {
    figure: 'peak heap in one invocation',
    target: `≤ ${HEAP_MB} MB`,
    check: ({ size }) => {
      const heap = peakOf(size, (p) => p.peakHeapMbPerInvocation);
      return { shown: `${n(heap.value)} MB (${heap.phase})`, met: heap.value <= HEAP_MB };
    },
  },
];

export function usersSearchCalls(detail: ScaleDetail, phase: string): number {
  return Object.entries(detail.phases[phase]?.requestsByEndpoint ?? {})
    .filter(([route]) => route.endsWith('/users/search'))
    .reduce((sum, [, count]) => sum + count, 0);
}

function peakOf(
  size: SizeSummary,
  figure: (p: SizeSummary['phases'][SummaryPhase]) => number,
): { value: number; phase: SummaryPhase } {
  return SUMMARY_PHASES.map((phase) => ({ value: figure(size.phases[phase]), phase })).reduce((a, b) =>
    b.value > a.value ? b : a,
  );
}

/** A count as the README writes it: 4,558. */
export function n(value: number): string {
  return value.toLocaleString('en-US');
}
