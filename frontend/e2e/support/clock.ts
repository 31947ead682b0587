import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The backend started by playwright.config.ts reads "now" as the real time
 * plus the number of seconds in this file (re-read on every request; a
 * missing file means no shift).
 */
function clockFile(): string {
  const dir = process.env.CRM_E2E_DATA_DIR;
  if (!dir) throw new Error('CRM_E2E_DATA_DIR is not set: run through playwright.config.ts');
  return join(dir, 'test-clock-offset');
}

/** Moves the server's clock `seconds` ahead of the real time. */
export function shiftServerClock(seconds: number) {
  writeFileSync(clockFile(), String(Math.round(seconds)));
}

/** Back to real time (other journeys share the server). */
export function resetServerClock() {
  rmSync(clockFile(), { force: true });
}

export const DAY = 24 * 3600;
