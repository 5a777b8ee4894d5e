import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { collectProblems, launchChromium, openAdminPage } from '../support/browser';
import { runOnFirstSelected } from '../support/runOnSelected';
import { inactivity, ruleInput } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';
import { saveWarningNotifications } from '../support/warningNotifications';

/*
 * Deep links through Forge's Custom UI history: the URL after the admin page's address names the screen, and the
 * rule or run open on it, so back and forward work and a reload or a pasted link opens the same place. The state
 * (a rule, an analysis and a finished run of two users) is made through the resolvers.
 */

const RULE = 'Idle Jira users';
const WARN_RULE = 'Warning before removal';

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let problems: string[];
let ruleId: string;
let runId: string;
/** The admin page's address in the product, e.g. /jira/settings/apps/{appId}/{envId}. */
let pageUrl: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 120 });
  const app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();
  await app.analyse();
  const saved = await app.data<{ rule: { id: string } }>('saveRule', { rule: ruleInput({ name: RULE }) });
  ruleId = saved.rule.id;
  await app.analyse();
  runId = (await runOnFirstSelected(app, ruleId)).run.id;
  await warnTwoUsers(app);
  browser = await launchChromium();
  ({ page, problems } = await openAdminPage(browser, sandbox.url));
  await page.getByRole('tab', { name: 'Overview' }).waitFor();
  pageUrl = new URL(page.url()).origin + new URL(page.url()).pathname;
});
/** A warning run on two users: their warning issue is filed in Jira, and they are listed in Pending. */
async function warnTwoUsers(app: ReturnType<typeof appClient>): Promise<void> {
  await saveWarningNotifications(app, sandbox);
  const warnRuleId = (
    await app.data<{ rule: { id: string } }>('saveRule', {
      rule: ruleInput({ name: WARN_RULE, inactivity: inactivity({ days: 30 }), warning: { days: 14 } }),
    })
  ).rule.id;
  await app.analyse();
  await runOnFirstSelected(app, warnRuleId);
}

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const runHeading = () => page.getByRole('heading', { name: /^Admin run started / });
const pathAfterPage = () => page.url().slice(pageUrl.length) || '/';

it("shows the admin page at its Jira address, the app's route after it", () => {
  expect(new URL(pageUrl).pathname).toMatch(/^\/jira\/settings\/apps\/[^/]+\/[^/]+$/);
});

it('names the open run in the URL, and a reload shows the same run', async () => {
  await page.getByRole('tab', { name: 'Runs and audit' }).click();
  expect(pathAfterPage()).toBe('/runs');
  await page
    .getByRole('table', { name: 'Run history' })
    .getByRole('row')
    .filter({ hasText: RULE })
    .getByRole('button', { name: /^Details of the admin run/ })
    .click();
  await runHeading().waitFor();
  expect(pathAfterPage()).toBe(`/runs/${runId}`);

  await page.reload();

  await runHeading().waitFor();
  expect(pathAfterPage()).toBe(`/runs/${runId}`);
  expect(await page.getByRole('tab', { name: 'Runs and audit' }).getAttribute('aria-selected')).toBe('true');
});

it('goes back from the run to the run history, and forward to the run again', async () => {
  await page.goBack();

  await page.getByRole('table', { name: 'Run history' }).waitFor();
  expect(pathAfterPage()).toBe('/runs');
  expect(await runHeading().count()).toBe(0);

  await page.goForward();

  await runHeading().waitFor();
  expect(pathAfterPage()).toBe(`/runs/${runId}`);
});

it('opens a pasted link to a rule in the rule editor', async () => {
  await page.goto(`${pageUrl}/rules/${encodeURIComponent(ruleId)}`);

  await expect(page.getByLabel('Name').inputValue()).resolves.toBe(RULE);
  expect(await page.getByRole('tab', { name: 'Rules' }).getAttribute('aria-selected')).toBe('true');
});

it("opens a pasted link to a rule's analysis with only that rule's results", async () => {
  await page.goto(`${pageUrl}/analyse?rule=${encodeURIComponent(ruleId)}`);

  await page.getByRole('region', { name: `Rule ${RULE}` }).waitFor();
  await page.getByRole('button', { name: 'Show every rule' }).click();
  expect(pathAfterPage()).toBe('/analyse');
});

