import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import type { PreviewDecision } from '../../src/contract';
import { appClient } from '../support/appClient';
import { launchChromium, openAdminPage } from '../support/browser';
import { runOnFirstSelected } from '../support/runOnSelected';
import { inactivity, ruleInput, scope } from '../support/ruleInput';
import { startTestSandbox } from '../support/sandbox';
import { saveWarningNotifications } from '../support/warningNotifications';

/*
 * What the Analyse screen promises before acting, and what it shows after acting. With seed 42 and 300 users the
 * engineering group has more idle users than the warning rule's limit of 3. The state is prepared through the
 * resolvers.
 */

const WARN_RULE = 'Warn idle engineers';
const ACT_RULE = 'Idle engineers';

let sandbox: RunningSandbox;
let app: ReturnType<typeof appClient>;
let browser: Browser;
let page: Page;
let problems: string[];
let actRuleId: string;
let warnRuleId: string;
/** Users each rule selects (both judge the same scope and inactivity). */
let selected: number;

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 300 });
  app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();
  await app.analyse();
  await saveWarningNotifications(app, sandbox);
  const engineering = scope({ includeGroupIds: [sandbox.ctx.org.groupByName('dept-engineering')!.id] });
  warnRuleId = (
    await app.data<{ rule: { id: string } }>('saveRule', {
      rule: ruleInput({
        name: WARN_RULE,
        scope: engineering,
        inactivity: inactivity({ days: 180 }),
        warning: { days: 14 },
        limits: { maxUsersPerRun: 3, maxPercentOfScope: 100 },
      }),
    })
  ).rule.id;
  actRuleId = (
    await app.data<{ rule: { id: string } }>('saveRule', {
      rule: ruleInput({
        name: ACT_RULE,
        scope: engineering,
        inactivity: inactivity({ days: 180 }),
        limits: { maxUsersPerRun: 1000, maxPercentOfScope: 100 },
      }),
    })
  ).rule.id;
  await app.analyse();
  const preview = await app.data<{ id: string }>('getPreview', {});
  selected = (
    await app.data<{ total: number }>('getPreviewDecisions', {
      previewId: preview.id,
      ruleId: actRuleId,
      outcome: 'selected',
      limit: 1,
    })
  ).total;
  expect(selected).toBeGreaterThan(6);
  browser = await launchChromium();
  ({ page, problems } = await openAdminPage(browser, sandbox.url));
  await page.getByRole('tab', { name: 'Analyse' }).click();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const decisionsOf = (rule: string) => page.getByRole('table', { name: `Decisions of rule ${rule}` });
const resultsOf = (rule: string) => page.getByRole('region', { name: `Rule ${rule}` });

