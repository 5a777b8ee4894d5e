import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
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
