import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { collectProblems, launchChromium } from '../support/browser';
import { connectThroughGetStarted } from '../support/getStarted';
import { startTestSandbox } from '../support/sandbox';

/*
 * The admin's whole journey through the page alone, from a fresh install to an undone change: every step is a click
 * or a keystroke. The only help is `settle`, because the test sandbox delivers queued job steps only when asked (time
 * passing on Forge). The refusals (wrong key, invalid rule, non-admin) are in overview, rules and adminPage tests.
 */

const RULE_NAME = 'Idle engineers';
/** With seed 42 and 300 users: 53 engineers in scope, 7 idle for 180 days, within limits of 7 a run and 15%. */
const RULE_GROUP = 'dept-engineering';

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let settle: () => Promise<void>;
let problems: string[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 300 });
  ({ settle } = appClient(sandbox));
  browser = await launchChromium();
  page = await browser.newPage();
  problems = collectProblems(page);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const cellTexts = (row: Locator) => row.getByRole('cell').allInnerTexts();

/** Closes the flags shown so far, as an admin does once they are read, rather than waiting for them to close themselves. */
async function dismissTheFlags(): Promise<void> {
  const flags = page.getByRole('alert');
  for (let shown = await flags.count(); shown > 0; shown = await flags.count()) {
    await flags.first().getByRole('button', { name: 'Dismiss' }).first().click();
    await flags.nth(shown - 1).waitFor({ state: 'detached' });
  }
}

async function connectTheOrganization(): Promise<void> {
  await connectThroughGetStarted(page, sandbox);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** The rule suspends, which reaches every product of the org: an org admin allows the whole organization first. */
async function allowTheWholeOrganization(): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Allow the whole organization' }).click();
  await page.getByText('Whole organization', { exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Overview' }).click();
}

async function scanFromTheOverview(): Promise<void> {
  await page.getByRole('heading', { name: 'No scan yet' }).waitFor();
  await page.getByRole('button', { name: 'Run a scan' }).click();
  await page.getByRole('progressbar', { name: 'Scan progress' }).waitFor();
  await settle();
  await page.getByRole('heading', { name: 'Users by state' }).waitFor();
  await dismissTheFlags();
}

async function createANarrowLiveRule(): Promise<void> {
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByRole('button', { name: 'Create rule' }).click();
  await page.getByLabel('Name').fill(RULE_NAME);
  await page.getByRole('radio', { name: /^Live/ }).check();
  await page.getByLabel('Only members of these groups').fill('engineering');
  await page.getByRole('option', { name: new RegExp(`^${RULE_GROUP} `) }).click();
  await page.getByLabel('Days without activity').fill('180');
  await page.getByLabel('Most users per run').fill('7');
  await page.getByLabel('Most % of the users in scope').fill('15');
  await page.getByText('53 users in scope, 7 users would be selected now').waitFor();
  await page.getByRole('button', { name: 'Save rule' }).click();
  await page.getByRole('cell', { name: RULE_NAME, exact: true }).waitFor();
  await dismissTheFlags();
}

/** Runs the analysis, picks the first two selected users and acts on them; answers the names picked. */
async function analyseAndActOnTwoUsers(): Promise<string[]> {
  await page.getByRole('tab', { name: 'Analyse' }).click();
  await page.getByRole('button', { name: 'Run analysis' }).click();
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor();
  await settle();
  const decisions = page.getByRole('table', { name: `Decisions of rule ${RULE_NAME}` });
  await decisions
    .getByText(/days ago/)
    .first()
    .waitFor();
  await expect(decisions.getByText('Selected', { exact: true }).count()).resolves.toBe(7);
  await dismissTheFlags();

  const rows = [decisions.getByRole('row').nth(1), decisions.getByRole('row').nth(2)];
  const names: string[] = [];
  for (const row of rows) {
    await row.getByRole('checkbox').check();
    names.push(await row.getByRole('cell').nth(1).innerText());
  }
  await page.getByRole('button', { name: 'Act on 2 picked users' }).click();
  const dialog = page.getByRole('dialog', { name: 'Act on 2 users now?' });
  await expect(dialog.innerText()).resolves.toMatch(/the 2 users you picked/);
  await dialog.getByRole('button', { name: 'Act on 2 users' }).click();
  await page.getByText('The run has started').waitFor();
  await dismissTheFlags();
  return names;
}

/** The generated org's account of a user the page shows by name; the journey picks users whose names are unique. */
function accountIdOf(name: string): string {
  const matches = sandbox.ctx.org.users.filter((user) => user.name === name);
  expect(matches).toHaveLength(1);
  return matches[0]!.accountId;
}

/** Follows the run to completion in the history, then opens it: each picked user, suspended. */
async function followTheRunAndOpenIt(pickedNames: string[]): Promise<void> {
  await page.getByRole('button', { name: 'See it in Runs and audit' }).click();
  const history = page.getByRole('table', { name: 'Run history' });
  const row = history.getByRole('row').nth(1);
  await row.waitFor();
  await settle();
  await row.getByText('Completed').waitFor();
  const [, trigger, rule, , state, planned, succeeded, failed, skipped] = await cellTexts(row);
  expect({ trigger, rule, state, planned, succeeded, failed, skipped }).toEqual({
    trigger: 'Admin',
    rule: RULE_NAME,
    state: 'Completed',
    planned: '2',
    succeeded: '2',
    failed: '0',
    skipped: '0',
  });

  await row.getByRole('button', { name: /^Details of the admin run/ }).click();
  const users = page.getByRole('table', { name: 'Users in this run' });
  await users.getByRole('row').nth(2).waitFor();
  const listed = await Promise.all((await users.getByRole('row').all()).slice(1).map(cellTexts));
  expect(
    listed.map(([, user, actions, state]) => `${user!.replace(/\s+/g, ' ')}: ${actions} ${state}`).sort(),
  ).toEqual(pickedNames.map((name) => `${name} ${accountIdOf(name)}: Suspend Done`).sort());
}

async function undoOneUser(name: string): Promise<void> {
  await page.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('button', { name: 'Undo 1 selected user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo 1 user?' });
  await expect(dialog.getByRole('list', { name: 'Users to restore' }).innerText()).resolves.toBe(
    `${name}: restore (unsuspend)`,
  );
  await dialog.getByRole('button', { name: 'Undo 1 user' }).click();
  await page.getByRole('heading', { name: /^Undo run started/ }).waitFor();
  await settle();
  await page.getByRole('definition').getByText('Completed').waitFor();
  await page.getByText('1 planned, 1 succeeded, 0 failed, 0 skipped').waitFor();
}

it('connects, creates a live rule, analyses, acts on two users, follows the run and undoes one of them', async () => {
  await connectTheOrganization();
  await allowTheWholeOrganization();
  await scanFromTheOverview();
  await createANarrowLiveRule();
  const picked = await analyseAndActOnTwoUsers();
  await followTheRunAndOpenIt(picked);

  const [restored, stillSuspended] = picked.map(accountIdOf) as [string, string];
  const membership = (accountId: string) => sandbox.ctx.org.user(accountId)!.membershipStatus;
  expect([membership(restored), membership(stillSuspended)]).toEqual(['suspended', 'suspended']);

  await undoOneUser(picked[0]!);

  expect(membership(restored)).toBe('active');
  expect(membership(stillSuspended)).toBe('suspended');
  expect(problems).toEqual([]);
});
