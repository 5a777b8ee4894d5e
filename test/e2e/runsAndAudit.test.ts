import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import type { RunSummary } from '../../src/app/audit/history';
import type { JobStatus } from '../../src/jobs/types';
import type { AuditEntry } from '../../src/store/auditLog';
import { CSV_HEADER } from '../../src/store/auditExport';
import { csvCell } from '../../src/store/csv';
import { appClient } from '../support/appClient';
import { launchChromium } from '../support/browser';
import { ruleInput, scope } from '../support/ruleInput';
import { runOnFirstSelected } from '../support/runOnSelected';
import { startTestSandbox } from '../support/sandbox';

/*
 * One story through the "Runs and audit" screen, each step one behaviour: the state is prepared through the
 * resolvers (connect, a live rule, analyse, a run of two users), so the test depends on no other screen.
 */

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
let runId: string;
let actedOn: string[];

async function analyse(): Promise<void> {
  const job = await app.analyse();
  expect((await app.data<JobStatus>('getJob', { jobId: job.id })).state).toBe('completed');
}

/** A completed live run that suspended two users, made through the resolvers as the Analyse screen would. */
async function completedRunOfTwoUsers(): Promise<{ runId: string; accountIds: string[] }> {
  await app.connect();
  await app.enableOrgScope();
  await analyse();
  const group = sandbox.ctx.org.groupByName('jira-software-users')!;
  const saved = await app.data<{ rule: { id: string } }>('saveRule', {
    rule: ruleInput({ scope: scope({ includeGroupIds: [group.id] }) }),
  });
  await analyse();
  const { run, acted } = await runOnFirstSelected(app, saved.rule.id);
  expect(acted).toHaveLength(2);
  return { runId: run.id, accountIds: acted.map((d) => d.accountId) };
}

const cellTexts = (row: ReturnType<Page['getByRole']>) => row.getByRole('cell').allInnerTexts();

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 300 });
  app = appClient(sandbox);
  ({ runId, accountIds: actedOn } = await completedRunOfTwoUsers());
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  await page.goto(`${sandbox.url}/`);
  await page.getByRole('tab', { name: 'Runs and audit' }).click();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await sandbox?.close();
});

it('lists the run in the history with its trigger, state and counts', async () => {
  const history = page.getByRole('table', { name: 'Run history' });
  const row = history.getByRole('row').nth(1);
  await row.waitFor();

  const [, trigger, rule, , state, planned, succeeded, failed, skipped] = await cellTexts(row);
  expect({ trigger, rule, state, planned, succeeded, failed, skipped }).toEqual({
    trigger: 'Admin',
    rule: 'Jira idle 90 days',
    state: 'Completed',
    planned: '2',
    succeeded: '2',
    failed: '0',
    skipped: '0',
  });
  expect(await history.getByRole('row').count()).toBe(2);
});

it('names the admin who started the run, with their account id under the name', async () => {
  const admin = sandbox.ctx.org.users.find((user) => user.accountId === sandbox.ctx.adminAccountId)!;
  const row = page.getByRole('table', { name: 'Run history' }).getByRole('row').nth(1);

  await row.getByText(admin.name, { exact: true }).waitFor();

  const actor = (await cellTexts(row))[3]!;
  expect(actor.split('\n')).toEqual([admin.name, admin.accountId]);
});

it("opens the run's details, listing each user it acted on with the action taken", async () => {
  await page.getByRole('button', { name: /^Details of the admin run started/ }).click();

  const users = page.getByRole('table', { name: 'Users in this run' });
  await users.getByRole('row').nth(actedOn.length).waitFor();
  const rows = await users.getByRole('row').all();
  const listed = await Promise.all(rows.slice(1).map(cellTexts));
  expect(
    listed
      .map(([, user, actions, state]) => ({ user: user!.replace(/\s+/g, ' '), actions, state }))
      .sort(byUser),
  ).toEqual(
    actedOn.map((id) => ({ user: `${nameOf(id)} ${id}`, actions: 'Suspend', state: 'Done' })).sort(byUser),
  );
});

