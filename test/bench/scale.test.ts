import { measureScale, type ScaleResult } from '../../bench/scale';
import { mergeSummary, SUMMARY_PHASES, sizeSummary, type SizeSummary } from '../../bench/summary';
import { usersSearchCalls } from '../../bench/targets';
import { FORGE_LIMITS } from '../../src/platform/forgeLimits';

const USERS = 1_500;
const TARGET_USERS = 100_000;
const PAGE_SIZE = 100;
const RULES = 20;
const MAX_VALUE_BYTES = 240 * 1024;
/** The storage targets at 100,000 users, scaled down to this org. */
const scaled = (unitsAt100k: number) => (unitsAt100k * USERS) / TARGET_USERS;
let result: ScaleResult;
let summary: SizeSummary;

beforeAll(async () => {
  result = await measureScale({ users: USERS, latency: 'none', naiveSample: 200, capShare: 0.05 });
  summary = sizeSummary(result);
}, 120_000);

const searches = (phase: string) => usersSearchCalls(result, phase);
const pages = Math.ceil(USERS / PAGE_SIZE);

test('the scan reads the directory in one users/search call per page of 100 users', () => {
  expect(searches('scan')).toBe(pages);
});

// The 100,000-user target (all scan calls ≤ 1.1 × the user pages) leaves 100 calls for groups and role checks,
// which grow with the org's groups, not its users: at 1,500 users they alone are more than 10 % of 15 pages.
test('beyond its user pages, the scan makes no more calls than the 100,000-user target allows', () => {
  const allowance = 0.1 * Math.ceil(TARGET_USERS / PAGE_SIZE);
  expect(result.phases.scan!.orgApiCalls - pages).toBeLessThanOrEqual(allowance);
});

test('the scan lists groups 100 to a page and reads role assignments only of the groups that grant a product', () => {
  const calls = (endpoint: string) =>
    Object.entries(result.phases.scan!.requestsByEndpoint)
      .filter(([route]) => route.endsWith(endpoint))
      .reduce((sum, [, count]) => sum + count, 0);

  expect(calls('/groups/search')).toBe(Math.ceil(result.groups.total / PAGE_SIZE));
  expect(calls('/groups/:groupId/role-assignments')).toBe(result.groups.grantingProducts);
});

test('the scan spends almost no Jira points: seats and permission checks only', () => {
  expect(result.phases.scan!.jiraPoints).toBeLessThan(50);
});

test('the analysis makes no Organizations API call: it evaluates the stored snapshot', () => {
  expect(result.phases.analysis!.orgApiCalls).toBe(0);
});

test('the snapshot stores at most 100 bytes per user', () => {
  expect(result.snapshot.bytesPerUser).toBeLessThanOrEqual(100);
});

// Whatever the org's size, an analysis writes a few values per rule (its rows and summary) and per job.
test('the analysis with 20 rules writes its share of 2,000 units, beside a few units per rule', () => {
  expect(summary.phases.analysis.kvsWriteUnits).toBeLessThanOrEqual(scaled(2_000) + 3 * RULES);
});

test('countRule reads its share of 1,000 units and a few fixed records, not the snapshot', () => {
  expect(summary.phases.countRule.kvsReadUnits).toBeLessThanOrEqual(scaled(1_000) + 10);
});

test('the live run suspends everyone the live rule selected, within its cap of 5% of the users', () => {
  const suspends = Object.entries(result.phases.liveRun!.requestsByEndpoint).find(([route]) =>
    route.endsWith('/suspend'),
  );
  expect(result.runs.live.state).toBe('completed');
  expect(suspends?.[1]).toBe(result.runs.live.counts.planned);
  expect(result.runs.live.counts.planned).toBeGreaterThan(0);
  expect(result.runs.live.counts.planned).toBeLessThanOrEqual(Math.round(USERS * 0.05));
});

test('the live run writes at most 3 storage units per user it acts on, audit included', () => {
  const run = summary.phases.liveRun;
  expect(run.usersActed).toBe(result.runs.live.counts.succeeded);
  expect(run.kvsWriteUnits).toBeLessThanOrEqual(3 * run.usersActed!);
});

test('the scheduled run a day later acts only on users newly past the threshold, within its cap', () => {
  const { daily, live } = result.runs;
  expect(daily.state).toBe('completed');
  expect(daily.counts.planned).toBeLessThan(live.counts.planned);
  expect(daily.counts.succeeded).toBe(daily.counts.planned);
});

