import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import type { PreviewDecision } from '../../src/store/previewRow';
import { appClient } from '../support/appClient';
import { launchChromium, openAdminPage } from '../support/browser';
import { inactivity, ruleInput } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

/*
 * The Analyse decision table: preview export and picking every matching user. The sandbox's second site holds
 * people with hostile display names; a rule on every product's idleness has them in its scope. Both rules select
 * more users than one page of the table shows (50).
 */

const RULE = 'Idle everywhere';
const LIMITED_RULE = 'Ten idle users a run';
const HOSTILE = '=HYPERLINK("http://evil.example","x")';

let sandbox: RunningSandbox;
/** Everyone in the scope of RULE, as the latest analysis judged them. */
let inScope: PreviewDecision[];
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 300 });
  const app = appClient(sandbox);
  await app.connect();
  await app.analyse();
  await app.enableOrgScope();
  for (const [name, maxUsersPerRun] of [
    [RULE, 1000],
    [LIMITED_RULE, 10],
  ] as const) {
    const saved = await app.data<{ saved: boolean }>('saveRule', {
      rule: ruleInput({
        name,
        inactivity: inactivity({ product: 'any', days: 30 }),
        limits: { maxUsersPerRun, maxPercentOfScope: 100 },
      }),
    });
    expect(saved.saved).toBe(true);
  }
  await app.analyse();
  const preview = await app.data<{ id: string; ruleIds: string[] }>('getPreview', {});
  const rules = await app.data<Array<{ id: string; name: string }>>('listRules');
  const ruleId = rules.find((r) => r.name === RULE)!.id;
  const everyone = await app.data<{ total: number; items: PreviewDecision[] }>('getPreviewDecisions', {
    previewId: preview.id,
    ruleId,
    limit: 500,
  });
  expect(everyone.total).toBeLessThanOrEqual(500);
  inScope = everyone.items;
  browser = await launchChromium();
  ({ page, problems } = await openAdminPage(browser, sandbox.url));
  await page.getByRole('tab', { name: 'Analyse' }).click();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const resultsOf = (rule: string) => page.getByRole('region', { name: `Rule ${rule}` });

async function downloadCsv(): Promise<{ filename: string; lines: string[] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    resultsOf(RULE).getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  return { filename: download.suggestedFilename(), lines: text.split('\r\n').slice(0, -1) };
}

