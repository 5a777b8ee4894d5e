import { RateLimitedError } from '../../src/atlassian/errors';
import { OrgClient } from '../../src/atlassian/orgClient';
import { withRetries } from '../../src/atlassian/transport';
import { OrgRateLimits } from '../../sandbox/orgapi';
import { buildFixtureOrg, DIRECTORY_ID, ORG_ID } from '../sandbox/orgapi/fixture';
import {
  recordedSleeps,
  recordingTransport,
  startFixtureOrgSite,
  USERS_SEARCH,
  type FixtureOrgSite,
} from './support';

let site: FixtureOrgSite;
beforeEach(async () => {
  site = await startFixtureOrgSite(
    buildFixtureOrg(),
    new OrgRateLimits({ perEndpoint: { [USERS_SEARCH]: 1 } }),
  );
});
afterEach(() => site.close());

it('waits the Retry-After the API sent, then succeeds', async () => {
  const recorder = recordingTransport(site.transport());
  const waits: number[] = [];
  const transport = withRetries(recorder.transport, 'org', {
    // Waiting moves the site's clock on, so its rate-limit window really resets.
    sleep: async (ms) => {
      waits.push(ms);
      site.ctx.clock.setNow(new Date(site.ctx.clock.now() + ms));
    },
  });
  const org = new OrgClient(transport, ORG_ID);

  await org.getUser('licensed-1', DIRECTORY_ID);
  const user = await org.getUser('agent-1', DIRECTORY_ID);

  expect(user?.accountId).toBe('agent-1');
  const limited = recorder.answers.filter((a) => a.status === 429);
  expect(limited).toHaveLength(1);
  expect(waits).toEqual([Number(limited[0]!.headers.get('retry-after')) * 1000]);
  expect(transport.stats()).toEqual(expect.objectContaining({ rateLimited: 1, retries: 1 }));
});

it('throws a RateLimitedError saying when to retry, without sleeping, when the deadline is too close', async () => {
  const { waits, sleep } = recordedSleeps();
  const now = Date.now();
  const transport = withRetries(site.transport(), 'org', {
    deadline: now + 1_000,
    now: () => now,
    sleep,
  });
  const org = new OrgClient(transport, ORG_ID);
  await org.getUser('licensed-1', DIRECTORY_ID);

  const error = (await org.getUser('agent-1', DIRECTORY_ID).catch((e: unknown) => e)) as RateLimitedError;

  expect(error).toBeInstanceOf(RateLimitedError);
  expect(error.retryAt.getTime()).toBeGreaterThan(now + 1_000);
  expect(error.message).toContain(`Retry after ${error.retryAt.toISOString()}`);
  expect(waits).toEqual([]);
  expect(site.requests(USERS_SEARCH)).toBe(2);
});
