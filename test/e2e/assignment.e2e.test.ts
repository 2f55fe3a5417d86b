import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, field, launchChromium, screenshot, settled } from './browser.ts';

/**
 * Issue 9's assignment journey in a real Chromium: the manager opens an account of one of their
 * KAMs, asks for owner candidates, reads why the first is first, confirms another KAM, and the
 * account shows its new owner.
 */
const baseURL = inject('baseURL');
const accountName = `Nordstahl Coil ${Date.now().toString(36).slice(-5)}`;

let browser: Browser;
let page: Page;
let accountId = '';

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

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

describe('owner assignment journey', () => {
  it('signs in as the manager', async () => {
    await page.goto('/login');
    await field(page, 'Email').fill('manager@patron.example');
    await field(page, 'Password').fill('patron-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome back/ }).waitFor();
  });

  it('ranks the KAMs for a German account with every factor explained', async () => {
    const users = (await api('GET', '/api/v1/users?limit=100')).body.items;
    const kam1 = users.find((u: any) => u.email === 'kam1@patron.example').id;
    const created = await api('POST', '/api/v1/accounts', { name: accountName, industry: 'Corporate', country: 'DE', ownerId: kam1 });
    expect(created.status).toBe(201);
    accountId = created.body.id;
    await page.goto(`/accounts/${accountId}`);
    await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
    await page.getByTestId('find-owner').click();
    await page.getByRole('dialog').waitFor();
    await page.getByTestId('owner-candidate').first().waitFor();
    await settled(page);
    const first = page.getByTestId('owner-candidate').first();
    expect(await first.textContent()).toMatch(/Industry experience/);
    expect(await first.textContent()).toMatch(/Language/);
    await expectAccessible(page, 'owner assignment dialog');
    await screenshot(page, 'en', 'owner-candidates');
  });

  it('confirms Jonas Becker as the owner; the account shows him', async () => {
    const jonas = page.getByTestId('owner-candidate').filter({ hasText: 'Jonas Becker' });
    await jonas.getByRole('radio').check();
    await page.getByLabel('Notes for the handover').fill('Speaks German; engineering background');
    await page.getByTestId('confirm-owner').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText('Owner changed; the handover is on record').waitFor();
    const account = await api('GET', `/api/v1/accounts/${accountId}`);
    expect(account.body.ownerName).toBe('Jonas Becker');
  });
});
