import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Atlaskit's feature-gate client logs this when no gate service is configured; it is not the app's error. */
const HARMLESS = /An error has occurred checking the feature gate/;

/** The page's uncaught errors and console errors from now on, less Atlaskit's harmless feature-gate message. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !HARMLESS.test(msg.text())) problems.push(msg.text());
  });
  return problems;
}

/** The admin page in a new tab (`query` e.g. `?as=nonAdmin`), with the problems it reports. */
export async function openAdminPage(
  browser: Browser,
  baseUrl: string,
  query = '',
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems = collectProblems(page);
  await page.goto(`${baseUrl}/${query}`);
  return { page, problems };
}
