import type { Browser } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { launchChromium, openAdminPage } from '../support/browser';
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

const openPage = (query = '') => openAdminPage(browser, sandbox.url, query);

it('greets a Jira administrator of an unconnected app with the guided setup, within the page CSP', async () => {
  const { page, problems } = await openPage();

  await page.getByRole('heading', { name: 'Get started' }).waitFor();

  expect(await page.getByLabel('Organization id').getAttribute('required')).not.toBeNull();
  expect(await page.getByLabel('Organization API key').getAttribute('type')).toBe('password');
  expect(problems).toEqual([]);
  await page.close();
});

it('shows a non-administrator the refusal instead of any data', async () => {
  const { page } = await openPage('?as=nonAdmin');

  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe('Only Jira administrators can use Inactive User Cleanup.');
  expect(await page.getByRole('heading', { name: 'Get started' }).count()).toBe(0);
  expect(await page.getByRole('tab').count()).toBe(0);
  await page.close();
});
