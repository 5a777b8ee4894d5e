import { OrgRateLimits } from '../../../sandbox/orgapi';
import { buildFixtureOrg, NOW, ORG_ID, V2, startOrgApi, type OrgApiHarness } from './fixture';

let api: OrgApiHarness;
beforeEach(async () => {
  api = await startOrgApi(buildFixtureOrg(), new OrgRateLimits({ readsPerMinute: 3, writesPerMinute: 2 }));
});
afterEach(() => api.close());

const count = () => api.call('GET', `${V2}/users/count`);

it('sends X-RateLimit-Limit and X-RateLimit-Remaining on successful responses', async () => {
  const res = await count();
  expect(res.status).toBe(200);
  expect(res.headers.get('x-ratelimit-limit')).toBe('3');
  expect(res.headers.get('x-ratelimit-remaining')).toBe('2');
});

it('answers 429 with Retry-After, limit, remaining and an ISO reset once the endpoint budget is spent', async () => {
  for (let i = 0; i < 3; i++) expect((await count()).status).toBe(200);
  const res = await count();
  expect(res.status).toBe(429);
  expect(res.body.errors[0]).toEqual(expect.objectContaining({ status: '429' }));
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(res.headers.get('x-ratelimit-limit')).toBe('3');
  expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
  const reset = res.headers.get('x-ratelimit-reset')!;
  expect(new Date(reset).toISOString()).toBe(reset);
  expect(Date.parse(reset)).toBeGreaterThan(api.ctx.clock.now());
});

it('counts each 429 as rate-limited org-api traffic', async () => {
  for (let i = 0; i < 5; i++) await count();
  expect(api.ctx.stats.snapshot().rateLimited['org-api']).toBe(2);
});

it('keeps a separate budget per endpoint', async () => {
  for (let i = 0; i < 3; i++) await count();
  expect((await api.call('GET', `/admin/v2/orgs/${ORG_ID}/directories`)).status).toBe(200);
});

it('keeps a separate budget per key', async () => {
  for (let i = 0; i < 3; i++) await count();
  const scoped = await api.call('GET', `${V2}/users/stats`, { key: api.keys.scoped });
  expect(scoped.status).toBe(200);
  expect((await count()).status).toBe(429);
});

it('uses the write budget for changes', async () => {
  const res = await api.call('POST', `${V2}/users/licensed-1/suspend`);
  expect(res.headers.get('x-ratelimit-limit')).toBe('2');
});

it('recovers a minute after the requests that spent the budget', async () => {
  for (let i = 0; i < 4; i++) await count();
  api.ctx.clock.setNow(new Date(NOW + 61_000));
  const res = await count();
  expect(res.status).toBe(200);
  expect(res.headers.get('x-ratelimit-remaining')).toBe('2');
});

it('lets no 60 seconds hold more than the budget, across a minute boundary too', async () => {
  const minute = Math.ceil(NOW / 60_000) * 60_000;
  api.ctx.clock.setNow(new Date(minute - 2_000));
  for (let i = 0; i < 3; i++) expect((await count()).status).toBe(200);
  api.ctx.clock.setNow(new Date(minute + 2_000));

  expect((await count()).status).toBe(429);
});

it('applies a per-endpoint budget set through configure', async () => {
  api.limits.configure({
    perEndpoint: { 'GET /admin/v2/orgs/:orgId/directories/:directoryId/users/count': 1 },
  });
  expect((await count()).status).toBe(200);
  expect((await count()).status).toBe(429);
});

it('refuses an unknown setting in configure, naming it', () => {
  expect(() => api.limits.configure({ readsPerHour: 5 })).toThrow(/readsPerHour/);
});
