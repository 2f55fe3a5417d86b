import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, field, launchChromium, screenshot, settled } from './browser.ts';

/**
 * Issue 4's engagement journey in a real Chromium: a KAM sees an account overdue for contact on
 * their home page, opens it, logs a meeting, and the account is no longer overdue.
 */
const baseURL = inject('baseURL');
const accountName = `Stillwater Foods ${Date.now().toString(36).slice(-5)}`;

let browser: Browser;
let page: Page;
let accountId = '';

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US', reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** axe-core (WCAG 2.1 A/AA) on this feature's own sections of a page that other modules share. */
async function expectSectionsAccessible(selectors: string[], label: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of selectors) builder = builder.include(selector);
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${label}`).toEqual([]);
}

/** A JSON API call from the signed-in page (session cookie and CSRF token, as the app sends them). */
async function api(method: string, url: string, body?: unknown): Promise<any> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('patron_csrf='))?.split('=')[1] ?? '';
      const response = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    },
    { method, url, body },
  );
}

describe('engagement journey', () => {
  it('signs in as kam1', async () => {
    await page.goto('/login');
    await field(page, 'Email').fill('kam1@patron.example');
    await field(page, 'Password').fill('patron-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome back/ }).waitFor();
  });

  it('sees an account last contacted years ago as overdue on the home page', async () => {
    const created = await api('POST', '/api/v1/accounts', { name: accountName });
    expect(created.status).toBe(201);
    accountId = created.body.id;
    // Longer ago than any demo account's last contact, so it heads the home page's most-overdue list.
    const longAgo = new Date(Date.now() - 3000 * 86_400_000).toISOString();
    const logged = await api('POST', `/api/v1/accounts/${created.body.id}/interactions`, { kind: 'call', occurredAt: longAgo, summary: 'Introductory call' });
    expect(logged.status).toBe(201);

    await page.reload();
    await page.getByRole('heading', { name: 'Overdue for contact' }).waitFor();
    await settled(page);
    const row = page.getByTestId('overdue-account').filter({ hasText: accountName });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/days overdue/);
    await expectAccessible(page, 'home with overdue accounts');
    await screenshot(page, 'en', 'home-overdue');
  });

  it('logs a meeting on the account page', async () => {
    await page.getByRole('link', { name: accountName }).click();
    await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
    await settled(page);
    await expect.poll(() => page.getByTestId('engagement-status').textContent()).toMatch(/overdue/);
    await expectSectionsAccessible(['[data-testid=account-interactions]', '[data-testid=account-engagement]', '[data-testid=account-cost]', 'header'], 'account page with engagement');
    await screenshot(page, 'en', 'account-engagement-overdue');

    await page.getByTestId('log-interaction').click();
    await page.getByRole('dialog', { name: 'Log interaction' }).waitFor();
    await field(page, 'Summary').fill('Quarterly review with the buying team; they want a consolidated delivery plan.');
    await field(page, 'Next step').fill('Send the consolidated delivery plan');
    const inFiveDays = new Date(Date.now() + 5 * 86_400_000);
    const due = `${inFiveDays.getFullYear()}-${String(inFiveDays.getMonth() + 1).padStart(2, '0')}-${String(inFiveDays.getDate()).padStart(2, '0')}`;
    await field(page, 'Due date').fill(due);
    await expectSectionsAccessible(['[role=dialog]'], 'log interaction dialog');
    await screenshot(page, 'en', 'log-interaction');
    await page.getByTestId('save-interaction').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await expect.poll(() => page.getByTestId('engagement-status').textContent()).toBe('On track');
    await expect.poll(() => page.getByTestId('interaction-item').count()).toBe(2);
    expect(await page.getByTestId('interaction-item').first().textContent()).toContain('Quarterly review with the buying team');
    await settled(page);
    await screenshot(page, 'en', 'account-engagement-on-track');
  });

  it('is no longer overdue on the home page, and the next step is due', async () => {
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { name: 'Next steps due this week' }).waitFor();
    await settled(page);
    await expect.poll(() => page.getByTestId('overdue-account').filter({ hasText: accountName }).count(), { timeout: 10_000 }).toBe(0);
    // The home page lists the ten most urgent steps (the demo has older ones); the step itself is due this week.
    const steps = await api('GET', `/api/v1/next-steps?due=week&accountId=${accountId}`);
    expect(steps.body.items.map((step: { nextStep: string }) => step.nextStep)).toContain('Send the consolidated delivery plan');
    await screenshot(page, 'en', 'home-after-meeting');
  });
});
