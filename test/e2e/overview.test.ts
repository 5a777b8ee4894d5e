import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { launchChromium, openAdminPage } from '../support/browser';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let browser: Browser;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 400, seed: 5 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const openPage = (query = '') => openAdminPage(browser, sandbox.url, query);

async function connectWith(page: Page, apiKey: string): Promise<void> {
  await page.getByLabel('Organization id').fill(sandbox.ctx.org.identity.orgId);
  await page.getByLabel('Organization API key').fill(apiKey);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
}

describe('Get started, then the Overview', () => {
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ page, problems } = await openPage());
  });
  afterAll(async () => {
    await page.close();
  });

  it('explains a wrong key in plain words, with what to do', async () => {
    await page.getByRole('heading', { name: 'Get started' }).waitFor();

    await connectWith(page, `ATCTT3xFfGN0${'x'.repeat(40)}`);

    await page.getByText('The connection does not work yet').waitFor();
    await expect(
      page
        .getByText(/The API key was rejected: it is wrong, revoked or expired/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Continue' }).count()).toBe(0);
  });

  it('with the right key, says each check passed and continues to an Overview waiting for its first scan', async () => {
    await connectWith(page, sandbox.ctx.credentials.orgApiKey);
    await page.getByText('The connection works').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'No scan yet' }).waitFor();
  });

  it('keeps following a scan after leaving the tab and coming back', async () => {
    await page.getByRole('button', { name: 'Run a scan' }).click();
    await page.getByRole('progressbar', { name: 'Scan progress' }).waitFor();

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('tab-overview').click();

    await page.getByRole('progressbar', { name: 'Scan progress' }).waitFor();
    sandbox.host.queue.start(50);
    await page.getByRole('heading', { name: 'Users by state' }).waitFor({ timeout: 30_000 });
  });

  it('draws each chart with a summary, and shows its table from the keyboard', async () => {
    const charts = page.locator('.chart[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('.chart svg').count()).toBeGreaterThanOrEqual(6);
    const states = page.getByRole('region', { name: 'Users by state' });
    await expect(states.locator('.chart').getAttribute('aria-label')).resolves.toMatch(/Active: \d+/);

    const toggle = states.getByRole('button', { name: 'Show table' });
    await toggle.focus();
    await page.keyboard.press('Enter');

    const table = states.getByRole('table', { name: 'Users by state' });
    await table.waitFor();
    // A header and one row per state, JSM portal-only customers apart as free.
    expect(await table.getByRole('row').count()).toBe(9);
    await expect(table.getByRole('row', { name: /Portal customers \(free\)/ }).innerText()).resolves.toMatch(
      /free, never a seat\s+[1-9]\d*$/,
    );
    await expect(
      states.getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
  });

  it('shows the seats per Jira product with the savings estimate', async () => {
    await page.getByRole('region', { name: 'Jira: seats' }).waitFor();
    await expect(page.getByTestId('yearly-savings').textContent()).resolves.toMatch(/\d/);
    expect(problems).toEqual([]);
  });

  it('draws the same charts in dark mode, without errors', async () => {
    const dark = await openPage('?theme=dark');

    await dark.page.getByRole('heading', { name: 'Users by state' }).waitFor();

    expect(await dark.page.locator('html').getAttribute('data-color-mode')).toBe('dark');
    expect(await dark.page.locator('.chart svg').count()).toBeGreaterThanOrEqual(6);
    expect(dark.problems).toEqual([]);
    await dark.page.close();
  });
});
