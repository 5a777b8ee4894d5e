import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { launchChromium, openAdminPage } from '../support/browser';
import { startTestSandbox } from '../support/sandbox';

/* A long job's progress as the admin follows it on the Overview: what it is doing, retries, failure, Cancel. */

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let problems: string[];

async function setFaults(body: unknown): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 300, seed: 5 });
  await appClient(sandbox).connect();
  browser = await launchChromium();
  ({ page, problems } = await openAdminPage(browser, sandbox.url));
  await page.getByRole('heading', { name: 'No scan yet' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('Progress of a scan', () => {
  it('says the scan waits for the job queue, not that it is working, before its first step', async () => {
    await page.getByRole('button', { name: 'Run a scan' }).click();

    await page.getByText('Waiting for the job queue to start it…').waitFor();
    await page.getByTestId('job-elapsed').waitFor();
  });

  it('shows each failed attempt with its reason and when it is tried again', async () => {
    await setFaults({ rates: { serverError: 1 }, apis: ['org'], seed: 1 });

    await sandbox.host.queue.runDue();

    const retry = page.getByTestId('job-retry');
    await retry.waitFor();
    await expect(retry.textContent()).resolves.toMatch(
      /An attempt failed so far; the last: step \d+ failed: Organizations API answered 503 .+ Trying again in \d+ s \(the job gives up after \d+ failed attempts in a row\)\./,
    );
  });

  it('reports a scan that gave up at once, as a flag saying what to do', async () => {
    await sandbox.host.queue.drain({ advanceDelays: true });

    const flag = page.getByRole('alert').filter({ hasText: 'The scan failed' });
    await flag.waitFor();
    await expect(flag.textContent()).resolves.toMatch(/Test the connection in Settings/);
    await page.getByText('The scan did not finish').waitFor();
    await setFaults({ rates: {} });
  });

  it('reads users with their count, and can be cancelled', async () => {
    await page.getByRole('button', { name: 'Run a scan' }).click();
    await page.getByText('Waiting for the job queue to start it…').waitFor();

    await page.getByRole('button', { name: 'Cancel scan' }).click();

    await page.getByText('The scan was cancelled').waitFor();
    expect(problems).toEqual([]);
  });
});
