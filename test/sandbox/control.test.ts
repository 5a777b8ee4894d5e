import type { RunningSandbox } from '../../sandbox/start';
import { jiraApi, orgApi, startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 200 });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  await control('PUT', '/__sandbox/faults', { rates: {} });
});

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe('/__sandbox/info', () => {
  it('hands out everything a client needs to reach the emulated site', async () => {
    const { body } = await control('GET', '/__sandbox/info');

    expect(body).toEqual(
      expect.objectContaining({
        orgId: sandbox.ctx.org.identity.orgId,
        directoryId: sandbox.ctx.org.identity.directory.directoryId,
        orgApi: { baseUrl: sandbox.url, key: sandbox.ctx.credentials.orgApiKey },
        jira: expect.objectContaining({
          basePath: '/rest/api/3',
          email: sandbox.ctx.credentials.jiraUserEmail,
        }),
        adminAccountId: sandbox.ctx.adminAccountId,
        nonAdminAccountId: sandbox.ctx.nonAdminAccountId,
        orgApiKeys: expect.objectContaining({ expired: expect.any(String), scoped: expect.any(String) }),
      }),
    );
  });

  it('hands out an org API key that the Organizations API accepts', async () => {
    const { body } = await control('GET', '/__sandbox/info');
    const key = (body!.orgApi as { key: string }).key;

    expect((await orgApi(sandbox, key).searchUsers({ limit: 1 })).status).toBe(200);
  });
});

describe('/__sandbox/clock', () => {
  it('moves the clock forward by whole days', async () => {
    const before = Date.parse((await control('GET', '/__sandbox/clock')).body!.now as string);

    const after = await control('POST', '/__sandbox/clock', { advanceDays: 3 });

    expect(Date.parse(after.body!.now as string) - before).toBeGreaterThanOrEqual(3 * 86_400_000);
  });

  it('refuses to move the clock backwards, naming the field', async () => {
    const res = await control('POST', '/__sandbox/clock', { advanceDays: -1 });

    expect(res.status).toBe(400);
    expect(res.body!.error).toMatch(/advanceDays/);
  });
});

describe('/__sandbox/faults', () => {
  it('answers every request with a 503 in the service’s own shape when the server-error rate is 1', async () => {
    await control('PUT', '/__sandbox/faults', { rates: { serverError: 1 }, apis: ['org'] });

    const res = await orgApi(sandbox).searchUsers({ limit: 1 });

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ errors: [expect.objectContaining({ status: '503' })] });
  });

  it('drops the connection without an answer when the drop rate is 1', async () => {
    await control('PUT', '/__sandbox/faults', { rates: { drop: 1 }, apis: ['jira'] });

    await expect(jiraApi(sandbox)('GET', '/rest/api/3/myself')).rejects.toThrow();
  });

  it('lets a request hang until its socket closes when the timeout rate is 1', async () => {
    await control('PUT', '/__sandbox/faults', { rates: { timeout: 1 }, apis: ['jira'], timeoutMs: 50 });

    await expect(jiraApi(sandbox)('GET', '/rest/api/3/myself')).rejects.toThrow();
  });

  it('forces 429s with Retry-After and rate-limit headers when the rate-limit rate is 1', async () => {
    await control('PUT', '/__sandbox/faults', { rates: { rateLimit: 1 }, apis: ['jira'] });

    const res = await jiraApi(sandbox)('GET', '/rest/api/3/myself');

    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.headers.get('x-ratelimit-reset')).not.toBeNull();
  });

  it('rejects rates that add up to more than 1, saying so', async () => {
    const res = await control('PUT', '/__sandbox/faults', { rates: { serverError: 0.6, drop: 0.6 } });

    expect(res.status).toBe(400);
    expect(res.body!.error).toMatch(/must not exceed 1/);
  });

  it('injects faults reproducibly from the seed', async () => {
    const run = async () => {
      await control('PUT', '/__sandbox/faults', { rates: { serverError: 0.5 }, apis: ['org'], seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await orgApi(sandbox).searchUsers({ limit: 1 })).status);
      return statuses;
    };

    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });
});

describe('/__sandbox/latency', () => {
  it('rejects an unknown distribution, naming the API', async () => {
    const res = await control('PUT', '/__sandbox/latency', { jira: { kind: 'gaussian' } });

    expect(res.status).toBe(400);
    expect(res.body!.error).toMatch(/latency\.jira\.kind/);
  });

  it('keeps a valid profile', async () => {
    const profile = { org: { kind: 'fixed', ms: 0 } };

    expect((await control('PUT', '/__sandbox/latency', profile)).body).toEqual(profile);
    await control('PUT', '/__sandbox/latency', {});
  });
});