it('says a run id names no run, and leads back to the run history', async () => {
  await page.goto(`${pageUrl}/runs/no-such-run`);

  await page.getByRole('alert').filter({ hasText: 'There is no run no-such-run.' }).waitFor();
  expect(await runHeading().count()).toBe(0);
  await page.getByRole('button', { name: 'Back to run history' }).first().click();

  await page.getByRole('table', { name: 'Run history' }).waitFor();
  expect(pathAfterPage()).toBe('/runs');
});

it('says an address the app does not have is not a page, and leads to the Overview', async () => {
  await page.goto(`${pageUrl}/no/such/page`);

  await page.getByText('The app has no page at /no/such/page').waitFor();
  await page.getByRole('button', { name: 'Go to the Overview' }).click();

  await page.getByRole('tab', { name: 'Overview' }).waitFor();
  expect(pathAfterPage()).toBe('/');
});

it('keeps the sandbox identity switch out of the route', async () => {
  const other = await browser.newPage();
  const otherProblems = collectProblems(other);
  await other.goto(`${sandbox.url}/?as=admin`);
  await other.getByRole('tab', { name: 'Rules' }).click();

  expect(new URL(other.url()).pathname.endsWith('/rules')).toBe(true);
  expect(new URL(other.url()).searchParams.get('as')).toBe('admin');
  await other.close();
  expect(otherProblems).toEqual([]);
  expect(problems).toEqual([]);
});

it("links a warning's Jira issue key to the issue on the site, opened in a new tab", async () => {
  await page.goto(`${pageUrl}/pending`);
  const link = page
    .getByRole('table')
    .getByRole('link', { name: /^ENG-\d+$/ })
    .first();
  const issueKey = await link.innerText();
  const siteUrl = sandbox.ctx.org.identity.siteUrl.replace(/\/$/, '');

  expect(await link.getAttribute('href')).toBe(`${siteUrl}/browse/${issueKey}`);
  // The sandbox's site has no web pages: the issue page is answered here, so the new tab shows where it went.
  await page.context().route(`${siteUrl}/browse/**`, (route) => route.fulfill({ body: 'the issue' }));
  const [opened] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await opened.waitForLoadState();
  expect(opened.url()).toBe(`${siteUrl}/browse/${issueKey}`);
  await opened.close();
  expect(await page.url()).toBe(`${pageUrl}/pending`);
});

describe("Help links to Atlassian's documentation", () => {
  const DOCS = /^https:\/\/(support|developer)\.atlassian\.com\/\S+$/;
  /** The help links on a screen, once each of `topics` has been drawn (some come with the screen's data). */
  const hrefsOn = async (path: string, topics: string[]) => {
    await page.goto(`${pageUrl}${path}`);
    for (const topic of topics) await page.locator(`a[data-help-topic="${topic}"]`).first().waitFor();
    const links = page.locator('a[data-help-topic]');
    const found = await links.evaluateAll((all) =>
      all.map((a) => [a.getAttribute('data-help-topic'), a.getAttribute('href')] as const),
    );
    return Object.fromEntries(found);
  };

  it('explains suspension, product access, groups and service management customers on Analyse', async () => {
    const topics = ['suspension', 'productAccess', 'groups', 'jsmAgentsAndCustomers'];
    const hrefs = await hrefsOn('/analyse', topics);

    for (const topic of topics) {
      expect(hrefs[topic]).toMatch(DOCS);
    }
  });

  it('explains the organization API key in Settings', async () => {
    const hrefs = await hrefsOn('/settings', ['orgApiKey']);

    expect(hrefs.orgApiKey).toMatch(DOCS);
  });

  it('opens the documentation in a new tab, leaving the app where it was', async () => {
    await page.goto(`${pageUrl}/settings`);
    const link = page.locator('a[data-help-topic="orgApiKey"]');
    const href = (await link.getAttribute('href'))!;
    await page.context().route(href, (route) => route.fulfill({ body: 'the documentation' }));

    const [opened] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await opened.waitForLoadState();

    expect(opened.url()).toBe(href);
    await opened.close();
    expect(pathAfterPage()).toBe('/settings');
    expect(problems).toEqual([]);
  });
});
