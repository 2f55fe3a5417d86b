import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: null, signup: true, trustProxy: false });
    expect(config.dataDir).toBe(path.resolve('data'));
  });

  it('reads the environment', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@h/db', PATRON_SIGNUP: 'off', PATRON_DATA_DIR: '/tmp/x' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://u@h/db', signup: false, dataDir: '/tmp/x' });
  });

  it('names every bad value at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', PATRON_SIGNUP: 'maybe', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', PATRON_SIGNUP: 'maybe' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT must be an integer from 0 to 65535, got "70000"/);
      expect((error as Error).message).toMatch(/PATRON_SIGNUP must be on or off/);
    }
  });
});
