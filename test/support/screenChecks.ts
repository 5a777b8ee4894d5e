import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../sandbox/start';

/*
 * What an admin reads on a screen, as checks a scripted pass through the page can run on every screen: the visible
 * text, its date-time formats, names where ids would be, the page's width at 800 px, and the progress texts a job
 * showed on its way.
 */

/** Everything the screen shows as text, charts' SVG labels included. */
export function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** The page's one date-time format: "2026-11-22 09:00 UTC". A day alone is written "2026-11-22". */
const ONE_DATE_TIME = /\b\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b/g;
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
const OTHER_DATE_FORMATS: readonly RegExp[] = [
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\S*/g,
  /\b\d{1,2}:\d{2}(?::\d{2})?\b(?! UTC)(?:\s*[AP]M)?/gi,
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g,
  /\b\d{1,2}\.\d{1,2}\.\d{4}\b/g,
  new RegExp(`\\b${MONTH} \\d{1,2}(?:, \\d{4})?\\b`, 'g'),
  new RegExp(`\\b\\d{1,2} ${MONTH}(?: \\d{4})?\\b`, 'g'),
];

/** Dates and times written in any other way than the page's one format (a time of day without its zone included). */
export function otherDateTimeFormats(text: string): string[] {
  const rest = text.replace(ONE_DATE_TIME, ' ');
  return OTHER_DATE_FORMATS.flatMap((format) => rest.match(format) ?? []);
}

/** Atlassian account ids: 24 hex characters, or `<number>:<uuid>`, or a portal customer's `qm:<uuid>:<uuid>`. */
const ACCOUNT_ID = /^(?:[0-9a-f]{24}|\d{6}:[0-9a-f-]{36}|qm:[0-9a-f-]{36}:[0-9a-f-]{36})$/;

export function isAccountId(text: string): boolean {
  return ACCOUNT_ID.test(text.trim());
}

/** Words that are a program's field names, not an admin's: `maxUsersPerRun`, `inactivity.days`, `limits[0]`. */
const INTERNAL_NAME = /\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+\.[a-z]+[A-Za-z.]*\b|\[\d+\]/;

export function internalNamesIn(message: string): string | null {
  return INTERNAL_NAME.exec(message)?.[0] ?? null;
}

/**
 * How many pixels the page scrolls sideways at the given width (0 when it fits) once it has laid itself out at that
 * width, back at its width afterwards.
 */
export async function sidewaysScrollAt(page: Page, width: number): Promise<number> {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width, height: before.height });
  // Measured once the page has laid itself out at the new width: charts follow their box a frame after the resize.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  await page.setViewportSize(before);
  return overflow;
}

/** Saves the whole page, scrolled length included, as docs/screenshots/pass-<name>.png. */
export async function shootFullPage(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({
    path: path.join(REPO_ROOT, 'docs', 'screenshots', `pass-${name}.png`),
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
  });
}

/**
 * Records, from now on, every distinct text the page's status lines (role="status") show, in order, in the page's
 * `statusTexts`. A string, as the tests are compiled without the DOM's types.
 */
const RECORD_STATUS_TEXTS = `(() => {
  const seen = [];
  window.statusTexts = seen;
  const record = () => {
    for (const el of document.querySelectorAll('[role="status"]')) {
      const text = (el.textContent || '').trim();
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }
  };
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  record();
})()`;

export async function recordStatusTexts(page: Page): Promise<void> {
  await page.evaluate(RECORD_STATUS_TEXTS);
}

/** The texts recorded since `recordStatusTexts` (none after the page was reloaded). */
export function recordedStatusTexts(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('window.statusTexts || []');
}

/** A chart card's numbers as its "Show table" lists them: each row's cells, the header row left out. */
export async function chartTable(region: Locator): Promise<string[][]> {
  const toggle = region.getByRole('button', { name: 'Show table' });
  if (await toggle.count()) await toggle.click();
  const rows = await region.getByRole('table').getByRole('row').all();
  return Promise.all(rows.slice(1).map((row) => row.getByRole('cell').allInnerTexts()));
}

/** "5,000" → 5000. */
export function countOf(text: string): number {
  const count = Number(text.replace(/,/g, '').trim());
  if (!Number.isFinite(count)) throw new Error(`not a count: "${text}"`);
  return count;
}
