import type { Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/start';
import { chartTable, countOf, internalNamesIn } from './screenChecks';

/* Steps and readings of an admin's walk through the page that any screen's test can share. */

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

/** Closes the flags shown so far, as an admin does once they are read. */
export async function dismissTheFlags(page: Page): Promise<void> {
  const flags = page.getByRole('alert');
  for (let shown = await flags.count(); shown > 0; shown = await flags.count()) {
    await flags.first().getByRole('button', { name: 'Dismiss' }).first().click();
    await flags.nth(shown - 1).waitFor({ state: 'detached' });
  }
}

/** A message shown once on the screen, without a program's field names in it. */
export async function expectOneMessageInPlainWords(page: Page, message: RegExp): Promise<void> {
  await page.getByText(message).first().waitFor();
  await expect(page.getByText(message).allInnerTexts()).resolves.toHaveLength(1);
  const words = await page.getByText(message).innerText();
  expect({ words, internalName: internalNamesIn(words) }).toEqual({ words, internalName: null });
}

/**
 * Delivers a few rounds of queued job steps, one at a time, each time giving the page's progress (polled every
 * second) the chance to show the step's state before the next: how an admin watches a job on Forge.
 */
export async function deliverStepsWhileThePageReads(
  page: Page,
  queue: RunningSandbox['host']['queue'],
  rounds: number,
): Promise<void> {
  const status = page.getByRole('status').first();
  for (let round = 0; round < rounds && (await status.count()) > 0; round++) {
    const before = await status.innerText();
    await queue.runDue();
    await page
      .getByRole('status')
      .filter({ hasNotText: before })
      .first()
      .waitFor({ timeout: 3_000 })
      .catch(() => undefined);
  }
}

/** "Seats it would free: Jira 1,204 seats, Jira Service Management 1 seat." as seats per product. */
export function seatsItWouldFree(countsSentence: string): Map<string, number> {
  const list = /Seats it would free: (.+)\.$/.exec(countsSentence)?.[1] ?? '';
  return new Map(
    [...list.matchAll(/([^,]+?) ([\d,]+) seats?/g)].map(([, product, seats]) => [
      product!.trim(),
      countOf(seats!),
    ]),
  );
}

/** "Waiting…" texts a job showed after it had already said what it was doing. */
export function waitingAfterAPhase(texts: string[]): string[] {
  const firstPhase = texts.findIndex((text) => !/^Waiting|^Starting/.test(text));
  if (firstPhase < 0) return [];
  return texts.slice(firstPhase).filter((text) => /Waiting (to start|for the job queue)/.test(text));
}

/** Seats in use and "could be freed" per product, as the Overview's seat cards list them. */
export async function seatFigures(page: Page): Promise<Map<string, { inUse: number; freeable: number }>> {
  const figures = new Map<string, { inUse: number; freeable: number }>();
  for (const card of await page.getByRole('region', { name: /: seats$/ }).all()) {
    const product = (await card.getByRole('heading').first().innerText()).replace(/: seats$/, '');
    const rows = new Map((await chartTable(card)).map(([label, value]) => [label!, value!]));
    figures.set(product, {
      inUse: countOf(rows.get('Licensed: seats in use (Jira, now)')!),
      freeable: countOf(rows.get('Could be freed (inactive, not protected)')!),
    });
  }
  return figures;
}

/** Runs an analysis from the Analyse screen, lets the queue deliver it, and waits for the new analysis's decisions. */
export async function runAnalysis(page: Page, settle: () => Promise<void>, rules: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Run analysis' }).click();
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor();
  // The previous analysis stays on screen until the page loads the new one, once the job has finished.
  const loaded = page.waitForResponse((response) => response.url().includes('/__sandbox/invoke/getPreview?'));
  await settle();
  const answer = (await (await loaded).json()) as { body: { data: { createdAt: string } } };
  const createdAt = new Date(answer.body.data.createdAt).toISOString();
  await page.getByText(`Analysis of ${createdAt.slice(0, 10)} ${createdAt.slice(11, 16)} UTC:`).waitFor();
  for (const rule of rules) {
    const decisions = page.getByRole('table', { name: `Decisions of rule ${rule}` });
    await decisions
      .getByText(/days ago/)
      .first()
      .waitFor();
  }
  await dismissTheFlags(page);
}
