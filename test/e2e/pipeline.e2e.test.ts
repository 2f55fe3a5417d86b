import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, field, launchChromium, screenshot, settled } from './browser.ts';

/**
 * Issue 5's pipeline board in a real Chromium: a KAM drags a card to the next stage (If-Match with
 * the card's version), sees the move in the opportunity's stage history, and gets a clear message
 * when someone else changed the card meanwhile (412).
 */
const baseURL = inject('baseURL');
const suffix = Date.now().toString(36).slice(-5);
const dealName = `Warehouse racking ${suffix}`;

let browser: Browser;
let page: Page;
let opportunityId = '';

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL, viewport: { width: 1600, height: 1000 }, locale: 'en-US', reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function api(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  return page.evaluate(
    async ({ method, url, body, headers }) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('patron_csrf='))?.split('=')[1] ?? '';
      const response = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    },
    { method, url, body, headers },
  );
}

const card = () => page.getByTestId('board-card').filter({ hasText: dealName });

describe('pipeline board', () => {
  it('signs in as kam1 and finds the new deal in its stage column', async () => {
    await page.goto('/login');
    await field(page, 'Email').fill('kam1@patron.example');
    await field(page, 'Password').fill('patron-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome back/ }).waitFor();
    const account = await api('POST', '/api/v1/accounts', { name: `Racking Buyer ${suffix}` });
    expect(account.status).toBe(201);
    const created = await api('POST', '/api/v1/opportunities', { accountId: account.body.id, name: dealName, amount: '25000.00', currency: 'USD', stage: 'qualify', closeDate: '2030-06-30' });
    expect(created.status).toBe(201);
    opportunityId = created.body.id;

    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.getByRole('heading', { name: 'Pipeline', level: 1 }).waitFor();
    await page.getByLabel('Only mine').click();
    await page.waitForURL(/mine=true/);
    await settled(page);
    await page.getByTestId('board-column-qualify').getByText(dealName).waitFor();
    await expectAccessible(page, 'pipeline board');
    await screenshot(page, 'en', 'pipeline-board');
  });

  it('drags the card to Develop: it moves, and the history records it', async () => {
    await card().dragTo(page.getByTestId('board-column-develop'));
    await page.getByText(`${dealName} moved to Develop`).waitFor();
    await page.getByTestId('board-column-develop').getByText(dealName).waitFor();
    const stored = await api('GET', `/api/v1/opportunities/${opportunityId}`);
    expect(stored.body).toMatchObject({ stage: 'develop', probability: '0.25', version: 2 });
    const history = await api('GET', `/api/v1/opportunities/${opportunityId}/history`);
    expect(history.body.map((h: any) => [h.fromStage, h.toStage])).toEqual([[null, 'qualify'], ['qualify', 'develop']]);
  });

  it('says clearly when someone changed the card meanwhile (412) and shows the latest version', async () => {
    await settled(page);
    const elsewhere = await api('PATCH', `/api/v1/opportunities/${opportunityId}`, { amount: '27500.00' }, { 'if-match': '"2"' });
    expect(elsewhere.status).toBe(200);
    await card().dragTo(page.getByTestId('board-column-propose'));
    const alert = page.getByTestId('board-conflict');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`“${dealName}” was changed by someone else meanwhile`);
    await page.getByTestId('board-column-develop').getByText('$27,500.00').waitFor();
    expect((await api('GET', `/api/v1/opportunities/${opportunityId}`)).body.stage).toBe('develop');

    await card().dragTo(page.getByTestId('board-column-propose'));
    await page.getByTestId('board-column-propose').getByText(dealName).waitFor();
  });

  it('moves a card with its Move menu too (no mouse needed); Lost asks for the reason', async () => {
    await settled(page);
    await page.getByRole('button', { name: `Move ${dealName}` }).click();
    await page.getByRole('menuitem', { name: 'Lost' }).click();
    const reason = page.getByTestId('lost-reason');
    await reason.waitFor();
    await reason.fill('Budget moved to next year');
    await page.getByRole('button', { name: 'Mark as lost' }).click();
    await page.getByTestId('board-column-lost').getByText(dealName).waitFor();
    expect((await api('GET', `/api/v1/opportunities/${opportunityId}`)).body).toMatchObject({ outcome: 'lost', lostReason: 'Budget moved to next year' });
  });

  it('opens the opportunity page with its stage history', async () => {
    await card().getByRole('link', { name: dealName }).click();
    await page.getByRole('heading', { name: dealName, level: 1 }).waitFor();
    await settled(page);
    const history = page.getByTestId('stage-history');
    await history.getByText('Moved from Propose to Lost').waitFor();
    await expectAccessible(page, 'opportunity page');
  });
});
