import { rmSync } from 'node:fs';

/** Removes the throwaway data directory that playwright.config.ts created for the server. */
export default function teardown() {
  const dir = process.env.CRM_E2E_DATA_DIR;
  if (dir && process.env.CRM_E2E_DATA_DIR_OWNED === '1') rmSync(dir, { recursive: true, force: true });
}
