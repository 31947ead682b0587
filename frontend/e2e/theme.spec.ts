import { expect, test } from '@playwright/test';
import { newAccount, screenshot, signUpViaApi } from './support/helpers';

test('the theme choice is saved to the profile and survives a reload', async ({ page }) => {
  await signUpViaApi(page.request, newAccount('theme'));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
  const html = page.locator('html');
  const theme = page.getByLabel('Theme', { exact: true });
  await expect(theme).toHaveValue('system');
  await expect(html).toHaveAttribute('data-theme', 'light');

  const saved = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
  await theme.selectOption('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect((await saved).status()).toBe(200);

  // Forget the local copy: the preference must come back from the server.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByLabel('Theme', { exact: true })).toHaveValue('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByText('Members', { exact: true })).toBeVisible();
  await screenshot(page, 'workspace-home-dark');

  // "System" follows the operating system.
  await page.getByLabel('Theme', { exact: true }).selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
});
