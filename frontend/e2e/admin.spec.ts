import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { mainNav, newAccount, screenshot, signUpViaApi } from './support/helpers';

/** `crm admin grant` against the data directory of the server under test. */
function grantPlatformAdmin(email: string) {
  const bin = resolve(import.meta.dirname, '..', process.env.CRM_BIN ?? '../target/debug/crm');
  const dataDir = process.env.CRM_E2E_DATA_DIR;
  if (!dataDir) throw new Error('CRM_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  execFileSync(bin, ['admin', 'grant', '--email', email], {
    env: { ...process.env, CRM_DATA_DIR: dataDir, CRM_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('a platform admin finds a user, bans and unbans them', async ({ page, playwright, baseURL }) => {
  const admin = newAccount('admin');
  const target = newAccount('target');
  await signUpViaApi(page.request, admin);
  const other = await playwright.request.newContext({ baseURL });
  await signUpViaApi(other, target);
  grantPlatformAdmin(admin.email);

  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'Admin: users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search users' }).fill(target.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(target.email).replace(/[.+]/g, '\\$&')}`));
  const row = page.getByRole('row', { name: new RegExp(target.email.replace(/[.+]/g, '\\$&')) });
  await expect(row).toContainText('Active');
  await expect(page.getByRole('row')).toHaveCount(2); // header + the one match
  await screenshot(page, 'admin-users');

  await row.getByRole('button', { name: `Ban ${target.email}` }).click();
  await page.getByRole('alertdialog', { name: `Ban ${target.email}?` }).getByRole('button', { name: 'Ban user' }).click();
  await expect(row).toContainText('Banned');

  const refused = await other.post('/api/auth/sign-in', { data: { email: target.email, password: target.password } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe('auth.banned');

  await row.getByRole('button', { name: `Unban ${target.email}` }).click();
  await page.getByRole('alertdialog', { name: `Unban ${target.email}?` }).getByRole('button', { name: 'Unban user' }).click();
  await expect(row).toContainText('Active');
  const allowed = await other.post('/api/auth/sign-in', { data: { email: target.email, password: target.password } });
  expect(allowed.status()).toBe(200);
  await other.dispose();
});

test('non-admins get no admin link and a refusal page', async ({ page }) => {
  await signUpViaApi(page.request, newAccount('plain'));
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'Platform administrators only' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Admin: users' })).toHaveCount(0);
});