describe('Preview export', () => {
  it('downloads everyone in scope as CSV, a hostile name neutralised and the account id in its own column', async () => {
    const hostile = sandbox.ctx.org.users.find((u) => u.name === HOSTILE)!;
    await resultsOf(RULE).getByLabel('Show').click();
    await page.getByRole('option', { name: 'Everyone in scope' }).click();

    const { filename, lines } = await downloadCsv();

    expect(filename).toMatch(/^inactive-user-cleanup-preview-.+\.csv$/);
    expect(lines[0]).toBe('name,accountId,outcome,lastActiveAt,why');
    const row = lines.find((line) => line.includes(hostile.accountId));
    expect(row!.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",${hostile.accountId},`)).toBe(true);
    expect(lines.filter((line) => /^[=+\-@\t]/.test(line))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('downloads only the outcome the table shows', async () => {
    await resultsOf(RULE).getByLabel('Show').click();
    await page.getByRole('option', { name: 'Protected', exact: true }).click();

    const { filename, lines } = await downloadCsv();

    expect(filename).toMatch(/-protected\.csv$/);
    expect(lines.slice(1).every((line) => line.split(',').includes('protected'))).toBe(true);
    await resultsOf(RULE)
      .getByText(`${lines.length - 1} users listed.`)
      .waitFor({ timeout: 5000 });
  });
});

describe('Picking every matching user', () => {
  it('picks the selected users of every page, not only the one on screen', async () => {
    await resultsOf(RULE).getByLabel('Show').click();
    await page.getByRole('option', { name: 'Selected', exact: true }).click();
    const pickAll = resultsOf(RULE).getByRole('button', { name: /^Pick all \d+ matching users$/ });
    const count = Number((await pickAll.innerText()).match(/\d+/)![0]);
    expect(count).toBeGreaterThan(50);

    await pickAll.click();

    await resultsOf(RULE)
      .getByText(`${count} users listed, ${count} users picked.`)
      .waitFor({ timeout: 5000 });
    await expect(
      resultsOf(RULE)
        .getByRole('button', { name: `Act on ${count} picked users` })
        .isEnabled(),
    ).resolves.toBe(true);
  });

  it('is disabled with the reason when the rule’s limit would refuse that many', async () => {
    const pickAll = resultsOf(LIMITED_RULE).getByRole('button', { name: /^Pick all \d+ matching users$/ });

    await expect(pickAll.isDisabled()).resolves.toBe(true);
    await expect(resultsOf(LIMITED_RULE).getByTestId('pick-all-limit').innerText()).resolves.toMatch(
      /above the rule's limit of 10 per run/,
    );
  });
});

/** The table set back to everyone in RULE's scope, with no filter, search or pick. */
async function freshTable(): Promise<void> {
  await page.reload();
  await resultsOf(RULE).getByLabel('Show').click();
  await page.getByRole('option', { name: 'Everyone in scope' }).click();
  await listed(inScope.length);
}

const listed = (count: number) =>
  resultsOf(RULE)
    .getByRole('status')
    .filter({ hasText: new RegExp(`^${count} users? listed`) })
    .waitFor({ timeout: 10_000 });

const userOf = (accountId: string) => sandbox.ctx.org.users.find((u) => u.accountId === accountId)!;

describe('Filters', () => {
  beforeEach(freshTable);

  it('lists only users at the e-mail domain, counted across every page', async () => {
    const domains = inScope.map((d) => userOf(d.accountId).email.split('@')[1]!);
    const domain = domains.sort(
      (a, b) => domains.filter((x) => x === b).length - domains.filter((x) => x === a).length,
    )[0]!;
    const atDomain = inScope.filter((d) => userOf(d.accountId).email.endsWith(`@${domain}`));
    expect(atDomain.length).toBeLessThan(inScope.length);

    await resultsOf(RULE).getByLabel('E-mail domain').fill(domain.toUpperCase());

    await listed(atDomain.length);
    const { lines } = await downloadCsv();
    const file = lines.join('\r\n');
    const inFile = inScope.filter((d) => file.includes(`,${d.accountId},`));
    expect(inFile.map((d) => d.accountId).sort()).toEqual(atDomain.map((d) => d.accountId).sort());
  });

  it('lists only the account kinds ticked', async () => {
    const apps = inScope.filter((d) => userOf(d.accountId).accountType === 'app');

    await resultsOf(RULE).getByLabel('People (Atlassian accounts)').uncheck();
    await resultsOf(RULE).getByLabel('Service management customers').uncheck();

    await listed(apps.length);
  });

  it('lists only users never active on the product', async () => {
    await resultsOf(RULE).getByLabel('Last active').click();
    await page.getByRole('option', { name: 'Never', exact: true }).click();

    await listed(inScope.filter((d) => d.lastActiveAt === null).length);
  });

  it('says beside its field why a date range is refused', async () => {
    await resultsOf(RULE).getByLabel('Last active').click();
    await page.getByRole('option', { name: 'Between dates' }).click();
    await resultsOf(RULE).getByLabel('Active from').fill('2026-02-01');
    await resultsOf(RULE).getByLabel('Active to (inclusive)').fill('2026-01-01');

    await resultsOf(RULE).getByText('Must not be before the start date (2026-02-01)').waitFor();
    await resultsOf(RULE).getByLabel('Active to (inclusive)').fill('2026-03-01');
    await resultsOf(RULE).getByText('Must not be before the start date').waitFor({ state: 'detached' });
  });

  it('picks every selected member of the group, on every page', async () => {
    const group = sandbox.ctx.org.groupByName('jira-software-users')!;
    const members = new Set(sandbox.ctx.org.membersOf(group.id));
    const selectedMembers = inScope.filter((d) => d.outcome === 'selected' && members.has(d.accountId));
    expect(selectedMembers.length).toBeGreaterThan(50);

    await resultsOf(RULE).getByLabel('Group').fill('jira-software-users');
    await page.getByRole('option', { name: /^jira-software-users \(/ }).click();
    const pickAll = resultsOf(RULE).getByRole('button', {
      name: `Pick all ${selectedMembers.length} matching users`,
    });
    await pickAll.click();

    await resultsOf(RULE)
      .getByRole('button', { name: `Act on ${selectedMembers.length} picked users` })
      .waitFor();
  });
});

describe('The action bar', () => {
  it('stays in view with its count and buttons after scrolling to the bottom of a long table', async () => {
    await freshTable();
    const table = resultsOf(RULE).getByRole('table', { name: `Decisions of rule ${RULE}` });
    await table.getByRole('row').last().scrollIntoViewIfNeeded();

    const bar = resultsOf(RULE).getByRole('region', { name: `Actions on the users of ${RULE}` });
    const box = (await bar.boundingBox())!;
    const tableBox = (await table.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(tableBox.y + tableBox.height).toBeLessThanOrEqual(viewport.height);
    expect(tableBox.y).toBeLessThan(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    await expect(bar.getByRole('button', { name: 'Download CSV' }).isVisible()).resolves.toBe(true);
    await expect(bar.getByRole('status').innerText()).resolves.toMatch(/users listed/);
  });
});
