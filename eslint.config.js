import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'test-results/', 'coverage/', 'web/src/api/schema.d.ts', 'src/db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // Tests read loosely typed JSON answers.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // A module reaches another module only through its service (or its pure logic, schemas, tables).
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../*/store', '../*/store.ts'], message: "Call the other module's service, never its store." },
      ] }],
    },
  },
  {
    // Pure domain logic: no I/O, no database, no HTTP (DESIGN.md, "Architecture").
    files: ['src/modules/*/!(routes|service|store|tables|schemas|*.test).ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/db/**', '**/http/**', 'drizzle-orm', 'drizzle-orm/*', 'fastify', 'pg', '@electric-sql/*', 'node:fs', 'node:fs/*'], message: 'Pure logic files do no I/O.' },
        { group: ['**/store', '**/store.ts', '**/service', '**/service.ts'], message: 'Pure logic does not call stores or services.' },
      ] }],
    },
  },
);
