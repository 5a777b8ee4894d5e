import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { launchChromium, openAdminPage } from '../support/browser';
import { startTestSandbox } from '../support/sandbox';

/* Messages beside their field: shown once, gone once the value is fixed; and the page's state after a save. */

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 200, seed: 5 });
  await appClient(sandbox).connect();
  browser = await launchChromium();
  ({ page, problems } = await openAdminPage(browser, sandbox.url));
  await page.getByRole('tab', { name: 'Notifications' }).click();
  await page.getByText('Not set up yet').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const body = () => page.getByLabel('E-mail body');
const missingDueDate = () => page.getByText(/must contain \{dueDate\}/);

it('shows a template problem once, beside its field, when the save and the preview both report it', async () => {
  await body().fill('Hello {name}, open {issueLink}.');
  await missingDueDate().first().waitFor();

  await page.locator('#projectKey').fill('ENG');
  await page.getByRole('option', { name: /\(ENG\)/ }).click();
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await page.waitForLoadState('networkidle');

  await expect(missingDueDate().count()).resolves.toBe(1);
});

it('removes the message once the value is fixed', async () => {
  await body().fill('Hello {name}, open {issueLink} before {dueDate}.');

  await missingDueDate().waitFor({ state: 'detached' });
});

it('no longer says "Not set up yet" once the settings are saved', async () => {
  await page.getByLabel('Who users can contact').fill('it-help@example.com');
  await page.getByRole('button', { name: 'Save notification settings' }).click();

  await page.getByText('Notification settings saved').waitFor();
  await expect(page.getByText('Not set up yet').count()).resolves.toBe(0);
  expect(problems).toEqual([]);
});
