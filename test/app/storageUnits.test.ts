import { callUseCase } from '../../src/edge/resolvers';
import type { Services } from '../../src/app/services';
import { storageUnitsFor } from '../../src/platform/forgeLimits';
import { ruleInput } from '../support/ruleInput';
import { pageOfDecisions, storagePhases, type StoragePhases } from '../support/storagePhases';
import type { UnitCountingStore } from '../support/unitCountingStore';

/*
 * Storage units per phase on a generated org of 10,000 users, scaled to 100,000 (ADR 0017). Forge counts a unit per
 * started 10 KB of each request; at this size rounding makes every figure a little higher than at 100,000 users.
 */
const USERS = 10_000;
const TARGET_USERS = 100_000;
const scaled = (units: number) => (units * TARGET_USERS) / phases.users;

let kv: UnitCountingStore;
let services: Services;
let phases: StoragePhases;

beforeAll(async () => {
  phases = await storagePhases(USERS);
  ({ kv, services } = phases);
}, 120_000);

test('a snapshot stores at most 100 bytes a user', () => {
  const bytes = kv.bytesUnder('snap:');

  expect(bytes / phases.users).toBeLessThanOrEqual(100);
});

test('a scan writes at most 1,000 units per 100,000 users', () => {
  expect(scaled(phases.scan.write)).toBeLessThanOrEqual(1_000);
});

test('an analysis of 20 rules writes at most 2,000 units per 100,000 users', () => {
  expect(scaled(phases.analysis.write)).toBeLessThanOrEqual(2_000);
});

test('an analysis reads the snapshot about once', () => {
  expect(phases.analysis.read).toBeLessThanOrEqual(1.2 * storageUnitsFor(kv.bytesUnder('snap:')) + 20);
});

test('countRule reads at most 1,000 units per 100,000 users', async () => {
  const units = await kv.measure(() => callUseCase('countRule', services, { rule: ruleInput() }, 'admin-1'));

  expect(scaled(units.read)).toBeLessThanOrEqual(1_000);
  expect(units.write).toBe(0);
});

test('a user search that matches nobody reads under a third of what the snapshot holds', async () => {
  const snapshotUnits = storageUnitsFor(kv.bytesUnder('snap:'));

  const units = await kv.measure(() =>
    callUseCase('searchUsers', services, { query: 'zzzz-nobody' }, 'admin-1'),
  );

  expect(units.read).toBeLessThan(snapshotUnits / 3);
  expect(units.write).toBe(0);
});

test('a group search reads the groups and their sizes only', async () => {
  const units = await kv.measure(() => callUseCase('searchGroups', services, { query: 'a' }, 'admin-1'));

  expect(units.read).toBeLessThanOrEqual(10);
});

// The page reads the roster blocks its 500 rows fall in: a few, whatever the size of the org.
test('a page of 500 decisions sorted by name reads under a third of what the snapshot holds', async () => {
  const snapshotUnits = storageUnitsFor(kv.bytesUnder('snap:'));

  const units = await kv.measure(() => pageOfDecisions(phases, { by: 'name', direction: 'asc' }));

  expect(units.read).toBeLessThan(snapshotUnits / 3);
});
