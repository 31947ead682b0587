import { expect, test } from '@playwright/test';
import { mainNav, newAccount, signUpViaApi } from './support/helpers';
import { waitForLink } from './support/mail';

const escape = (s: string) => s.replace(/[.+?]/g, '\\$&');

test('an existing user accepts an invitation, then switches workspaces; a revoked link says so', async ({ page, browser, playwright, baseURL }) => {
  const owner = newAccount('host');
  const guest = newAccount('guest');
  const dropped = newAccount('dropped');
  const ownerMe = await signUpViaApi(page.request, owner);
  const workspaceId: string = ownerMe.workspaces[0].workspaceId;
  const guestApi = await playwright.request.newContext({ baseURL });
  const guestMe = await signUpViaApi(guestApi, guest);
  const guestOwnWorkspace: string = guestMe.workspaces[0].workspaceId;
  await guestApi.dispose();

  const since = Date.now();
  await page.goto(`/w/${workspaceId}/team?tab=invitations`);
  for (const [email, role] of [
    [guest.email, 'viewer'],
    [dropped.email, 'manager'],
  ] as const) {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption(role);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('row', { name: new RegExp(escape(email)) })).toContainText('Pending');
  }

  await page.getByRole('button', { name: `Revoke invitation for ${dropped.email}` }).click();
  await page.getByRole('alertdialog', { name: 'Revoke invitation?' }).getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(page.getByRole('row', { name: new RegExp(escape(dropped.email)) })).toContainText('Revoked');

  const guestLink = await waitForLink({ to: guest.email, pattern: /\/invite\/[0-9a-f-]{36}/, since });
  const droppedLink = await waitForLink({ to: dropped.email, pattern: /\/invite\/[0-9a-f-]{36}/, since });

  const context = await browser.newContext();
  const guestPage = await context.newPage();
  await guestPage.goto(guestLink);
  await guestPage.getByRole('link', { name: 'Sign in to accept' }).click();
  await expect(guestPage.getByLabel('Email')).toHaveValue(guest.email);
  await guestPage.getByLabel('Password').fill(guest.password);
  await guestPage.getByRole('button', { name: 'Sign in' }).click();
  await guestPage.getByRole('button', { name: /^Accept and join/ }).click();
  await expect(guestPage).toHaveURL(new RegExp(`/w/${workspaceId}$`));
  await expect(guestPage.getByText('Your role', { exact: true }).locator('..')).toContainText('Viewer');

  const selector = guestPage.getByLabel('Workspace', { exact: true });
  await expect(selector.locator('option')).toHaveCount(2);
  await selector.selectOption(guestOwnWorkspace);
  await expect(guestPage).toHaveURL(new RegExp(`/w/${guestOwnWorkspace}$`));
  await expect(mainNav(guestPage).getByRole('link', { name: 'Workspace', exact: true })).toBeVisible();
  await selector.selectOption(workspaceId);
  await expect(mainNav(guestPage).getByRole('link', { name: 'Workspace', exact: true })).toHaveCount(0);

  await guestPage.goto(droppedLink);
  await expect(guestPage.getByText(/This invitation was revoked/)).toBeVisible();
  await expect(guestPage.getByRole('button', { name: /Accept/ })).toHaveCount(0);
  await context.close();
});
