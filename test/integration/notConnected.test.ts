import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 50, seed: 2 });
});
afterAll(async () => {
  await sandbox.close();
});

it('tells an admin to connect before analysing, instead of reporting an unexpected error', async () => {
  const result = await appClient(sandbox).call('startAnalysis', {});

  expect(result).toEqual({
    ok: false,
    error: { code: 'invalid-input', message: expect.stringMatching(/not connected to an organization yet/) },
  });
});

it('says no key is stored when asked to test a connection that was never saved', async () => {
  const test = await appClient(sandbox).data<{ ok: boolean; summary: string }>('testConnection');

  expect(test).toEqual(
    expect.objectContaining({ ok: false, summary: expect.stringMatching(/No organization API key/) }),
  );
});
