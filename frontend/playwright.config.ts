import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * End-to-end tests against the real backend binary, which Playwright starts
 * with a fresh data directory and the built SPA (`npm run build` first).
 * Mail goes to an SMTP sink on CRM_TEST_SMTP_PORT that writes a Maildir at
 * CRM_TEST_MAILDIR (started by whoever runs the suite).
 */
const here = import.meta.dirname;
const port = Number(process.env.CRM_E2E_PORT ?? 18080);
const baseURL = `http://127.0.0.1:${port}`;
const bin = resolve(here, process.env.CRM_BIN ?? '../target/debug/crm');

// The config is evaluated by the runner and by each worker; only the runner starts the server.
if (!process.env.CRM_E2E_DATA_DIR) {
  process.env.CRM_E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  process.env.CRM_E2E_DATA_DIR_OWNED = '1'; // removed by the global teardown
}
const dataDir = process.env.CRM_E2E_DATA_DIR;
// The server's "now" is the real time plus the seconds in this file (see e2e/support/clock.ts).
const clockFile = join(dataDir, 'test-clock-offset');

export default defineConfig({
  testDir: './e2e',
  globalTeardown: './e2e/support/teardown.ts',
  outputDir: './test-results/artifacts',
  // One backend, one SQLite file, two cores: run the journeys one after another.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CRM_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `"${bin}" serve`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: process.env.CRM_E2E_REUSE_SERVER === '1',
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      CRM_ADDR: `127.0.0.1:${port}`,
      CRM_DATA_DIR: dataDir,
      CRM_PUBLIC_URL: baseURL,
      CRM_STATIC_DIR: resolve(here, 'dist'),
      CRM_SMTP_HOST: '127.0.0.1',
      CRM_SMTP_PORT: process.env.CRM_TEST_SMTP_PORT ?? '2525',
      CRM_SMTP_TLS: 'none',
      CRM_MAIL_FROM: 'crm@example.test',
      CRM_LOG: process.env.CRM_LOG ?? 'warn',
      CRM_TEST_CLOCK_FILE: clockFile,
    },
  },
});
