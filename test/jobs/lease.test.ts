import { claimLease, holdsLease, isLeased, LEASE_MS } from '../../src/jobs/lease';
import { MemoryStore } from './memoryStore';

const NOW = new Date('2026-03-01T10:00:00Z');

test('of deliveries claiming one event at once, exactly one holds the lease', async () => {
  const store = new MemoryStore();

  const claims = await Promise.all(Array.from({ length: 8 }, () => claimLease(store, 'job-1', 4, NOW)));

  expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
});

test('a lease is claimed with one atomic create and no read', async () => {
  const store = new MemoryStore();
  const creates = jest.spyOn(store, 'create');
  const gets = jest.spyOn(store, 'get');

  await claimLease(store, 'job-1', 0, NOW);

  expect(creates).toHaveBeenCalledTimes(1);
  expect(gets).not.toHaveBeenCalled();
});

test('a claim that meets a live lease says how long it has left', async () => {
  const store = new MemoryStore();
  await claimLease(store, 'job-1', 0, NOW);

  const later = await claimLease(store, 'job-1', 0, new Date(NOW.getTime() + 60_000));

  expect(later).toEqual({ claimed: false, expiresInMs: LEASE_MS - 60_000 });
});

test('an expired lease is taken over by the next generation, and its old holder no longer holds it', async () => {
  const store = new MemoryStore();
  const dead = await claimLease(store, 'job-1', 0, NOW);
  const expired = new Date(NOW.getTime() + LEASE_MS);

  const successor = await claimLease(store, 'job-1', 0, expired);

  expect(successor).toMatchObject({ claimed: true, lease: { generation: 1 } });
  expect(dead.claimed && (await holdsLease(store, dead.lease))).toBe(false);
  expect(successor.claimed && (await holdsLease(store, successor.lease))).toBe(true);
});

test('an event is leased while its latest claim is live, and not once that claim has expired', async () => {
  const store = new MemoryStore();
  await claimLease(store, 'job-1', 0, NOW);

  expect(await isLeased(store, 'job-1', 0, NOW)).toBe(true);
  expect(await isLeased(store, 'job-1', 0, new Date(NOW.getTime() + LEASE_MS))).toBe(false);
  expect(await isLeased(store, 'job-1', 1, NOW)).toBe(false);
});
