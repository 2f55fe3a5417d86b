import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = path.join(root, 'test-results', 'e2e');

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

let counter = 0;

/** Saves test-results/e2e/<language>/<nn>-<step>.png (ignored by git). */
export async function screenshot(page: Page, language: string, step: string): Promise<void> {
  const dir = path.join(SCREENSHOTS, language);
  fs.mkdirSync(dir, { recursive: true });
  counter += 1;
  await page.screenshot({ path: path.join(dir, `${String(counter).padStart(2, '0')}-${step}.png`), fullPage: true });
}

/** Runs axe-core (WCAG 2.1 A/AA) on the page; fails on serious or critical violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `   ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
  expect(report, `axe on ${label}`).toEqual([]);
}

/** Waits until no skeleton placeholder or busy region is left on the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Skeleton-root, [aria-busy="true"]').length === 0, undefined, { timeout: 20_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Chooses an option of a Mantine Select by its label. */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('combobox', { name: new RegExp(`^${escaped}`) }).click();
  await page.getByRole('option', { name: option }).click();
}

/** An input by its exact label (ignoring the required-field asterisk). */
export function field(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}
