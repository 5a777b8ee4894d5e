import type { RunningSandbox } from '../../sandbox/start';
import type { JobStatus } from '../../src/jobs/types';
import { appClient } from '../support/appClient';
import { startTestSandbox } from '../support/sandbox';

const PROJECT_GROUPS = 240;
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 200, seed: 5 });
  const jira = sandbox.ctx.org.product('jira-software')!;
  for (let i = 0; i < PROJECT_GROUPS; i++) {
    sandbox.ctx.org.addGroup({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `project-${i}-users`,
      description: 'Project access',
      syncedFromIdp: false,
      roleGrants: [{ resourceId: jira.resourceId, roleId: 'atlassian/user' }],
      isDefaultFor: [],
    });
  }
});
afterAll(async () => {
  await sandbox.close();
});

it('finishes a scan of an org with hundreds of product-granting groups, pacing itself across invocations', async () => {
  const app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();

  const job = await app.analyse();

  expect((await app.data<JobStatus>('getJob', { jobId: job.id })).state).toBe('completed');
  const roleCalls = Object.entries(sandbox.traffic.stats.snapshot().requests)
    .filter(([route]) => route.endsWith('/role-assignments'))
    .reduce((sum, [, n]) => sum + n, 0);
  expect(roleCalls).toBeGreaterThanOrEqual(PROJECT_GROUPS);
  expect(sandbox.host.invocationStats().byFunction.jobs?.errors ?? 0).toBe(0);
});
