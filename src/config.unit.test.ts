import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillswap-config-'));
  dirs.push(dir);
  return dir;
};
const SECRET = 'a-shared-secret-of-at-least-32-characters';
const DATABASE_URL = 'postgres://skillswap@127.0.0.1:5432/skillswap';

describe('SESSION_SECRET', () => {
  it('is required with DATABASE_URL: every process on that database must sign sessions alike', () => {
    const dataDir = tempDir();
    const load = () => loadConfig({ DATA_DIR: dataDir, DATABASE_URL });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SESSION_SECRET is required when DATABASE_URL is set/);
    expect(existsSync(path.join(dataDir, 'session-secret'))).toBe(false);
  });

  it('is taken as given with DATABASE_URL, and nothing is written to DATA_DIR', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL, SESSION_SECRET: SECRET, DATA_KEY: SECRET });
    expect(config.sessionSecret).toBe(SECRET);
    expect(existsSync(path.join(dataDir, 'session-secret'))).toBe(false);
  });

  it('is generated once into DATA_DIR in the embedded mode, and kept across starts', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(existsSync(path.join(dataDir, 'session-secret'))).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(first);
  });

  it('a blank DATABASE_URL is the embedded mode', () => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: ' ' })).not.toThrow();
  });
});

describe('REQUIRE_VERIFIED_EMAIL_TO_HOST', () => {
  const smtp = 'smtp://mail.example.com:587';
  const host = (env: Record<string, string>) =>
    loadConfig({ DATA_DIR: tempDir(), ...env }).requireVerifiedEmailToHost;

  it('is on by default exactly when mail really goes out (SMTP_URL)', () => {
    expect(host({})).toBe(false);
    expect(host({ SMTP_URL: smtp })).toBe(true);
  });

  it('can be forced either way', () => {
    expect(host({ REQUIRE_VERIFIED_EMAIL_TO_HOST: 'true' })).toBe(true);
    expect(host({ REQUIRE_VERIFIED_EMAIL_TO_HOST: 'false', SMTP_URL: smtp })).toBe(false);
    expect(() => host({ REQUIRE_VERIFIED_EMAIL_TO_HOST: 'yes' })).toThrow(ConfigError);
  });
});

describe('DATA_KEY', () => {
  it('is required with DATABASE_URL: every process must unwrap the same personal data keys', () => {
    const dataDir = tempDir();
    const load = () => loadConfig({ DATA_DIR: dataDir, DATABASE_URL, SESSION_SECRET: SECRET });
    expect(load).toThrow(/DATA_KEY is required when DATABASE_URL is set/);
    expect(existsSync(path.join(dataDir, 'data-key'))).toBe(false);
  });

  it('is generated once into DATA_DIR in the embedded mode, apart from the session secret', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.dataKey.length).toBeGreaterThanOrEqual(32);
    expect(first.dataKey).not.toBe(first.sessionSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).dataKey).toBe(first.dataKey);
  });
});
