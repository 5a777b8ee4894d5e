import type { Page } from 'playwright-core';

/* The screen pass's own steps (test/e2e/screenPass.test.ts): what the new admin types on each screen. */

export const WARN_RULE = 'Warn idle engineers';
const ENGINEERING = 'dept-engineering';

/** Notifications set up as an admin would: the project for warning issues, an e-mail body and a contact. */
export async function setUpNotifications(page: Page): Promise<void> {
  await page.locator('#projectKey').fill('ENG');
  await page.getByRole('option', { name: /\(ENG\)/ }).click();
  await page.getByLabel('E-mail body').fill('Hello {name}, open {issueLink} before {dueDate}.');
  await page.getByLabel('Who users can contact').fill('it-help@example.com');
  await page.getByRole('button', { name: 'Save notification settings' }).click();
}

/** The warning rule as the admin types it, with `days` of inactivity. */
export async function fillTheWarningRule(page: Page, days: string): Promise<void> {
  await page.getByLabel('Name').fill(WARN_RULE);
  await page.getByRole('radio', { name: /^Live/ }).check();
  await page.getByLabel('Only members of these groups').fill('engineering');
  await page.getByRole('option', { name: new RegExp(`^${ENGINEERING} `) }).click();
  await page.getByLabel('Days without activity').fill(days);
  await page.getByLabel('Warn users first (days)').fill('14');
  await page.getByLabel('Most users per run').fill('3');
  await page.getByLabel('Most % of the users in scope').fill('100');
}

/** A rule's results on the Analyse screen: its region, its decisions table and its search box. */
export function onAnalyse(pageNow: () => Page) {
  const resultsOf = (rule: string) => pageNow().getByRole('region', { name: `Rule ${rule}` });
  return {
    resultsOf,
    decisionsOf: (rule: string) => pageNow().getByRole('table', { name: `Decisions of rule ${rule}` }),
    searchOf: (rule: string) => resultsOf(rule).getByLabel('Search by name, e-mail, account id or reason'),
  };
}
