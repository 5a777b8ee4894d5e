import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { appClient } from '../support/appClient';
import { collectProblems, launchChromium } from '../support/browser';
import { ruleInput } from '../support/ruleInput';
import { runOnFirstSelected } from '../support/runOnSelected';
import { startTestSandbox } from '../support/sandbox';

/*
 * The look of Jira at 800 px wide on a large sandbox: no screen scrolls the page sideways (tables scroll in their own
 * box), chart labels carry thousands separators, the seats charts draw their pricing tier lines, and row checkboxes
 * are drawn with the design tokens. The state (a scan, a rule, an analysis, a run) is prepared through the resolvers.
 */

const SCREENS = ['overview', 'rules', 'analyse', 'pending', 'notifications', 'runs', 'settings'];
const RULE = 'Jira idle 90 days';

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ users: 5_000 });
  const app = appClient(sandbox);
  await app.connect();
  await app.enableOrgScope();
  await app.analyse();
  const ruleId = (await app.data<{ rule: { id: string } }>('saveRule', { rule: ruleInput({ name: RULE }) }))
    .rule.id;
  await app.analyse();
  await runOnFirstSelected(app, ruleId);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  problems = collectProblems(page);
  await page.goto(`${sandbox.url}/`);
  await page.getByRole('heading', { name: 'Users by state' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** How far the page is wider than the window, in CSS pixels: 0 when nothing scrolls sideways. */
const sidewaysOverflow = () => page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth);

describe('At 800 px wide', () => {
  it.each(SCREENS)('the %s screen does not scroll the page sideways', async (screen) => {
    await page.getByTestId(`tab-${screen}`).click();
    await page.waitForLoadState('networkidle');
    await page.locator('.screen').waitFor();
    if (screen === 'analyse') await page.getByRole('table', { name: `Decisions of rule ${RULE}` }).waitFor();
    if (screen === 'runs') await page.getByRole('table', { name: 'Run history' }).waitFor();

    await expect(sidewaysOverflow()).resolves.toBeLessThanOrEqual(0);
  });

  it('scrolls a wide table inside its own box', async () => {
    await page.getByTestId('tab-analyse').click();
    const table = page.getByRole('table', { name: `Decisions of rule ${RULE}` });
    await table.waitFor();

    const box = await table.evaluate(
      (el) => el.ownerDocument.defaultView!.getComputedStyle(el.parentElement!).overflowX,
    );
    expect(box).toBe('auto');
    await expect(sidewaysOverflow()).resolves.toBeLessThanOrEqual(0);
  });
});

describe('Charts', () => {
  beforeAll(async () => {
    await page.getByTestId('tab-overview').click();
    await page.getByRole('heading', { name: 'Users by state' }).waitFor();
  });

  it('write counts on their axes with thousands separators', async () => {
    const ticks = await page.locator('.chart .recharts-cartesian-axis-tick-value').allTextContents();

    expect(ticks.filter((tick) => /^\d{1,3}(,\d{3})+$/.test(tick)).length).toBeGreaterThan(0);
    expect(ticks.filter((tick) => /^\d{4,}$/.test(tick))).toEqual([]);
  });

  it("draw the Jira seats' pricing tier lines, labelled with thousands separators", async () => {
    const seats = page.getByRole('region', { name: 'Jira: seats' });

    const tiers = seats.locator('.tier-line');
    expect(await tiers.count()).toBeGreaterThan(0);
    const labels = await seats.locator('.chart .recharts-label').allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(await tiers.count());
    expect(labels.filter((label) => /^\d{1,3}(,\d{3})+$/.test(label)).length).toBeGreaterThan(0);
  });

  it('keep every label inside the chart', async () => {
    const clipped = await page.locator('.chart svg').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .map((text) => ({ text: text.textContent ?? '', box: text.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0)
          .filter(
            ({ box }) =>
              box.left < frame.left - 1 ||
              box.right > frame.right + 1 ||
              box.top < frame.top - 1 ||
              box.bottom > frame.bottom + 1,
          )
          .map(({ text }) => text);
      }),
    );

    expect(clipped).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('Row checkboxes', () => {
  it('are drawn with the design tokens, not the browser default', async () => {
    await page.getByTestId('tab-analyse').click();
    const box = page
      .getByRole('table', { name: `Decisions of rule ${RULE}` })
      .getByRole('checkbox')
      .nth(1);
    await box.check();

    const look = await box.evaluate((el) => {
      const style = el.ownerDocument.defaultView!.getComputedStyle(el);
      return { appearance: style.appearance, background: style.backgroundColor };
    });
    expect(look.appearance).toBe('none');
    expect(look.background).not.toBe('rgba(0, 0, 0, 0)');
  });
});
