import type { RunningSandbox } from '../../sandbox/start';
import { startAnalysis } from '../../src/app/analysis/analyse';
import { buildEngine } from '../../src/app/engine';
import type { Services } from '../../src/app/services';
import { startTestSandbox } from './sandbox';
import { createTestPlatform, type TestPlatform } from './testPlatform';

/**
 * A sandbox and the engine over it, connected to its org with the valid key, with a first analysis delivered: where
 * tests of runs start.
 */
export async function connectedEngine(options: {
  users: number;
  seed: number;
}): Promise<{ sandbox: RunningSandbox; test: TestPlatform; services: Services }> {
  const sandbox = await startTestSandbox(options);
  const test = createTestPlatform(sandbox);
  const services = buildEngine(test.platform);
  const { orgId, directory } = sandbox.ctx.org.identity;
  await services.settings.saveConnection(
    { orgId, directoryId: directory.directoryId },
    sandbox.ctx.credentials.orgApiKey,
    'admin-1',
  );
  await startAnalysis(services, {}, 'admin-1');
  await test.queue.deliver((event) => services.jobs.handle(event));
  return { sandbox, test, services };
}
