import { addSimpleUsers, buildFixtureOrg, V2, startOrgApi, type OrgApiHarness } from './fixture';

const FIXTURE_USERS = 30;

describe('paging over the fixture org', () => {
  let api: OrgApiHarness;
  beforeAll(async () => {
    api = await startOrgApi();
  });
  afterAll(() => api.close());
  const search = (body: unknown) => api.call('POST', `${V2}/users/search`, { body });

  it('answers an empty result as {data: [], links: {self}}', async () => {
    const res = await search({ searchTerm: 'no such person' });
    expect(res.body).toEqual({ data: [], links: { self: expect.any(String) } });
  });

  it('defaults to pages of 50', async () => {
    const org = buildFixtureOrg();
    addSimpleUsers(org, 40);
    const big = await startOrgApi(org);
    try {
      const res = await big.call('POST', `${V2}/users/search`, { body: {} });
      expect(res.body.data).toHaveLength(50);
      expect(res.body.links.next).toEqual(expect.any(String));
    } finally {
      await big.close();
    }
  });

  it('ends a result that is an exact multiple of the page size without a trailing empty page', async () => {
    const first = await search({ limit: 15 });
    const second = await search({ limit: 15, cursor: first.body.links.next });
    expect(first.body.data).toHaveLength(15);
    expect(second.body.data).toHaveLength(15);
    expect(second.body.links.next).toBeUndefined();
  });

  it('returns the remainder on the last page and no next link', async () => {
    const first = await search({ limit: 20 });
    const last = await search({ limit: 20, cursor: first.body.links.next });
    expect(last.body.data).toHaveLength(FIXTURE_USERS - 20);
    expect(last.body.links.next).toBeUndefined();
  });

  it('gives a prev link on a later page that leads back to the first page', async () => {
    const first = await search({ limit: 10 });
    const second = await search({ limit: 10, cursor: first.body.links.next });
    expect(first.body.links.prev).toBeUndefined();
    const back = await search({ limit: 10, cursor: second.body.links.prev });
    expect(back.body.data).toEqual(first.body.data);
  });

  it('pages a filtered result without repeats, carrying the filter in each request', async () => {
    const body = { groupIds: ['grp-jira-software-users'], limit: 3 };
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await search({ ...body, ...(cursor ? { cursor } : {}) });
      seen.push(...res.body.data.map((u: { accountId: string }) => u.accountId));
      cursor = res.body.links.next;
    } while (cursor);
    expect(seen).toHaveLength(new Set(seen).size);
    expect(seen).toHaveLength(11);
  });

  it.each([0, 101, 2.5, '10'])('refuses limit %p with 400 naming limit', async (limit) => {
    const res = await search({ limit });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].detail).toMatch(/'limit'/);
  });

  it('accepts limit 1 and limit 100', async () => {
    expect((await search({ limit: 1 })).body.data).toHaveLength(1);
    expect((await search({ limit: 100 })).body.data).toHaveLength(FIXTURE_USERS);
  });

  it('refuses a garbage cursor with 400', async () => {
    const res = await search({ cursor: 'not-a-cursor' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].detail).toMatch(/cursor is not valid/);
  });

  it('refuses a tampered cursor with 400', async () => {
    const next: string = (await search({ limit: 5 })).body.links.next;
    const [payload, signature] = next.split('.');
    const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...decoded, p: 0 })).toString('base64url');
    const res = await search({ limit: 5, cursor: `${forged}.${signature}` });
    expect(res.status).toBe(400);
  });

  it('refuses a cursor sent with different filters with 400', async () => {
    const next: string = (await search({ limit: 5, claimStatus: 'managed' })).body.links.next;
    const res = await search({ limit: 5, claimStatus: 'unmanaged', cursor: next });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].detail).toMatch(/different filters/);
  });

  it('accepts a cursor with a different page size', async () => {
    const next: string = (await search({ limit: 5 })).body.links.next;
    const res = await search({ limit: 7, cursor: next });
    expect(res.status).toBe(200);
    expect(res.body.data[0].accountId).toBe('agent-4');
  });

  it('refuses a users/search cursor on the groups search with 400', async () => {
    const next: string = (await search({ limit: 5 })).body.links.next;
    const res = await api.call('POST', `${V2}/groups/search`, { body: { cursor: next } });
    expect(res.status).toBe(400);
  });
});

describe('a full scan of 2,537 users', () => {
  let api: OrgApiHarness;
  beforeAll(async () => {
    const org = buildFixtureOrg();
    addSimpleUsers(org, 2537 - FIXTURE_USERS);
    api = await startOrgApi(org);
  });
  afterAll(() => api.close());

  it('returns every user exactly once in ceil(2537 / 100) calls of users/search', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const res = await api.call('POST', `${V2}/users/search`, {
        body: { limit: 100, ...(cursor ? { cursor } : {}) },
      });
      expect(res.status).toBe(200);
      for (const u of res.body.data as Array<{ accountId: string }>) {
        expect(seen.has(u.accountId)).toBe(false);
        seen.add(u.accountId);
      }
      cursor = res.body.links.next;
    } while (cursor);
    expect(seen.size).toBe(2537);
    const requests = api.ctx.stats.snapshot().requests;
    expect(requests['POST /admin/v2/orgs/:orgId/directories/:directoryId/users/search']).toBe(
      Math.ceil(2537 / 100),
    );
  });
});
