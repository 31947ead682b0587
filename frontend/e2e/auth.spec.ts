import { expect, test } from '@playwright/test';
import { newAccount, screenshot, signUpViaApi } from './support/helpers';
import { waitForLink } from './support/mail';

test('sign-in with a wrong password shows the error', async ({ page, playwright, baseURL }) => {
  const account = newAccount('wrongpw');
  const api = await playwright.request.newContext({ baseURL });
  await signUpViaApi(api, account);
  await api.dispose();

  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await screenshot(page, 'sign-in');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(`${account.password}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const formAlert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
  await expect(formAlert).toBeVisible();
  await expect(formAlert).not.toBeEmpty();
  await expect(page.getByRole('alert').filter({ hasText: 'Sign-in failed' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await screenshot(page, 'sign-in-error');

  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
});

test('forgot password: reset via the emailed link, then sign in with the new password', async ({ page, playwright, baseURL }) => {
  const account = newAccount('reset');
  const api = await playwright.request.newContext({ baseURL });
  await signUpViaApi(api, account);
  await api.dispose();

  const since = Date.now();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText(/we sent a link to reset its password/)).toBeVisible();

  const link = await waitForLink({ to: account.email, pattern: /\/reset-password\?token=/, since });
  await page.goto(link);
  const newPassword = `${account.password}-new`;
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toBeVisible();

  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
});

test('email verification link marks the address verified', async ({ page }) => {
  const account = newAccount('verify');
  const since = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('region', { name: 'Email verification' })).toBeVisible();

  const link = await waitForLink({ to: account.email, pattern: /\/verify-email\?token=/, since });
  await page.goto(link);
  await expect(page.getByText('Your email address is verified')).toBeVisible();
  await page.getByRole('link', { name: 'Continue to the app' }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('region', { name: 'Email verification' })).toHaveCount(0);
});

test('sign-out ends the session; deep links then ask to sign in and come back', async ({ page }) => {
  const account = newAccount('signout');
  await signUpViaApi(page.request, account);
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
  const home = new URL(page.url()).pathname;

  await page.getByRole('button', { name: /User menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto(`${home}/team`);
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`${home}/team`)}`));
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${home}/team$`));
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
});

test('changing the password ends the other sessions at their next request', async ({ page, browser }) => {
  const account = newAccount('chpw');
  await signUpViaApi(page.request, account);

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await other.goto('/sign-in');
  await other.getByLabel('Email').fill(account.email);
  await other.getByLabel('Password').fill(account.password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
  const home = new URL(other.url()).pathname;

  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('definitely-not-it');
  await form.getByLabel('New password', { exact: true }).fill(`${account.password}-2`);
  await form.getByLabel('Confirm new password').fill(`${account.password}-2`);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Current password').fill(account.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();

  // The other browser is signed out at its next request and sent to sign-in, keeping its place.
  await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(other).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`${home}/team`)}`));
  await otherContext.close();

  // This browser keeps its session.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
});