it('undoes one chosen user after a confirmation naming them, and follows the undo run to completion', async () => {
  const [undone] = actedOn as [string, string];
  await page.getByRole('checkbox', { name: `Select ${nameOf(undone)}` }).check();
  await page.getByRole('button', { name: 'Undo 1 selected user' }).click();

  const dialog = page.getByRole('dialog', { name: 'Undo 1 user?' });
  await expect(dialog.getByRole('list', { name: 'Users to restore' }).innerText()).resolves.toBe(
    `${nameOf(undone)}: restore (unsuspend)`,
  );
  await expect(dialog.innerText()).resolves.toMatch(/written to the audit log/);
  await dialog.getByRole('button', { name: 'Undo 1 user' }).click();

  await page.getByRole('heading', { name: /^Undo run started/ }).waitFor();
  await app.settle();
  await page.getByRole('definition').getByText('Completed').waitFor();

  const runs = await app.data<{ runs: RunSummary[] }>('listRuns', {});
  const undoRun = runs.runs.find((run) => run.undoOf === runId)!;
  expect({ state: undoRun.state, counts: undoRun.counts }).toEqual({
    state: 'completed',
    counts: { planned: 1, succeeded: 1, failed: 0, skipped: 0 },
  });
  expect(sandbox.ctx.org.user(undone)!.membershipStatus).toBe('active');
  expect(sandbox.ctx.org.user(actedOn[1]!)!.membershipStatus).toBe('suspended');
});

it('marks the undone user Undone in the run they were acted on in, and the other still Done', async () => {
  const [undone, kept] = actedOn as [string, string];
  const fresh = await context.newPage();
  await fresh.goto(`${sandbox.url}/`);
  await fresh.getByRole('tab', { name: 'Runs and audit' }).click();
  await fresh.getByRole('button', { name: /^Details of the admin run started/ }).click();

  const users = fresh.getByRole('table', { name: 'Users in this run' });
  await users.getByRole('row').nth(actedOn.length).waitFor();
  const stateOf = async (id: string) => (await cellTexts(users.getByRole('row').filter({ hasText: id })))[3];
  await expect(stateOf(undone)).resolves.toBe('Undone');
  await expect(stateOf(kept)).resolves.toBe('Done');
  await fresh.close();
});

it("finds a user's audit entries by account id: the suspension and its undo", async () => {
  const [user] = actedOn as [string];
  await page.getByLabel('Account id').fill(user);
  await page.getByRole('button', { name: 'Search' }).click();

  const results = page.getByRole('table', { name: 'Audit search results' });
  await results.getByRole('row').nth(2).waitFor();
  const rows = (await results.getByRole('row').all()).slice(1);
  const shown = await Promise.all(rows.map(cellTexts));
  expect(shown.every(([, userCell]) => userCell!.includes(user))).toBe(true);
  expect(shown.map(([, , action, , state]) => `${action} ${state}`).sort()).toEqual([
    'Suspend Succeeded',
    'Undo: suspend Succeeded',
  ]);
  const backend = await app.data<{ entries: AuditEntry[] }>('searchAudit', { accountId: user });
  expect(shown).toHaveLength(backend.entries.length);
});

it('exports the filtered audit entries as a CSV download with the documented header line', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);

  expect(download.suggestedFilename()).toMatch(/^inactive-user-cleanup-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  expect(csv.slice(0, CSV_HEADER.length)).toBe(CSV_HEADER);
  expect(csv.split('\r\n').filter((line) => line.includes(actedOn[0]!))).toHaveLength(2);
});

it('names the admin and the rule in the CSV, each beside its id', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const admin = sandbox.ctx.adminAccountId;

  const suspension = csv
    .split('\r\n')
    .find((line) => line.includes(`,${actedOn[0]},`) && line.includes(',suspend,'));
  expect(suspension).toContain(`,${csvCell(admin)},${csvCell(nameOf(admin))},${actedOn[0]},`);
  expect(suspension).toContain(`,${csvCell('Jira idle 90 days')},${csvCell(admin)},`);
});

it('raised no page errors along the way', () => {
  expect(problems).toEqual([]);
});

function nameOf(accountId: string): string {
  return sandbox.ctx.org.user(accountId)!.name;
}

function byUser(a: { user?: string }, b: { user?: string }): number {
  return (a.user ?? '').localeCompare(b.user ?? '');
}
