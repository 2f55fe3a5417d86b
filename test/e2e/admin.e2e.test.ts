import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { choose, expectAccessible, field, launchChromium, screenshot, settled } from './browser.ts';

/**
 * The admin screens in a real Chromium: an import with a broken row is refused and its row report
 * shown as a table; an API token is created (shown once), works, and is revoked; users, products,
 * transactions, FX rates and the audit log open from the navigation. axe-core runs on every page.
 */
const baseURL = inject('baseURL');
const unique = Date.now().toString(36).slice(-5);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US', reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** Chooses an option of a Select inside the open dialog (the page behind may have one of the same name). */
async function chooseInDialog(label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('dialog').getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('option', { name: option }).click();
}

/** A JSON API call from the signed-in page (session cookie and CSRF token, as the app sends them). */
async function api(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('patron_csrf='))?.split('=')[1] ?? '';
      const response = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    },
    { method, url, body },
  );
}

async function open(navLabel: string, heading: string): Promise<void> {
  await page.getByRole('link', { name: navLabel, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await settled(page);
  // A confirmation toast of the step before is fading out: axe would measure its passing colours.
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Notification-root').length === 0, undefined, { timeout: 15_000 });
}

describe('admin screens', () => {
  it('signs in as the admin', async () => {
    await page.goto('/login');
    await field(page, 'Email').fill('admin@patron.example');
    await field(page, 'Password').fill('patron-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome back/ }).waitFor();
  });

  it('refuses an accounts file with a broken row and shows the row report', async () => {
    await open('Imports', 'Imports');
    await expectAccessible(page, 'imports');
    expect(await page.getByTestId('import-template').getAttribute('href')).toBe('/api/v1/imports/templates/accounts.csv');
    const csv = [
      'externalId,name,country,stage,strategicFit',
      `E2E-${unique}-1,Fjordline Shipping ${unique},NO,active,4`,
      `E2E-${unique}-2,Broken Row ${unique},Norway,dormant,9`,
    ].join('\n');
    await page.getByTestId('import-file').click();
    await page.locator('input[type=file]').setInputFiles({ name: 'accounts-broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('table', { name: 'Rows with errors' });
    await report.waitFor();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('accounts-broken.csv was not imported');
    // Row 3 of the file (the header is row 1) has three bad cells; the good row was not written.
    const rows = await report.locator('tbody tr').allTextContents();
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.startsWith('3'))).toBe(true);
    expect(rows.join(' ')).toContain('Norway');
    expect(await page.getByTestId('import-count-created').textContent()).toBe('0');
    await settled(page);
    await expectAccessible(page, 'import row report');
    await screenshot(page, 'en', 'import-rejected');

    // Skipping invalid rows writes the good one and reports the other.
    await page.getByRole('radio', { name: 'Skip invalid rows' }).check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('accounts-broken.csv imported');
    expect(await page.getByTestId('import-count-created').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('import-run').count()).toBeGreaterThanOrEqual(2);
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    await open('API tokens', 'API tokens');
    await expectAccessible(page, 'tokens');
    await page.getByRole('button', { name: 'Create token' }).click();
    await field(page, 'Name').fill(`CI pipeline ${unique}`);
    await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Copy token' }).waitFor();
    await expectAccessible(page, 'token shown once');
    await screenshot(page, 'en', 'token-created');
    const works = await page.evaluate(async (t) => (await fetch('/api/v1/me', { headers: { authorization: `Bearer ${t}` }, credentials: 'omit' })).status, token);
    expect(works).toBe(200);
    await page.getByRole('button', { name: 'I have copied it' }).click();

    await page.getByRole('button', { name: `Revoke token CI pipeline ${unique}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('row', { name: new RegExp(`CI pipeline ${unique}.*Revoked`) }).waitFor();
    const refused = await page.evaluate(async (t) => (await fetch('/api/v1/me', { headers: { authorization: `Bearer ${t}` }, credentials: 'omit' })).status, token);
    expect(refused).toBe(401);
  });

  it('changes a user role and manager, and deactivates a user', async () => {
    await open('Users and roles', 'Users and roles');
    await expectAccessible(page, 'users');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('dialog').getByText('Required').first().waitFor();
    await field(page, 'Name').fill(`Greta Lind ${unique}`);
    await field(page, 'Email').fill(`greta.${unique}@patron.example`);
    await chooseInDialog('Role', 'Business development');
    await chooseInDialog('Reports to', /^Marek Nowak/);
    await expectAccessible(page, 'user form');
    await page.getByRole('dialog').getByRole('button', { name: 'Add user' }).click();
    const row = page.getByTestId('user-row').filter({ hasText: `Greta Lind ${unique}` });
    await row.waitFor();
    expect(await row.textContent()).toContain('Business development');
    await page.getByRole('button', { name: `Deactivate Greta Lind ${unique}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('opens products, transactions, FX rates and the audit log with its diff', async () => {
    await open('Products', 'Products');
    await expectAccessible(page, 'products');
    await open('Transactions', 'Transactions');
    await expectAccessible(page, 'transactions');
    await page.getByTestId('transaction-row').first().waitFor();
    await page.getByRole('button', { name: /^Refund the line/ }).first().click();
    await page.getByRole('dialog').getByText(/The refund is a new line/).waitFor();
    await expectAccessible(page, 'refund form');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await open('FX rates', 'FX rates');
    await expectAccessible(page, 'fx rates');
    await open('Audit log', 'Audit log');
    await choose(page, 'Record type', 'User');
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByRole('button', { name: /^Show the changes/ }).first().click();
    await page.getByTestId('audit-diff').waitFor();
    expect(await page.getByTestId('audit-diff').textContent()).toContain('active');
    await expectAccessible(page, 'audit diff');
    await screenshot(page, 'en', 'audit-diff');
  });

  it('edits the account team, deletes a contact and then the account (soft delete, with confirmation)', async () => {
    const name = `Halvorsen Marine ${unique}`;
    const account = await api('POST', '/api/v1/accounts', { name });
    expect(account.status).toBe(201);
    const contact = await api('POST', `/api/v1/accounts/${account.body.id}/contacts`, { name: 'Sigrid Halvorsen' });
    expect(contact.status).toBe(201);
    await page.goto(`/accounts/${account.body.id}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await settled(page);

    await page.getByRole('combobox', { name: 'Add to the team' }).click();
    await page.getByRole('option', { name: /^Bianca Diaz/ }).click();
    await choose(page, 'Team role', 'Sourcing BD');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const team = page.getByTestId('account-team');
    await expect.poll(() => team.textContent()).toContain('Sourcing BD');
    await page.getByRole('button', { name: /^Remove .* from the team$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => team.textContent()).not.toContain('Sourcing BD');

    await page.getByRole('button', { name: 'Delete contact Sigrid Halvorsen' }).click();
    await expectAccessible(page, 'delete contact dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete contact Sigrid Halvorsen' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    expect((await api('GET', `/api/v1/accounts/${account.body.id}`)).status).toBe(404);
  });
});
