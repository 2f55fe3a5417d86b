import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import de from './de.json';
import en from './en.json';
import hi from './hi.json';
import pl from './pl.json';
import sv from './sv.json';

/**
 * The message catalogues are complete and well-formed: every id of en.json exists in every
 * language (and no extra ones), every message is valid ICU, uses the same arguments as English,
 * and has a clause for each plural category of its language (Polish: one, few, many, other).
 * tsc checks the other half: every id the code uses exists in en.json (i18n/message-ids.d.ts).
 */
const catalogues: Record<string, Record<string, string>> = { en, de, pl, sv, hi };
const ids = Object.keys(en);

/** Messages that are rightly the same as in English in a language (loanwords, names, pure formats). */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  de: ['app.documentTitle', 'nav.pipeline', 'role.admin', 'stage.onboarding', 'accounts.sort.name', 'accounts.sort.-name', 'account.section.details', 'account.field.name', 'account.field.region', 'strength.0', 'contact.section.person', 'contact.field.name', 'fx.rate.reads', 'opportunity.board.title', 'opportunity.section.details', 'opportunity.field.name', 'opportunity.field.outcome', 'opportunity.forecast.pipeline'],
  pl: ['app.documentTitle', 'role.admin', 'account.field.region', 'fx.rate.reads', 'opportunity.field.outcome'],
  sv: ['app.documentTitle', 'role.kam', 'account.field.region', 'strength.0', 'contact.section.person', 'fx.rate.reads', 'opportunity.board.title', 'opportunity.field.outcome', 'opportunity.forecast.pipeline'],
  hi: ['app.documentTitle', 'fx.rate.reads'],
};

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
    if (e.type === TYPE.tag) argumentsOf(e.children, into);
  }
  return into;
}

function pluralsOf(elements: MessageFormatElement[], into: { value: string; keys: string[] }[] = []) {
  for (const e of elements) {
    if (e.type === TYPE.plural) into.push({ value: e.value, keys: Object.keys(e.options) });
    if (e.type === TYPE.plural || e.type === TYPE.select) for (const option of Object.values(e.options)) pluralsOf(option.value, into);
    if (e.type === TYPE.tag) pluralsOf(e.children, into);
  }
  return into;
}

const intlLocale: Record<string, string> = { en: 'en-US', de: 'de-DE', pl: 'pl-PL', sv: 'sv-SE', hi: 'hi-IN' };

describe.each(Object.keys(catalogues))('messages %s', (locale) => {
  const messages = catalogues[locale] ?? {};

  it('has exactly the ids of en.json', () => {
    expect(ids.filter((id) => !(id in messages)), 'missing ids').toEqual([]);
    expect(Object.keys(messages).filter((id) => !(id in en)), 'unknown ids').toEqual([]);
  });

  it('has no empty messages', () => {
    expect(Object.entries(messages).filter(([, m]) => typeof m !== 'string' || m.trim() === '').map(([id]) => id)).toEqual([]);
  });

  it('parses as ICU MessageFormat with the arguments English uses', () => {
    const problems: string[] = [];
    for (const id of ids) {
      const message = messages[id];
      if (message === undefined) continue;
      try {
        const ast = parse(message, { requiresOtherClause: true });
        const english = argumentsOf(parse((en as Record<string, string>)[id] ?? ''));
        const mine = argumentsOf(ast);
        if ([...english].sort().join() !== [...mine].sort().join()) problems.push(`${id}: arguments {${[...mine].join(', ')}} ≠ English {${[...english].join(', ')}}`);
      } catch (error) {
        problems.push(`${id}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("covers every plural category of the language", () => {
    const categories = new Intl.PluralRules(intlLocale[locale]).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const id of ids) {
      const message = messages[id];
      if (!message) continue;
      for (const plural of pluralsOf(parse(message))) {
        const missing = categories.filter((c) => !plural.keys.includes(c));
        if (missing.length > 0) problems.push(`${id}: {${plural.value}, plural} lacks ${missing.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  if (locale !== 'en') {
    it('is translated, not copied from English', () => {
      const allowed = SAME_AS_ENGLISH[locale] ?? [];
      const copied = ids.filter((id) => !allowed.includes(id) && messages[id] === (en as Record<string, string>)[id]);
      expect(copied).toEqual([]);
    });
  }

  if (locale === 'hi') {
    it('is written in Devanagari', () => {
      const allowed = SAME_AS_ENGLISH.hi ?? [];
      const latinOnly = ids.filter((id) => !allowed.includes(id) && !/[\u0900-\u097F]/.test(messages[id] ?? ''));
      expect(latinOnly).toEqual([]);
    });
  }
});

/** Components take every user-visible string from the catalogues; this catches literals in JSX. */
describe('components', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.tsx')) files.push(path);
    }
  };
  walk(root);
  /** Not words of any language: the product name. */
  const ALLOWED = new Set(['Patron']);

  it('exist', () => expect(files.length).toBeGreaterThan(10));

  it('contain no hard-coded text', () => {
    const problems: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const where = `${file.slice(root.length)}:${i + 1}`;
          for (const m of line.matchAll(/>\s*([^<>{}]*\p{L}{2,}[^<>{}]*?)\s*<\//gu)) if (!ALLOWED.has(m[1]!.trim())) problems.push(`${where}: ${m[1]}`);
          for (const m of line.matchAll(/\b(label|placeholder|title|aria-label|description|alt|nothingFoundMessage)="([^"]*\p{L}[^"]*)"/gu)) problems.push(`${where}: ${m[1]}="${m[2]}"`);
        });
      // Text alone on a line between JSX tags.
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const t = line.trim();
        if (/^\p{L}[\p{L}\s,.!?'’-]*$/u.test(t) && !ALLOWED.has(t) && /^\s*</.test(lines[i - 1] ?? '') && /^\s*<\//.test(lines[i + 1] ?? '')) {
          problems.push(`${file.slice(root.length)}:${i + 1}: ${t}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });
});
