import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { choose, expectAccessible, field, launchChromium, screenshot, settled } from './browser.ts';

/**
 * The main journey of issue 3, in a real Chromium against a real server on a fresh database:
 * sign in as a KAM, create an account, add a contact, find the account through search, edit it,
 * edit it again in a second tab and see the stale save (412) explained without losing what was
 * typed, then see the pages in Polish and Hindi. axe-core runs on every page.
 */
const baseURL = inject('baseURL');
const unique = Date.now().toString(36).slice(-5);
const accountName = `Nordlicht Logistik ${unique}`;
const contactName = 'Ingrid Sandberg';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let accountUrl = '';

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US', reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('journey (English)', () => {
  it('rejects a wrong password and signs in as kam1', async () => {
    await page.goto('/accounts');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('heading', { name: 'Sign in to Patron' }).waitFor();
    await expectAccessible(page, 'login');
    await screenshot(page, 'en', 'login');

    await field(page, 'Email').fill('kam1@patron.example');
    await field(page, 'Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Email or password is incorrect');
    await screenshot(page, 'en', 'login-error');

    await field(page, 'Password').fill('patron-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the user wanted to go (?next=/accounts).
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/accounts');
    await expect.poll(() => page.getByTestId('user-role').textContent()).toBe('Key account manager');
  });

  it('shows the home page with accounts by stage', async () => {
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { name: /Welcome back/ }).waitFor();
    await settled(page);
    await expectAccessible(page, 'home');
    await screenshot(page, 'en', 'home');
  });

  it('lists accounts', async () => {
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await settled(page);
    await expectAccessible(page, 'account list');
    await screenshot(page, 'en', 'account-list');

    // The column choice is saved on the user's profile and survives a reload.
    expect(await page.getByRole('columnheader', { name: 'Region' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Columns' }).click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
    await page.getByRole('checkbox', { name: 'Region' }).check();
    expect((await saved).status()).toBe(200);
    await page.reload();
    await page.getByRole('columnheader', { name: 'Region' }).waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Region' }).uncheck();
    await page.keyboard.press('Escape');
  });

  it('shows a demo account with its revenue chart, transactions and contacts', async () => {
    await page.goto('/accounts');
    await page.getByTestId('account-row').first().click();
    await page.getByRole('heading', { name: 'Revenue and gross profit by month' }).waitFor();
    await settled(page);
    await page.locator('.recharts-surface').first().waitFor();
    await page.getByRole('table', { name: 'Recent transactions' }).waitFor();
    await expectAccessible(page, 'demo account page');
    await screenshot(page, 'en', 'account-show-demo');
    await page.getByRole('link', { name: 'Accounts', exact: true }).first().click();
  });

  it('creates an account, showing field errors from the API', async () => {
    await page.goto('/accounts');
    await page.getByRole('link', { name: 'New account' }).first().click();
    await page.getByRole('heading', { name: 'New account' }).waitFor();
    await expectAccessible(page, 'account create');
    // Required name checked before sending.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Required').first().waitFor();
    await screenshot(page, 'en', 'account-create-errors');

    await field(page, 'Name').fill(accountName);
    await choose(page, 'Stage', 'Onboarding');
    await field(page, 'Industry').fill('Logistics');
    await field(page, 'Region').fill('North');
    await field(page, 'Wallet estimate per year').fill('1250000');
    await screenshot(page, 'en', 'account-create');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
    accountUrl = new URL(page.url()).pathname;
    expect(accountUrl).toMatch(/^\/accounts\/[0-9a-f-]{36}$/);
    await settled(page);
    await expectAccessible(page, 'account page');
    await screenshot(page, 'en', 'account-show');
  });

  it('adds a contact with buying role and relationship strength', async () => {
    await page.getByRole('link', { name: 'Add contact' }).click();
    await page.getByRole('heading', { name: 'Add contact' }).waitFor();
    await expectAccessible(page, 'contact create');
    await field(page, 'Name').fill(contactName);
    await field(page, 'Job title').fill('Head of Procurement');
    await field(page, 'Email').fill('ingrid.sandberg@nordlicht.example');
    await choose(page, 'Buying role', 'Economic buyer');
    await choose(page, 'Relationship strength', /Strong ally/);
    await screenshot(page, 'en', 'contact-create');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
    const row = page.getByTestId('contact-row').filter({ hasText: contactName });
    await row.waitFor();
    expect(await row.textContent()).toContain('Economic buyer');
    expect(await row.getByTestId('relationship-strength').textContent()).toContain('Strong ally (+2)');
    await settled(page);
    await screenshot(page, 'en', 'account-with-contact');
  });

  it('finds the account through search and opens it from the list', async () => {
    await page.getByRole('link', { name: 'Accounts', exact: true }).first().click();
    await field(page, 'Search').fill(`Logistik ${unique}`);
    // The search is debounced (300 ms): on a loaded machine the URL follows after more than poll's default second.
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), { timeout: 10_000 }).toBe(`Logistik ${unique}`);
    const rows = page.getByTestId('account-row');
    await expect.poll(() => rows.count()).toBe(1);
    await settled(page);
    await screenshot(page, 'en', 'account-search');
    await rows.first().click();
    await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
  });

  it('edits the account', async () => {
    await page.getByRole('link', { name: 'Edit' }).first().click();
    await page.getByRole('heading', { name: `Edit ${accountName}` }).waitFor();
    await expectAccessible(page, 'account edit');
    await field(page, 'Industry').fill('Freight and logistics');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
    await page.getByText('Freight and logistics').first().waitFor();
  });

  it('explains a stale save (412) and keeps what the user typed', async () => {
    // Tab one opens the edit form...
    await page.goto(`${accountUrl}/edit`);
    await page.getByRole('heading', { name: `Edit ${accountName}` }).waitFor();
    // ...tab two opens it too, changes the region and saves first.
    const second = await context.newPage();
    await second.goto(`${accountUrl}/edit`);
    await second.getByRole('heading', { name: `Edit ${accountName}` }).waitFor();
    await field(second, 'Region').fill('Scandinavia');
    await second.getByRole('button', { name: 'Save changes' }).click();
    await second.getByRole('heading', { name: accountName, level: 1 }).waitFor();
    await second.close();

    // Tab one saves its own edit on the old version: the server answers 412.
    const typed = 'Contract logistics (typed in tab one)';
    await field(page, 'Industry').fill(typed);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByTestId('conflict-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Someone changed this while you were editing');
    expect(await field(page, 'Industry').inputValue()).toBe(typed);
    await expectAccessible(page, 'conflict');
    await screenshot(page, 'en', 'edit-conflict');

    // Reload the latest version and keep my edits: region from tab two, industry from tab one.
    await page.getByRole('button', { name: 'Reload and keep my edits' }).click();
    await page.getByText('Latest version loaded, your edits kept').waitFor();
    expect(await field(page, 'Industry').inputValue()).toBe(typed);
    expect(await field(page, 'Region').inputValue()).toBe('Scandinavia');
    await screenshot(page, 'en', 'edit-conflict-reloaded');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
    await page.getByText(typed).first().waitFor();
    await page.getByText('Scandinavia').first().waitFor();
  });

  it('returns to the same page after the session ends', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Patron' }).waitFor();
    await page.goto(accountUrl);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(accountUrl);
    await field(page, 'Email').fill('kam1@patron.example');
    await field(page, 'Password').fill('patron-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
  });
});

