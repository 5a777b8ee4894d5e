import { addBulkUsers, buildTestOrg, GROUPS, startJiraSandbox, type JiraSandbox } from './fixture';

interface MemberPage {
  startAt: number;
  maxResults: number;
  total: number;
  isLast: boolean;
  nextPage?: string;
  values: Array<{ accountId: string; active: boolean }>;
}

let sandbox: JiraSandbox;
let bulkIds: string[];
beforeAll(async () => {
  const org = buildTestOrg();
  org.addGroup({
    id: 'g-bulk',
    name: 'bulk',
    description: '',
    syncedFromIdp: false,
    roleGrants: [],
    isDefaultFor: [],
  });
  bulkIds = addBulkUsers(org, 120, { groupId: 'g-bulk', inactiveEvery: 4 });
  sandbox = await startJiraSandbox({ org });
});
afterAll(() => sandbox.close());

async function members(query: string) {
  const res = await sandbox.call<MemberPage>('GET', `/rest/api/3/group/member?${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function allMembers(includeInactiveUsers: boolean): Promise<string[]> {
  const ids: string[] = [];
  for (let startAt = 0; ;) {
    const page = await members(
      `groupId=g-bulk&includeInactiveUsers=${includeInactiveUsers}&startAt=${startAt}`,
    );
    ids.push(...page.values.map((v) => v.accountId));
    if (page.isLast) return ids;
    startAt += page.values.length;
  }
}

test('lists only active members by default', async () => {
  const ids = await allMembers(false);
  expect(ids).toEqual(bulkIds.filter((_, i) => (i + 1) % 4 !== 0));
});

test('lists inactive members too with includeInactiveUsers=true', async () => {
  expect(await allMembers(true)).toEqual(bulkIds);
});

test('reports the total of the members it would list', async () => {
  expect((await members('groupId=g-bulk')).total).toBe(90);
  expect((await members('groupId=g-bulk&includeInactiveUsers=true')).total).toBe(120);
});

test('links the next page until the last one', async () => {
  const first = await members('groupId=g-bulk&includeInactiveUsers=true&maxResults=50');
  expect(first.nextPage).toContain('startAt=50');
  const last = await members('groupId=g-bulk&includeInactiveUsers=true&startAt=100');
  expect(last).toMatchObject({ isLast: true, values: expect.any(Array) });
  expect(last.nextPage).toBeUndefined();
});

test('clamps maxResults above 50 to 50', async () => {
  const page = await members('groupId=g-bulk&maxResults=500');
  expect(page.maxResults).toBe(50);
  expect(page.values).toHaveLength(50);
});

test('clamps maxResults below 1 to 1', async () => {
  const page = await members('groupId=g-bulk&maxResults=0');
  expect(page.maxResults).toBe(1);
  expect(page.values).toHaveLength(1);
});

test('answers an empty last page when startAt is past the end', async () => {
  const page = await members('groupId=g-bulk&startAt=500');
  expect(page).toMatchObject({ isLast: true, values: [], total: 90 });
});

test('answers an empty group with an empty last page', async () => {
  expect(await members(`groupId=${GROUPS.empty}`)).toMatchObject({ isLast: true, values: [], total: 0 });
});
