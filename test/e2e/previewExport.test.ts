import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { launchChromium, openAdminPage } from '../support/browser';
import { inactivity, ruleInput } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';

/*
 * Preview export from the Analyse decision table. The sandbox's second site holds people with hostile display
 * names; a rule on every product's idleness has them in its scope.
 */

const RULE = 'Idle everywhere';
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
  const saved = await app.data<{ saved: boolean }>('saveRule', {
    rule: ruleInput({ name: RULE, inactivity: inactivity({ product: 'any', days: 90 }) }),
  });
  expect(saved.saved).toBe(true);
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
