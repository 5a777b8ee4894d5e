import type { Browser } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import type { Preview } from '../../src/contract';
import { appClient } from '../support/appClient';
import { launchChromium, openAdminPage } from '../support/browser';
import { inactivity, ruleInput, scope } from '../support/ruleInput';
import { jiraApi, startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let browser: Browser;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 400, seed: 15 });
  browser = await launchChromium();
  app = appClient(sandbox);
  await app.connect();
  // The rule editor's default action suspends, which needs organization scope (ADR 19).
  await app.enableOrgScope();
  await app.analyse();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function jiraSeats(): Promise<number> {
  const res = await jiraApi(sandbox)('GET', '/rest/api/3/applicationrole/jira-software');
  return (res.body as { userCount: number }).userCount;
}

it('saves a seat target from the rule editor, with the backend naming a bad seat count beside its field', async () => {
  const { page, problems } = await openAdminPage(browser, sandbox.url);
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByRole('button', { name: 'Create rule' }).click();
  await page.getByLabel('Name').fill('Jira under target');
  await page.getByLabel('Seat target').click();
  await page.getByRole('option', { name: /Jira/ }).first().click();
  await page.getByLabel('Seats', { exact: true }).fill('-5');
  await page.getByRole('button', { name: 'Save rule' }).click();

  await page.getByText('Seat target must be a whole number from 0 to 100,000').waitFor();
  await page.getByLabel('Seats', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await page.getByRole('cell', { name: 'Jira under target', exact: true }).waitFor();

  const rules = await app.data<Array<{ name: string; seatTarget: unknown }>>('listRules');
  expect(rules.find((r) => r.name === 'Jira under target')?.seatTarget).toEqual({
    product: expect.any(String),
    seats: 100,
  });
  expect(problems).toEqual([]);
  await page.close();
});

it('refuses a Jira Service Management rule that only portal customers could match, saying why beside the kinds of account', async () => {
  const { page, problems } = await openAdminPage(browser, sandbox.url);
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByRole('button', { name: 'Create rule' }).click();
  await page.getByLabel('Name').fill('Idle portal customers');
  await page.getByLabel('Inactive in').click();
  await page.getByRole('option', { name: 'Jira Service Management' }).click();
  await page.getByLabel(/^Staff:/).uncheck();
  await page.getByLabel(/^External:/).uncheck();
  await page.getByLabel(/^Customers:/).check();
  await page.getByRole('button', { name: 'Save rule' }).click();

  const error = page.locator('#rule-accountKinds-error');
  await error.getByText('a Jira Service Management rule acts on agents only').waitFor();
  await expect(error.innerText()).resolves.toContain('add staff or external accounts');
  const rules = await app.data<Array<{ name: string }>>('listRules');
  expect(rules.map((r) => r.name)).not.toContain('Idle portal customers');
  await page.screenshot({ path: 'docs/screenshots/seats-jsm-customers-refused.png', fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
});

it('shows the seat target sentence and each row’s billable paths in the preview', async () => {
  for (const rule of await app.data<Array<{ id: string }>>('listRules')) {
    await app.data('deleteRule', { id: rule.id });
  }
  const target = (await jiraSeats()) - 4;
  await app.data('saveRule', {
    rule: ruleInput({
      name: 'Seat target rule',
      inactivity: inactivity({ days: 30, includeNeverActive: true }),
      actions: [{ kind: 'revoke-product', product: 'jira-software' }],
      seatTarget: { product: 'jira-software', seats: target },
    }),
  });
  const { page, problems } = await openAdminPage(browser, sandbox.url);
  await page.getByRole('tab', { name: 'Analyse' }).click();
  await page.getByRole('button', { name: 'Run analysis' }).click();
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor();
  await app.settle();

  await page.getByText(`target ${target}: these 4 users, least recently active first`).waitFor();
  const table = page.getByRole('table', { name: 'Decisions of rule Seat target rule' });
  await table.getByTestId('seat-path').first().waitFor();
  const paths = await table.getByTestId('seat-path').allTextContents();
  // Each of the 4 rows is billed for Jira through the default group (and some for Confluence through theirs).
  expect(paths.filter((path) => path === 'jira-software-users (default group)')).toHaveLength(4);
  expect(paths.filter((path) => path === 'confluence-users').length).toBeGreaterThan(0);
  await page.screenshot({ path: 'docs/screenshots/seats-preview.png', fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
});

it('shows the Overview’s seats by path, the default group among them, and JSM agents apart from portal customers', async () => {
  const { page, problems } = await openAdminPage(browser, sandbox.url);
  await page.getByRole('tab', { name: 'Overview' }).click();

  await page.getByRole('heading', { name: 'Why seats are billed' }).waitFor();
  await page
    .getByText(/seats come from jira-software-users/)
    .first()
    .waitFor();
  const products = await page.getByTestId('seats-by-path-product').allTextContents();
  expect(products).toContain(`Jira: ${await jiraSeats()} seats`);
  expect(await page.getByText('jira-software-users (default group)').count()).toBe(1);
  const jsm = sandbox.ctx.org.product('jira-servicedesk')!;
  const card = page.getByTestId('service-management');
  await expect(card.getByTestId('jsm-agents').innerText()).resolves.toBe(
    String(sandbox.ctx.org.users.filter((u) => sandbox.ctx.org.consumesSeat(u, jsm)).length),
  );
  await expect(card.getByTestId('jsm-customers').innerText()).resolves.toBe(
    String(
      sandbox.ctx.org.users.filter((u) => u.accountType === 'customer' && sandbox.ctx.org.hasLiveAccess(u))
        .length,
    ),
  );
  await page.screenshot({ path: 'docs/screenshots/seats-overview.png', fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
});

it('says before acting how many of the chosen users keep their seat through another path, and which, and the run’s plan says it per user', async () => {
  for (const rule of await app.data<Array<{ id: string }>>('listRules')) {
    await app.data('deleteRule', { id: rule.id });
  }
  const group = (name: string) => sandbox.ctx.org.groupByName(name)!.id;
  const { rule } = await app.data<{ rule: { id: string } }>('saveRule', {
    rule: ruleInput({
      name: 'Leave the default group',
      scope: scope({ includeGroupIds: [group('entra-engineering')] }),
      inactivity: inactivity({ days: 30, includeNeverActive: true }),
      actions: [{ kind: 'remove-from-groups', groupIds: [group('jira-software-users')] }],
    }),
  });
  const { page, problems } = await openAdminPage(browser, sandbox.url);
  await page.getByRole('tab', { name: 'Analyse' }).click();
  await page.getByRole('button', { name: 'Run analysis' }).click();
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor();
  await app.settle();
  const preview = await app.data<Preview>('getPreview', {});
  const jira = preview.summaries[rule.id]!.seatsFreedPerProduct.find(
    (s) => s.productKey === 'jira-software',
  )!;
  const selected = preview.summaries[rule.id]!.counts.selected;
  // Every chosen engineer stays billed through the synced engineering group, which the plan leaves alone.
  expect(jira.seatsKept).toBe(selected);
  expect(selected).toBeGreaterThan(1);

  await page
    .getByRole('region', { name: 'Rule Leave the default group' })
    .getByRole('button', { name: `Act on all ${selected} users selected by the rule` })
    .click();

  const dialog = page.getByRole('dialog', { name: `Act on ${selected} users now?` });
  await expect(dialog.getByTestId('act-seats-kept').innerText()).resolves.toBe(
    `${selected} of these users keep a Jira seat through another path: entra-engineering (${selected}).`,
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const region = page.getByRole('region', { name: 'Rule Leave the default group' });
  const rows = region
    .getByRole('table', { name: 'Decisions of rule Leave the default group' })
    .getByRole('row');
  for (const row of [rows.nth(1), rows.nth(2)]) await row.getByRole('checkbox').check();
  await region.getByRole('button', { name: 'Act on 2 picked users' }).click();
  const pickedDialog = page.getByRole('dialog', { name: 'Act on 2 users now?' });
  await pickedDialog.getByTestId('act-seats-kept').waitFor();
  await expect(pickedDialog.getByTestId('act-seats-kept').innerText()).resolves.toBe(
    '2 of these users keep a Jira seat through another path: entra-engineering (2).',
  );
  await page.screenshot({ path: 'docs/screenshots/seats-act-kept.png', fullPage: true });
  await pickedDialog.getByRole('button', { name: 'Act on 2 users' }).click();
  await app.settle();

  await page.getByRole('tab', { name: 'Runs and audit' }).click();
  await page
    .getByRole('table', { name: 'Run history' })
    .getByRole('row')
    .filter({ hasText: 'Leave the default group' })
    .getByRole('button', { name: /^Details of the admin run started/ })
    .click();
  const items = page.getByRole('table', { name: 'Users in this run' });
  await items.getByTestId('run-item-seat').nth(1).waitFor();
  await expect(items.getByTestId('run-item-seat').allInnerTexts()).resolves.toEqual([
    'Jira: stays billable through entra-engineering',
    'Jira: stays billable through entra-engineering',
  ]);
  expect(problems).toEqual([]);
  await page.close();
});
