import { expect, test } from '@playwright/test';
import { csrfHeaders, mainNav, newAccount, signUpViaApi } from './support/helpers';

test('owner changes a role, suspends and unsuspends, then removes a member', async ({ page, browser }) => {
  const owner = newAccount('boss');
  const member = newAccount('member');
  const ownerMe = await signUpViaApi(page.request, owner);
  const workspaceId: string = ownerMe.workspaces[0].workspaceId;
  const invite = await page.request.post(`/api/workspaces/${workspaceId}/invitations`, {
    data: { email: member.email, role: 'manager' },
    headers: await csrfHeaders(page),
  });
  expect(invite.status(), await invite.text()).toBe(201);
  const invitationId: string = (await invite.json()).id;

  const context = await browser.newContext();
  const memberPage = await context.newPage();
  await signUpViaApi(memberPage.request, { ...member, invitationId } as typeof member);
  await memberPage.goto(`/w/${workspaceId}`);
  const role = memberPage.getByText('Your role', { exact: true }).locator('..');
  await expect(role).toContainText('Manager');

  await page.goto(`/w/${workspaceId}/team`);
  await page.getByRole('combobox', { name: `Role for ${member.name}` }).selectOption('viewer');
  await expect(page.getByRole('status').filter({ hasText: `${member.name} is now viewer` })).toBeVisible();
  await memberPage.reload();
  await expect(role).toContainText('Viewer');

  await page.getByRole('link', { name: member.name }).click();
  await page.getByRole('button', { name: `Suspend ${member.name}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Suspend member' }).click();
  await expect(page.getByText('No reason given')).toBeVisible();
  await mainNav(memberPage).getByRole('link', { name: 'Team' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Your access to this workspace is suspended' })).toBeVisible();

  await page.getByRole('button', { name: `Unsuspend ${member.name}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Unsuspend member' }).click();
  await expect(page.getByRole('button', { name: `Suspend ${member.name}` })).toBeVisible();
  await memberPage.getByRole('button', { name: 'Check again' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: `Remove ${member.name}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove member' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/team$`));
  await expect(page.getByRole('row', { name: new RegExp(member.name) })).toHaveCount(0);

  await mainNav(memberPage).getByRole('link', { name: 'Home' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Workspace not found' })).toBeVisible();
  await context.close();
});
