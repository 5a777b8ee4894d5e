import { jiraSiteOf } from '../../../sandbox/jira';
import { startJiraSandbox, USERS, type JiraSandbox } from './fixture';

let sandbox: JiraSandbox;
beforeAll(async () => {
  sandbox = await startJiraSandbox();
  const site = jiraSiteOf(sandbox.org);
  site.setProjectLead('ENG', USERS.alice);
  site.addComponent('ENG', 'Backend', USERS.bob);
  site.addComponent('ENG', 'Docs', null);
});
afterAll(() => sandbox.close());

interface Page<T> {
  values: T[];
  total: number;
  isLast: boolean;
}

it('shows each project lead when the project search expands lead, in the shape the spec documents', async () => {
  const res = await sandbox.call<Page<{ key: string; lead?: { accountId: string } }>>(
    'GET',
    '/rest/api/3/project/search?expand=lead',
    { as: 'app' },
  );
  expect(res.status).toBe(200);
  expect(res.body.values.map((p) => [p.key, p.lead?.accountId])).toEqual([
    ['ENG', USERS.alice],
    ['ITS', undefined],
    ['OPS', undefined],
  ]);
});

it('leaves the lead out of the project search unless it is expanded', async () => {
  const res = await sandbox.call<Page<{ lead?: unknown }>>('GET', '/rest/api/3/project/search', {
    as: 'app',
  });
  expect(res.body.values.some((p) => p.lead !== undefined)).toBe(false);
});

it("pages a project's components with their leads, in the shape the spec documents", async () => {
  const first = await sandbox.call<Page<{ name: string; lead?: { accountId: string } }>>(
    'GET',
    '/rest/api/3/project/ENG/component?maxResults=1',
    { as: 'app' },
  );
  expect(first.body).toMatchObject({ total: 2, isLast: false });
  expect(first.body.values.map((c) => [c.name, c.lead?.accountId])).toEqual([['Backend', USERS.bob]]);
  const second = await sandbox.call<Page<{ name: string; lead?: unknown }>>(
    'GET',
    '/rest/api/3/project/ENG/component?startAt=1&maxResults=1',
    { as: 'app' },
  );
  expect(second.body).toMatchObject({ isLast: true, values: [{ name: 'Docs' }] });
  expect(second.body.values[0]!.lead).toBeUndefined();
});

it('answers 404 for the components of a project that does not exist', async () => {
  const res = await sandbox.call('GET', '/rest/api/3/project/NOPE/component', { as: 'app' });
  expect(res.status).toBe(404);
});

it('costs the points of the projects, components and leads it returns', async () => {
  const before = sandbox.limits.state().pointsUsed;
  await sandbox.call('GET', '/rest/api/3/project/ENG/component', { as: 'app' });
  expect(sandbox.limits.state().pointsUsed - before).toBe(1 + 2 + 2 * 1);
});
