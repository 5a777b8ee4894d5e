import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import type { PreviewDecision } from '../../src/contract';
import { appClient } from '../support/appClient';
import { launchChromium, openAdminPage } from '../support/browser';
import { ruleInput } from '../support/ruleInput';
import { runOnFirstSelected } from '../support/runOnSelected';
import { startTestSandbox } from '../support/sandbox';
import { saveWarningNotifications } from '../support/warningNotifications';

/*
 * One fresh set of numbers, on one seeded sandbox: each measure defined once and the same on the Overview, in
 * Analyse and in the seats; a rule's seats freed only for the product it acts on; users a run warned shown as
 * pending, not selected. The state is prepared through the resolvers.
 */

const WARN_RULE = 'Warn idle Jira users';
const COUNT_RULE = 'Idle Jira users';

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;
let browser: Browser;
let page: Page;
let problems: string[];
let warned: PreviewDecision[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 2_000 });
  app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();
  await app.analyse();
  await saveWarningNotifications(app, sandbox);
  const warnRuleId = (
    await app.data<{ rule: { id: string } }>('saveRule', {
      rule: ruleInput({ name: WARN_RULE, warning: { days: 14 } }),
    })
  ).rule.id;
  await app.data('saveRule', { rule: ruleInput({ name: COUNT_RULE, mode: 'preview' }) });
  await app.analyse();
  warned = (await runOnFirstSelected(app, warnRuleId)).acted;
  await app.analyse();
  browser = await launchChromium();
  ({ page, problems } = await openAdminPage(browser, sandbox.url));
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const resultsOf = (rule: string) => page.getByRole('region', { name: `Rule ${rule}` });

/** Opens a chart card's table and reads the value in `column` of the row whose first cell is `label`. */
async function tableValue(card: Locator, label: string | RegExp, column: number): Promise<string> {
  const toggle = card.getByRole('button', { name: 'Show table' });
  if ((await toggle.count()) > 0) await toggle.click();
  const row = card
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: label, exact: true }) })
    .first();
  return (await row.getByRole('cell').nth(column).innerText()).trim();
}

describe('One definition of each measure, the same on every screen', () => {
  let overviewProtected: string;
  let seatsActive: string;
  let seatsLicensed: string;

  beforeAll(async () => {
    await page.getByRole('heading', { name: 'Users by state' }).waitFor();
    overviewProtected = await tableValue(
      page.getByRole('region', { name: 'Users by state' }),
      'Protected',
      2,
    );
    const jira = page.getByRole('region', { name: 'Jira: seats' });
    seatsActive = await tableValue(jira, 'Active', 1);
    seatsLicensed = await tableValue(jira, 'Licensed: seats in use (Jira, now)', 1);
  });

  it('counts Jira active the same in the seats and in the trend', async () => {
    const trend = page.getByRole('region', { name: 'Licensed and active users over time' });
    await trend.getByRole('button', { name: 'Show table' }).click();
    const headers = await trend.getByRole('columnheader').allInnerTexts();
    const latest = await trend.getByRole('row').nth(1).getByRole('cell').allInnerTexts();

    expect(latest[headers.indexOf('Jira active')]).toBe(seatsActive);
    expect(latest[headers.indexOf('Jira licensed')]).toBe(seatsLicensed);
  });

  it('counts Jira licensed the same in the seats and in the seats by path', async () => {
    const paths = await page.getByTestId('seats-by-path-product').allInnerTexts();

    expect(paths).toContain(`Jira: ${seatsLicensed} seats`);
  });

  it('explains each measure under its figure on the Overview', async () => {
    for (const measure of ['licensed', 'active', 'inactive', 'protected']) {
      await expect(
        page.locator(`.measure-note [data-measure="${measure}"]`).count(),
      ).resolves.toBeGreaterThan(0);
    }
    await expect(
      page.locator('.measure-note [data-measure="protected"]').first().innerText(),
    ).resolves.toMatch(/^Protected: admins, app and bot accounts, .*counted once per person\.$/);
  });

  it('counts protected people in Analyse as on the Overview, with the same explanation', async () => {
    await page.getByRole('tab', { name: 'Analyse' }).click();
    const counts = resultsOf(COUNT_RULE).getByText(/users? in scope:/);

    await expect(counts.innerText()).resolves.toContain(`, ${overviewProtected} protected,`);
    await expect(
      resultsOf(COUNT_RULE).locator('.measure-note [data-measure="protected"]').innerText(),
    ).resolves.toMatch(/^Protected: admins, app and bot accounts, /);
  });
});

describe("A rule's seats freed", () => {
  it('counts only the seats of the product the rule acts on, never Confluence', async () => {
    const counts = await resultsOf(COUNT_RULE)
      .getByText(/users? in scope:/)
      .innerText();

    expect(counts).toMatch(/ Seats it would free: Jira [\d,]+ seats?\.$/);
    expect(counts).not.toContain('Confluence');
  });
});

describe('Warned users in Analyse', () => {
  it('shows a user a run warned as pending, not among the selected, with the warning and action dates, and not to be picked', async () => {
    const results = resultsOf(WARN_RULE);
    await results.getByLabel('Search by name, e-mail, account id or reason').fill(warned[0]!.name);
    await results.getByText(/^Nobody matches/).waitFor();
    await results.getByLabel('Show').fill('Not selected');
    await page.keyboard.press('Enter');
    const row = page
      .getByRole('table', { name: `Decisions of rule ${WARN_RULE}` })
      .getByRole('row', { name: new RegExp(warned[0]!.name) });

    await row.getByText('Warned, pending').waitFor();
    await expect(row.innerText()).resolves.toMatch(
      /Pending: warned on \d{4}-\d{2}-\d{2}, acted on \d{4}-\d{2}-\d{2} if still inactive/,
    );
    await expect(row.getByRole('checkbox').isDisabled()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });
});
