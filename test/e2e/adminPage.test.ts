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

/** Atlaskit's feature-gate client logs this when no gate service is configured; it is not the app's error. */
const HARMLESS = /An error has occurred checking the feature gate/;

async function openAdminPage(query = '') {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !HARMLESS.test(msg.text())) problems.push(msg.text());
  });
  await page.goto(`${sandbox.url}/${query}`);
  return { page, problems };
}

it('greets a Jira administrator of an unconnected app with the guided setup, within the page CSP', async () => {
  const { page, problems } = await openAdminPage();

  await page.getByRole('heading', { name: 'Get started' }).waitFor();

  expect(await page.getByLabel('Organization id').getAttribute('required')).not.toBeNull();
  expect(await page.getByLabel('Organization API key').getAttribute('type')).toBe('password');
  expect(problems).toEqual([]);
  await page.close();
});

it('shows a non-administrator the refusal instead of any data', async () => {
  const { page } = await openAdminPage('?as=nonAdmin');

  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe('Only Jira administrators can use Inactive User Cleanup.');
  expect(await page.getByRole('heading', { name: 'Get started' }).count()).toBe(0);
  expect(await page.getByRole('tab').count()).toBe(0);
  await page.close();
});