describe('Confirmations that say exactly what happens', () => {
  it('disables "Act on all" that the rule’s limit would refuse, and says why beside it', async () => {
    await decisionsOf(WARN_RULE)
      .getByText(/days ago/)
      .first()
      .waitFor();
    const actOnAll = resultsOf(WARN_RULE).getByRole('button', {
      name: `Act on all ${selected} users selected by the rule`,
    });

    await expect(actOnAll.isDisabled()).resolves.toBe(true);
    await expect(resultsOf(WARN_RULE).getByTestId('act-limit').innerText()).resolves.toMatch(
      new RegExp(
        `^This run would act on ${selected} users, above the rule's limit of 3 per run\\. Pick fewer users`,
      ),
    );
  });

  it('for a warning rule, says it warns now and acts on <date> on those still inactive, with their names', async () => {
    const rows = decisionsOf(WARN_RULE).getByRole('row');
    const names: string[] = [];
    for (const row of [rows.nth(1), rows.nth(2)]) {
      await row.getByRole('checkbox').check();
      names.push(await row.getByRole('cell').nth(1).innerText());
    }

    await resultsOf(WARN_RULE).getByRole('button', { name: 'Act on 2 picked users' }).click();

    const dialog = page.getByRole('dialog', { name: 'Warn 2 users now?' });
    await expect(dialog.getByTestId('act-names').innerText()).resolves.toBe(names.join(', '));
    await expect(dialog.getByTestId('act-what').innerText()).resolves.toMatch(
      /^This warns them now by e-mail and changes nothing else today\. On .+ \(14 days from now\), those still inactive are acted on:$/,
    );
    await expect(dialog.getByRole('button', { name: 'Warn 2 users' }).count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('lists the first five names and "+N more", and the seats acting on all frees', async () => {
    await resultsOf(ACT_RULE)
      .getByRole('button', { name: `Act on all ${selected} users selected by the rule` })
      .click();

    const dialog = page.getByRole('dialog', { name: `Act on ${selected} users now?` });
    await expect(dialog.getByTestId('act-names').innerText()).resolves.toMatch(
      new RegExp(`^([^,]+, ){4}[^,]+ \\+${selected - 5} more$`),
    );
    await expect(dialog.getByTestId('act-seats').innerText()).resolves.toMatch(
      /^Seats freed: (.+, )?Jira: \d+ seats?/,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('Searching the decisions', () => {
  it('finds a user by their e-mail address', async () => {
    const first = decisionsOf(ACT_RULE).getByRole('row').nth(1);
    const [, name, email] = await first.getByRole('cell').allInnerTexts();

    await resultsOf(ACT_RULE).getByLabel('Search by name, e-mail, account id or reason').fill(email!);

    await resultsOf(ACT_RULE).getByText('1 user listed.').waitFor();
    await expect(decisionsOf(ACT_RULE).getByRole('row').nth(1).innerText()).resolves.toContain(name);
    await resultsOf(ACT_RULE).getByLabel('Search by name, e-mail, account id or reason').fill('');
  });
});

describe('One fresh set of numbers after a run', () => {
  let acted: PreviewDecision[];

  beforeAll(async () => {
    ({ acted } = await runOnFirstSelected(app, actRuleId));
  });

  it('no longer selects users a run acted on, in an analysis that reuses the scan', async () => {
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor();
    await app.settle();
    await resultsOf(ACT_RULE)
      .getByRole('button', { name: `Act on all ${selected - 2} users selected by the rule` })
      .waitFor();

    for (const { name } of acted) {
      await expect(
        decisionsOf(ACT_RULE)
          .getByRole('row', { name: new RegExp(name) })
          .count(),
      ).resolves.toBe(0);
    }
  });

  it('counts the admin’s run as the rule’s last run in the rules list', async () => {
    await page.getByRole('tab', { name: 'Rules' }).click();

    const row = page.getByRole('row').filter({ hasText: ACT_RULE }).filter({ hasNotText: WARN_RULE });
    await row
      .getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/)
      .first()
      .waitFor();
  });

  it('shows the Overview’s figures with the run’s changes, and says so', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();

    await page.getByText('The figures include what runs changed since the scan (2 users).').waitFor();
    expect(problems).toEqual([]);
  });
});

describe('History that adds up', () => {
  it('counts the users a warning run warned, in the run history', async () => {
    await runOnFirstSelected(app, warnRuleId);

    await page.getByRole('tab', { name: 'Runs and audit' }).click();

    const row = page
      .getByRole('table', { name: 'Run history' })
      .getByRole('row')
      .filter({ hasText: WARN_RULE });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.slice(5, 10)).toEqual(['2', '0', '0', '0', '2']);
  });

  it('lists the users a warning run warned as Warned in its items, not Skipped', async () => {
    const row = page
      .getByRole('table', { name: 'Run history' })
      .getByRole('row')
      .filter({ hasText: WARN_RULE });
    await row.getByRole('button', { name: /^Details of the admin run started/ }).click();

    const users = page.getByRole('table', { name: 'Users in this run' });
    await users.getByRole('row').nth(2).waitFor();
    await expect(users.getByText('Warned', { exact: true }).count()).resolves.toBe(2);
    await expect(users.getByText('Skipped', { exact: true }).count()).resolves.toBe(0);
  });
});