/** Each page of the journey in another language: translated, formatted for the locale, accessible. */
async function tour(language: string, expected: { nav: string; newAccount: string; addContact: string; edit: string; lang: string }) {
  await page.goto('/');
  await page.getByTestId('language-switcher').click();
  await page.locator(`[data-locale="${language}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(expected.lang);
  await page.getByRole('link', { name: expected.nav }).first().waitFor();
  await settled(page);
  await expectAccessible(page, `home (${language})`);
  await screenshot(page, language, 'home');

  await page.getByRole('link', { name: expected.nav }).first().click();
  await settled(page);
  await expectAccessible(page, `account list (${language})`);
  await screenshot(page, language, 'account-list');

  await page.goto(accountUrl);
  await page.getByRole('heading', { name: accountName, level: 1 }).waitFor();
  await settled(page);
  await expectAccessible(page, `account page (${language})`);
  await screenshot(page, language, 'account-show');

  await page.getByRole('link', { name: expected.edit }).first().click();
  await page.getByRole('button', { name: expected.edit }).or(page.locator('form')).first().waitFor();
  await settled(page);
  await expectAccessible(page, `account edit (${language})`);
  await screenshot(page, language, 'account-edit');

  await page.goto(`${accountUrl}/contacts/new`);
  await page.getByRole('heading', { name: expected.addContact }).waitFor();
  await expectAccessible(page, `contact create (${language})`);
  await screenshot(page, language, 'contact-create');

  await page.goto('/accounts/new');
  await page.getByRole('heading', { name: expected.newAccount }).waitFor();
  await expectAccessible(page, `account create (${language})`);
  await screenshot(page, language, 'account-create');
}

describe('languages', () => {
  it('shows the pages in Polish', async () => {
    await tour('pl', { nav: 'Klienci', newAccount: 'Nowy klient', addContact: 'Dodaj kontakt', edit: 'Edytuj', lang: 'pl' });
    // Polish plural forms and number formats.
    await page.goto(accountUrl);
    await page.getByText('Silny sojusznik (+2)').waitFor();
    await page.getByText(/1\s250\s000\s\$|1\s250\s000\sUSD|USD/).first().waitFor();
  });

  it('shows the pages in Hindi, and the choice is kept on the profile', async () => {
    await tour('hi', { nav: 'ग्राहक खाते', newAccount: 'नया खाता', addContact: 'संपर्क जोड़ें', edit: 'संपादित करें', lang: 'hi' });
    await page.goto(accountUrl);
    // Indian digit grouping: 12,50,000.
    await page.getByText(/12,50,000/).first().waitFor();
    await page.getByText('मज़बूत सहयोगी (+2)').waitFor();
    // A new browser context (no local storage) takes the language from the profile.
    const fresh = await browser.newContext({ baseURL, locale: 'en-US', reducedMotion: 'reduce' });
    const other = await fresh.newPage();
    await other.goto('/login');
    await field(other, 'Email').fill('kam1@patron.example');
    await field(other, 'Password').fill('patron-demo');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('link', { name: 'ग्राहक खाते' }).first().waitFor();
    await fresh.close();
  });

  it('shows the pages in German and Swedish', async () => {
    await tour('de', { nav: 'Kunden', newAccount: 'Neuer Kunde', addContact: 'Ansprechpartner hinzufügen', edit: 'Bearbeiten', lang: 'de' });
    await tour('sv', { nav: 'Kunder', newAccount: 'Ny kund', addContact: 'Lägg till kontaktperson', edit: 'Redigera', lang: 'sv' });
    // Back to English for the next run of this user.
    await page.getByTestId('language-switcher').click();
    await page.locator('[data-locale="en"]').click();
  });
});

describe('layout', () => {
  it('works from a 1,280 px laptop down to a 768 px tablet', async () => {
    for (const width of [1280, 1024, 768]) {
      await page.setViewportSize({ width, height: 1000 });
      for (const [name, url] of [['account-list', '/accounts'], ['account-show', accountUrl]] as const) {
        await page.goto(url);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await settled(page);
        // Nothing spills sideways out of the page (wide tables scroll inside their card).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
        await page.getByRole('link', { name: 'Accounts', exact: true }).first().waitFor();
        await screenshot(page, 'en', `${name}-${width}px`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
