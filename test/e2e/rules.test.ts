import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { launchChromium } from '../support/browser';
import { ruleInput } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

let sandbox: RunningSandbox;
let browser: Browser;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 600, seed: 7 });
  browser = await launchChromium();
  app = appClient(sandbox);
  // Connected and scanned through the resolvers, so these tests do not depend on the Get started screen.
  await app.connect();
  // The rule form's default action suspends, which needs organization scope (ADR 19).
  await app.enableOrgScope();
  await app.analyse();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

interface ListedRule {
  id: string;
  name: string;
  scope: { includeGroupIds: string[] };
}

async function openTab(name: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${sandbox.url}/`);
  await page.getByRole('tab', { name }).click();
  return page;
}

it('creates a rule through the form, with a searching group picker and a live count', async () => {
  const page = await openTab('Rules');
  await page.getByRole('button', { name: 'Create rule' }).click();

  await page.getByLabel('Name').fill('Idle software users');
  await page.getByLabel('Only members of these groups').fill('software-us');
  await page.getByRole('option', { name: /jira-software-users/ }).click();
  await page.getByLabel('Days without activity').fill('60');
  await page.getByText(/users? in scope, .* would be selected now/).waitFor();
  await page.getByRole('button', { name: 'Save rule' }).click();

  await page.getByRole('cell', { name: 'Idle software users', exact: true }).waitFor();
  const rules = await app.data<ListedRule[]>('listRules');
  const group = sandbox.ctx.org.groupByName('jira-software-users')!;
  expect(rules.find((r) => r.name === 'Idle software users')?.scope.includeGroupIds).toEqual([group.id]);
  await page.close();
});

it("shows the backend's message beside the field of an invalid rule, and saves nothing", async () => {
  const before = await app.data<ListedRule[]>('listRules');
  const page = await openTab('Rules');
  await page.getByRole('button', { name: 'Create rule' }).click();

  await page.getByLabel('Name').fill('Never saved');
  await page.getByLabel('Days without activity').fill('0');
  await page.getByRole('button', { name: 'Save rule' }).click();

  const days = page.getByLabel('Days without activity');
  await page.getByText('Days without activity must be a whole number from 1 to 3,650').waitFor();
  const describedBy = await days.getAttribute('aria-describedby');
  expect(await page.locator(`#${describedBy}`).textContent()).toContain(
    'Days without activity must be a whole number from 1 to 3,650',
  );
  expect(await app.data<ListedRule[]>('listRules')).toEqual(before);
  await page.close();
});

it('analyses, shows each user with the reason, and acts on a picked user after a confirmation', async () => {
  await app.data('saveRule', { rule: ruleInput({ name: 'Live idle rule' }) });
  const page = await openTab('Analyse');

  await page.getByRole('button', { name: 'Run analysis' }).click();
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor();
  // The test sandbox delivers queued job steps only when asked: time passing on Forge.
  await app.settle();
  const table = page.getByRole('table', { name: 'Decisions of rule Live idle rule' });
  await table
    .getByText(/days ago/)
    .first()
    .waitFor();
  const previewOnly = page.getByRole('table', { name: 'Decisions of rule Idle software users' });
  await previewOnly
    .getByText(/days ago/)
    .first()
    .waitFor();
  expect(await page.getByText(/This rule is preview-only/).count()).toBe(1);

  await table.getByRole('row').nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Act on 1 picked user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(/suspend their access/).waitFor();
  expect(await dialog.textContent()).toMatch(/audit log .* undone/);
  await dialog.getByRole('button', { name: 'Act on 1 user' }).click();

  await page.getByText('The run has started').waitFor();
  const { runs } = await app.data<{ runs: Array<{ counts: { planned: number } }> }>('listRuns', {});
  expect(runs.map((r) => r.counts.planned)).toEqual([1]);
  await page.getByRole('button', { name: 'See it in Runs and audit' }).click();
  await page.getByRole('tab', { name: 'Runs and audit', selected: true }).waitFor();
  await page.close();
});
