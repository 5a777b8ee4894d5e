import type { Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';

/**
 * Opens the page on a fresh install and, on Get started, saves the sandbox org's id and API key and tests the
 * connection, as a new admin does: done once the page says the connection works.
 */
export async function connectThroughGetStarted(page: Page, sandbox: RunningSandbox): Promise<void> {
  await page.goto(`${sandbox.url}/`);
  await page.getByRole('heading', { name: 'Get started' }).waitFor();
  await page.getByLabel('Organization id').fill(sandbox.ctx.org.identity.orgId);
  await page.getByLabel('Organization API key').fill(sandbox.ctx.credentials.orgApiKey);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByText('The connection works').waitFor();
}
