import type { Browser } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { launchChromium } from '../support/browser';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let browser: Browser;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function openAdminPage(query = '') {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  await page.goto(`${sandbox.url}/${query}`);
  return { page, problems };
}

it('shows a Jira administrator the seat table through the Custom UI bridge, within the page CSP', async () => {
  const { page, problems } = await openAdminPage();

  await page.getByRole('heading', { name: 'Jira seats' }).waitFor();
  const rows = page.getByRole('row');
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(page.getByTestId('org-key-state').textContent()).resolves.toContain('No organization API key');
  expect(problems).toEqual([]);
  await page.close();
});

it('shows a non-administrator the refusal instead of any data', async () => {
  const { page } = await openAdminPage('?as=nonAdmin');

  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe('Only Jira administrators can use Inactive User Cleanup.');
  expect(await page.getByRole('heading', { name: 'Jira seats' }).count()).toBe(0);
  await page.close();
});