test('the daily cycle scans the directory once: its users/search calls are one scan plus the run’s re-checks', () => {
  expect(searches('dailyCycle')).toBeGreaterThanOrEqual(pages);
  expect(searches('dailyCycle')).toBeLessThan(2 * pages);
});

test('no phase spends more than 80% of a storage quota in any minute, nor has a storage call throttled', () => {
  for (const phase of SUMMARY_PHASES) {
    const figures = summary.phases[phase];
    expect(figures.peakKvsReadUnitsPerMinute).toBeLessThanOrEqual(0.8 * FORGE_LIMITS.kvs.readUnitsPerMinute);
    expect(figures.peakKvsWriteUnitsPerMinute).toBeLessThanOrEqual(
      0.8 * FORGE_LIMITS.kvs.writeUnitsPerMinute,
    );
    expect(figures.kvsThrottled).toBe(0);
  }
});

test('no invocation in any phase makes more egress calls than its budget', () => {
  for (const phase of Object.values(result.phases)) {
    for (const figures of Object.values(phase.invocations)) {
      expect(figures.egressBudget).toBeGreaterThan(0);
      expect(figures.maxEgress).toBeLessThanOrEqual(figures.egressBudget);
    }
  }
});

test('no invocation in any phase runs over 60% of its time limit', () => {
  for (const phase of Object.values(result.phases)) {
    for (const figures of Object.values(phase.invocations))
      expect(figures.longestOfLimitPct).toBeLessThan(60);
  }
});

test('no stored value is over 240 KiB and no invoke answer over 5 MB', () => {
  for (const phase of Object.values(result.phases)) {
    expect(phase.storage.largestValueBytes).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    expect(phase.largestInvokeResponseBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  }
});

test('the naive baseline makes one call per user plus its list pages', () => {
  expect(result.naive.calls).toBe(USERS + pages);
  expect(result.naive.basis).toBe('modelled');
  expect(summary.naive).toEqual({
    orgApiCalls: USERS + pages,
    callsRatio: Math.round((10 * (USERS + pages)) / result.phases.scan!.orgApiCalls) / 10,
  });
});

test('the summary of a size has exactly the fields summary.json promises, usersActed on run phases only', () => {
  expect(Object.keys(summary).sort()).toEqual(['latency', 'naive', 'phases', 'snapshotBytesPerUser']);
  expect(Object.keys(summary.phases)).toEqual([...SUMMARY_PHASES]);
  const fields = [
    'orgApiCalls',
    'orgApiReads',
    'orgApiWrites',
    'jiraPoints',
    'platformSeconds',
    'kvsReadUnits',
    'kvsWriteUnits',
    'peakKvsReadUnitsPerMinute',
    'peakKvsWriteUnitsPerMinute',
    'kvsThrottled',
    'maxEgressPerInvocation',
    'egressBudgetPerInvocation',
    'longestInvocationPctOfLimit',
    'peakHeapMbPerInvocation',
  ];
  for (const phase of SUMMARY_PHASES) {
    const runPhase = phase === 'liveRun' || phase === 'dailyCycle';
    expect(Object.keys(summary.phases[phase]).sort()).toEqual(
      [...fields, ...(runPhase ? ['usersActed'] : [])].sort(),
    );
  }
});

test('Organizations API calls split into reads and writes: the scan only reads, the live run writes once per user', () => {
  const scan = summary.phases.scan;
  expect(scan.orgApiReads + scan.orgApiWrites).toBe(scan.orgApiCalls);
  expect(scan.orgApiWrites).toBe(0);
  expect(summary.phases.liveRun.orgApiWrites).toBe(result.runs.live.counts.planned);
});

test('measuring one size replaces its entry in summary.json and keeps every other size’s', () => {
  const other = { ...summary, latency: 'from an earlier run' };
  const previous = {
    measuredAt: '2026-01-01T00:00:00.000Z',
    machine: {},
    orgApiLimits: result.orgApiLimits,
    sizes: { '100000': other, [String(USERS)]: other },
  };
  const merged = mergeSummary(previous, result, {
    at: new Date('2026-12-04T10:00:00Z'),
    machine: { cpus: 2 },
  });
  expect(merged.sizes['100000']).toBe(other);
  expect(merged.sizes[String(USERS)]).toEqual(summary);
  expect(Object.keys(merged.sizes)).toEqual([String(USERS), '100000']);
  expect(merged.measuredAt).toBe('2026-12-04T10:00:00.000Z');
  expect(merged.orgApiLimits).toEqual({ readsPerMinute: 1_000, writesPerMinute: 300 });
});
