/*
 * Screenshots of every screen of the admin page for the README: `npm run screenshots` (not part of `npm test`).
 * Starts the sandbox (2,000 users, seed 42, a fixed clock), connects through Get started, prepares a realistic state
 * through the resolvers (scripts/screenshots/demoState.ts) and saves docs/screenshots/<screen>.png, 1280 px wide, full-page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT, startSandbox, type RunningSandbox } from '../sandbox/start';
import { appClient } from '../test/support/appClient';
import { launchChromium } from '../test/support/browser';
import { prepareDemoState, type DemoState } from './screenshots/demoState';

const OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 900 };
const SANDBOX = { users: 2_000, seed: 42, now: new Date('2026-11-22T09:00:00Z') };

interface Shooter {
  open(query?: string): Promise<Page>;
  openTab(name: string): Promise<Page>;
  /** Saves the page as docs/screenshots/<name>.png, then closes it unless told to keep it open. */
  shoot(page: Page, name: string, options?: { keepOpen?: boolean }): Promise<void>;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'screenshots-'));
  const sandbox = await startSandbox({ ...SANDBOX, port: 0, appDir: REPO_ROOT, dataDir });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      deviceScaleFactor: 1,
      locale: 'en-US',
      timezoneId: 'UTC',
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    const shooter = shooterFor(context, sandbox);
    fs.mkdirSync(OUT_DIR, { recursive: true });

    await getStarted(shooter, sandbox);
    const state = await prepareDemoState(sandbox, appClient(sandbox));
    await overview(shooter);
    await rules(shooter, state);
    await analyse(shooter, state);
    await pending(shooter, state);
    await notifications(shooter);
    await runsAndAudit(shooter);
    await settings(shooter);
  } finally {
    await browser.close();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function shooterFor(context: BrowserContext, sandbox: RunningSandbox): Shooter {
  const open = async (query = '') => {
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/${query}`);
    return page;
  };
  return {
    open,
    openTab: async (name) => {
      const page = await open();
      await page.getByRole('tab', { name }).click();
      return page;
    },
    shoot: async (page, name, { keepOpen = false } = {}) => {
      // Off every control, so no hover style or tooltip is captured.
      await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1);
      const file = path.join(OUT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      console.log(`saved ${path.relative(REPO_ROOT, file)}`);
      if (!keepOpen) await page.close();
    },
  };
}

/** Get started with the org id and key entered, then the checks of the saved connection once tested. */
async function getStarted({ open, shoot }: Shooter, sandbox: RunningSandbox): Promise<void> {
  const page = await open();
  await page.getByLabel('Organization id').fill(sandbox.ctx.org.identity.orgId);
  await page.getByLabel('Organization API key').fill(sandbox.ctx.credentials.orgApiKey);
  await shoot(page, 'get-started', { keepOpen: true });

  await page.getByRole('button', { name: 'Save connection' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByRole('button', { name: 'Continue' }).scrollIntoViewIfNeeded();
  await shoot(page, 'get-started-checks');
}

async function overview({ open, shoot }: Shooter): Promise<void> {
  for (const [query, name] of [
    ['', 'overview'],
    ['?theme=dark', 'overview-dark'],
  ] as const) {
    const page = await open(query);
    await page.getByRole('heading', { name: 'Users by state' }).waitFor();
    await page.getByTestId('yearly-savings').waitFor();
    await shoot(page, name);
  }
}

async function rules({ openTab, shoot }: Shooter, { ruleNames }: DemoState): Promise<void> {
  const list = await openTab('Rules');
  await list.getByRole('cell', { name: ruleNames.warning, exact: true }).waitFor();
  await shoot(list, 'rules');

  const editor = await openTab('Rules');
  await editor.getByRole('button', { name: `Edit rule ${ruleNames.live}` }).click();
  await editor.getByText(/users? would be selected now/).waitFor();
  await editor.getByRole('button', { name: 'Save rule' }).scrollIntoViewIfNeeded();
  await shoot(editor, 'rule-editor');
}

/** The analysis with its results, then the confirmation before acting on three picked contractors. */
async function analyse({ openTab, shoot }: Shooter, { ruleNames }: DemoState): Promise<void> {
  const page = await openTab('Analyse');
  const table = page.getByRole('table', { name: `Decisions of rule ${ruleNames.previewOnly}` });
  await table
    .getByText(/days ago/)
    .first()
    .waitFor();
  await shoot(page, 'analyse');

  const withDialog = await openTab('Analyse');
  const live = withDialog.getByRole('table', { name: `Decisions of rule ${ruleNames.live}` });
  await live
    .getByText(/days ago/)
    .first()
    .waitFor();
  for (const row of [1, 2, 3]) await live.getByRole('row').nth(row).getByRole('checkbox').check();
  await withDialog.getByRole('button', { name: 'Act on 3 picked users' }).click();
  await withDialog.getByRole('dialog', { name: 'Act on 3 users now?' }).waitFor();
  await shoot(withDialog, 'analyse-confirm');
}

async function pending({ openTab, shoot }: Shooter, { pendingUsers }: DemoState): Promise<void> {
  if (pendingUsers === 0)
    throw new Error('The demo state left nobody pending; the Pending screenshot would be empty.');
  const page = await openTab('Pending');
  await page.getByRole('table', { name: 'Pending users' }).getByRole('row').nth(1).waitFor();
  await shoot(page, 'pending');
}

async function notifications({ openTab, shoot }: Shooter): Promise<void> {
  const page = await openTab('Notifications');
  await page.getByRole('heading', { name: 'Preview for a sample user' }).waitFor();
  await page
    .getByText(/access will be removed on \d{4}-\d{2}-\d{2}/)
    .first()
    .waitFor();
  await shoot(page, 'notifications');
}

/** The run history (the admin run and its undo), then the admin run's details. */
async function runsAndAudit({ openTab, shoot }: Shooter): Promise<void> {
  const history = await openTab('Runs and audit');
  await history.getByRole('table', { name: 'Run history' }).getByRole('row').nth(3).waitFor();
  await shoot(history, 'runs-and-audit');

  const details = await openTab('Runs and audit');
  await details
    .getByRole('button', { name: /^Details of the admin run/ })
    .last()
    .click();
  await details.getByRole('table', { name: 'Users in this run' }).getByRole('row').nth(1).waitFor();
  await shoot(details, 'run-details');
}

async function settings({ openTab, shoot }: Shooter): Promise<void> {
  const page = await openTab('Settings');
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.getByText(/^A key is stored/).waitFor();
  await page.getByRole('heading', { name: 'Protected users and groups' }).waitFor();
  await shoot(page, 'settings');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
