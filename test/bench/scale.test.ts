import { measureScale, type ScaleResult } from '../../bench/scale';

const USERS = 1_500;
const PAGE_SIZE = 100;
const MAX_VALUE_BYTES = 240 * 1024;
let result: ScaleResult;

beforeAll(async () => {
  result = await measureScale({ users: USERS, latency: 'none', naiveSample: 200, capShare: 0.05 });
}, 120_000);

const searches = (phase: string) =>
  Object.entries(result.phases[phase]!.requestsByEndpoint)
    .filter(([route]) => route.endsWith('/users/search'))
    .reduce((sum, [, count]) => sum + count, 0);

test('the scan reads the directory in one users/search call per page of 100 users', () => {
  expect(searches('scan')).toBe(Math.ceil(USERS / PAGE_SIZE));
});

test('the scan costs a handful of Organizations API calls beyond its user pages', () => {
  expect(result.phases.scan!.orgApiCalls - Math.ceil(USERS / PAGE_SIZE)).toBeLessThanOrEqual(15);
});

test('the scan spends almost no Jira points: seats and permission checks only', () => {
  expect(result.phases.scan!.jiraPoints).toBeLessThan(50);
});

test('the analysis makes no Organizations API call: it evaluates the stored snapshot', () => {
  expect(result.phases.analysis!.orgApiCalls).toBe(0);
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

test('the scheduled run a day later acts only on users newly past the threshold, within its cap', () => {
  const { daily, live } = result.runs;
  expect(daily.state).toBe('completed');
  expect(daily.counts.planned).toBeLessThan(live.counts.planned);
  expect(daily.counts.succeeded).toBe(daily.counts.planned);
});

test('the daily cycle scans the directory once: its users/search calls are one scan plus the run’s re-checks', () => {
  const pages = Math.ceil(USERS / PAGE_SIZE);
  expect(searches('dailyCycle')).toBeGreaterThanOrEqual(pages);
  expect(searches('dailyCycle')).toBeLessThan(2 * pages);
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
  expect(result.naive.calls).toBe(USERS + Math.ceil(USERS / PAGE_SIZE));
  expect(result.naive.basis).toBe('modelled');
});
