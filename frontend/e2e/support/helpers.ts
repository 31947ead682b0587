import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(label: string): Account {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const name = `${label.charAt(0).toUpperCase()}${label.slice(1)} ${id.slice(-4)}`;
  return { name, email: `e2e-${label}-${id}@example.test`, password: `pw-${id}-Secret!` };
}

const screenshotDir = resolve(process.env.CRM_SCREENSHOT_DIR ?? join(import.meta.dirname, '..', '..', 'test-results', 'screenshots'));

/** Full-page screenshot of a main page, kept for review. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.getByRole('status', { name: /loading/i }).waitFor({ state: 'detached' }).catch(() => undefined);
  // From the top: the sticky sidebar is painted where the page is scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Toasts are transient; leave them out so the page itself is reviewable.
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, style: '.toasts { display: none !important; }' });
}

/** Signs up through the UI and returns the new workspace id (the URL is /w/:id). */
export async function signUpViaUi(page: Page, account: Account): Promise<string> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
  return workspaceIdOf(page);
}

/** Signs up through the API; with `page.request` the page's context gets the session cookies. */
export async function signUpViaApi(request: APIRequestContext, account: Account & { invitationId?: string }) {
  const response = await request.post('/api/auth/sign-up', { data: account });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

export function workspaceIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.split('/')[2];
  if (!id) throw new Error(`not on a workspace page: ${page.url()}`);
  return id;
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Headers for an unsafe API call made with `page.request`: the CSRF token from the context's cookie. */
export async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'crm_csrf');
  if (!cookie) throw new Error('no crm_csrf cookie: sign in first');
  return { 'X-CSRF-Token': decodeURIComponent(cookie.value) };
}