describe('/__sandbox/stats', () => {
  it('counts requests per endpoint and resets on DELETE', async () => {
    await control('DELETE', '/__sandbox/stats');
    await orgApi(sandbox).searchUsers({ limit: 1 });
    await orgApi(sandbox).searchUsers({ limit: 1 });

    const stats = (await control('GET', '/__sandbox/stats')).body as { requests: Record<string, number> };
    const searchKey = Object.keys(stats.requests).find(
      (k) => k.startsWith('POST') && k.endsWith('/users/search'),
    )!;
    expect(stats.requests[searchKey]).toBe(2);
  });
});

describe('DELETE /__sandbox/stats and the Forge host', () => {
  it('starts the Forge host invocation and storage counters afresh too', async () => {
    await sandbox.host.invokeResolver('getSettings', {}, 'admin');
    expect(sandbox.host.kvsStats().readUnits).toBeGreaterThan(0);

    await control('DELETE', '/__sandbox/stats');

    const forge = (await control('GET', '/__sandbox/forge')).body as {
      kvs: Record<string, number>;
      invocations: { byFunction: Record<string, unknown> };
    };
    expect(forge.kvs).toMatchObject({ readUnits: 0, writeUnits: 0, throttled: 0 });
    expect(forge.invocations.byFunction).toEqual({});
  });
});

describe('/__sandbox/limits', () => {
  it('changes the Jira points quota', async () => {
    const res = await control('PUT', '/__sandbox/limits', { jira: { hourlyPoints: 1234 } });

    expect((res.body!.jira as { hourlyPoints: number }).hourlyPoints).toBe(1234);
    await control('PUT', '/__sandbox/limits', { jira: { hourlyPoints: 65_000 } });
  });

  it('reads and changes the Forge host limits under forge', async () => {
    const res = await control('PUT', '/__sandbox/limits', {
      forge: { kvs: { readUnitsPerMinute: 300, writeUnitsPerMinute: 200 } },
    });

    expect(res.body!.forge).toMatchObject({
      kvs: { readUnitsPerMinute: 300, writeUnitsPerMinute: 200, requestsPerSecond: 1_000 },
    });
    await control('PUT', '/__sandbox/limits', {
      forge: { kvs: { readUnitsPerMinute: 4_000, writeUnitsPerMinute: 4_000 } },
    });
  });

  it('rejects a Forge limit that is not a positive whole number, naming it', async () => {
    const res = await control('PUT', '/__sandbox/limits', { forge: { invocations: { memoryMb: -1 } } });

    expect(res.status).toBe(400);
    expect(res.body!.error).toMatch(/limits.forge.invocations.memoryMb must be a whole number/);
  });

  it('rejects an unknown section, naming it', async () => {
    const res = await control('PUT', '/__sandbox/limits', { confluence: {} });

    expect(res.status).toBe(400);
    expect(res.body!.error).toMatch(/confluence/);
  });
});

describe('/__sandbox/activity', () => {
  it('records that a user used a product now, visible through the Organizations API', async () => {
    const user = sandbox.ctx.nonAdminAccountId;
    await control('POST', '/__sandbox/clock', { advanceDays: 1 });
    const now = (await control('GET', '/__sandbox/clock')).body!.now as string;

    await control('POST', '/__sandbox/activity', { accountId: user, product: 'jira-software' });

    const res = await orgApi(sandbox).searchUsers({ accountIds: [user], expand: ['productAccess'] });
    const access = (
      res.body as { data: Array<{ productAccess: Array<{ key: string; lastActiveTimestamp?: string }> }> }
    ).data[0]!.productAccess.find((p) => p.key === 'jira-software')!;
    expect(Date.parse(access.lastActiveTimestamp!)).toBeGreaterThanOrEqual(Date.parse(now) - 1000);
  });

  it('refuses an unknown product, listing the known ones', async () => {
    const res = await control('POST', '/__sandbox/activity', {
      accountId: sandbox.ctx.nonAdminAccountId,
      product: 'trello',
    });

    expect(res.status).toBe(400);
    expect(res.body!.error).toMatch(/jira-software/);
  });
});
