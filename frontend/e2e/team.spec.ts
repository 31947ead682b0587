import { expect, test } from '@playwright/test';
import { mainNav, newAccount, screenshot, signUpViaUi, workspaceIdOf } from './support/helpers';
import { waitForLink } from './support/mail';

test('owner creates a token, invites a manager who is limited, then suspends them', async ({ page, browser }) => {
  const owner = newAccount('owner');
  const manager = newAccount('manager');
  let workspaceId = '';
  let workspaceName = '';

  await test.step('owner signs up and lands in the new workspace', async () => {
    await page.goto('/sign-up');
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await screenshot(page, 'sign-up');
    workspaceId = await signUpViaUi(page, owner);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(owner.name);
    workspaceName = (await heading.textContent()) ?? '';
    await expect(page.getByText('Your role', { exact: true }).locator('..')).toContainText('Owner');
    await expect(page.getByText('Members', { exact: true }).locator('..')).toContainText('1');
    await screenshot(page, 'workspace-home');
  });

  await test.step('owner creates an API token and sees the secret once', async () => {
    await mainNav(page).getByRole('link', { name: 'API tokens' }).click();
    await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
    await expect(page.getByText('No API tokens yet')).toBeVisible();
    await page.getByLabel('Token name').fill('Zapier sync');
    await page.getByRole('checkbox', { name: 'leads:read' }).check();
    await page.getByRole('checkbox', { name: 'leads:write' }).check();
    await page.getByRole('button', { name: 'Create token' }).click();

    const dialog = page.getByRole('dialog', { name: 'Your new API token' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('It will not be shown again');
    const secret = await dialog.getByLabel(/Token secret/).inputValue();
    expect(secret).toMatch(/^crm_/);
    await screenshot(page, 'api-tokens-secret');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('row', { name: /Zapier sync/ });
    await expect(row).toContainText('leads:read');
    await expect(row).toContainText('Active');
    const prefix = ((await row.locator('td').nth(1).textContent()) ?? '').replace('…', '').trim();
    expect(prefix.length).toBeGreaterThan(3);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(await page.content()).not.toContain(secret);

    await page.reload();
    await expect(page.getByRole('row', { name: /Zapier sync/ })).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'api-tokens');
  });

  await test.step('owner reviews the settings page', async () => {
    await mainNav(page).getByRole('link', { name: 'Workspace', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Workspace settings' })).toBeVisible();
    const currency = page.getByLabel('Currency');
    await expect(currency).toHaveValue('EUR');
    await currency.fill('ZZZ');
    await page.getByRole('button', { name: 'Save changes' }).click();
    // The API's field error lands on the field itself.
    await expect(currency).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/is not an ISO 4217 currency code/).first()).toBeVisible();
    await currency.fill('USD');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Workspace settings saved' })).toBeVisible();
    await expect(currency).not.toHaveAttribute('aria-invalid', 'true');
    await screenshot(page, 'settings');
    await mainNav(page).getByRole('link', { name: 'Home' }).click();
    await expect(page.getByText('Currency', { exact: true }).locator('..')).toContainText('USD');
  });

  let inviteUrl = '';
  await test.step('owner invites a manager by email', async () => {
    const since = Date.now();
    await mainNav(page).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('tab', { name: 'Invitations' }).click();
    await expect(page).toHaveURL(/tab=invitations/);
    await page.getByLabel('Email address').fill(manager.email);
    await page.getByLabel('Role', { exact: true }).selectOption('manager');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${manager.email}` })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(manager.email.replace(/[.+]/g, '\\$&')) });
    await expect(row).toContainText('Pending');
    await expect(row).toContainText('Manager');
    inviteUrl = await waitForLink({ to: manager.email, pattern: /\/invite\/[0-9a-f-]{36}/, since });
  });

  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();

  await test.step('the invitee signs up through the invitation with the email locked', async () => {
    await managerPage.goto(inviteUrl);
    await expect(managerPage.getByRole('heading', { name: `Join ${workspaceName}` })).toBeVisible();
    const details = managerPage.getByRole('definition');
    await expect(details.filter({ hasText: /^Manager$/ })).toBeVisible();
    await expect(details.filter({ hasText: /^Pending$/ })).toBeVisible();
    const email = managerPage.getByLabel('Email');
    await expect(email).toHaveValue(manager.email);
    await expect(email).toHaveAttribute('readonly', '');
    await screenshot(managerPage, 'invite');
    await managerPage.getByLabel('Name').fill(manager.name);
    await managerPage.getByLabel('Password').fill(manager.password);
    await managerPage.getByRole('button', { name: 'Create account' }).click();
    await expect(managerPage).toHaveURL(new RegExp(`/w/${workspaceId}$`));
    expect(workspaceIdOf(managerPage)).toBe(workspaceId);
    await expect(managerPage.getByText('Your role', { exact: true }).locator('..')).toContainText('Manager');
  });

  await test.step('the manager cannot open owner-only settings', async () => {
    const nav = mainNav(managerPage);
    await expect(nav.getByRole('link', { name: 'Team' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Workspace', exact: true })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'API tokens' })).toHaveCount(0);
    await managerPage.goto(`/w/${workspaceId}/settings`);
    await expect(managerPage.getByRole('heading', { name: 'Only workspace owners can change settings' })).toBeVisible();
    await expect(managerPage.getByLabel('Currency')).toHaveCount(0);

    // The server refuses too, not just the UI.
    const refused = await managerPage.evaluate(async (id) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('crm_csrf='))?.split('=')[1] ?? '';
      const response = await fetch(`/api/workspaces/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
        body: JSON.stringify({ name: 'Hijacked' }),
      });
      return { status: response.status, body: await response.json() };
    }, workspaceId);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.forbidden');

    await managerPage.goto(`/w/${workspaceId}/team`);
    await expect(managerPage.getByRole('row', { name: new RegExp(owner.name) })).toBeVisible();
    await expect(managerPage.getByRole('button', { name: /^Suspend / })).toHaveCount(0);
    await expect(managerPage.getByRole('tab', { name: 'Invitations' })).toHaveCount(0);
  });

  await test.step('the owner suspends the manager', async () => {
    await page.getByRole('tab', { name: 'Members' }).click();
    await expect(page.getByRole('row', { name: new RegExp(manager.name) })).toBeVisible();
    await screenshot(page, 'team');
    await page.getByRole('button', { name: `Suspend ${manager.name}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Suspend ${manager.name}?` });
    await confirm.getByLabel('Reason (optional)').fill('Security review');
    await confirm.getByRole('button', { name: 'Suspend member' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('row', { name: new RegExp(manager.name) })).toContainText('Suspended');

    await page.getByRole('link', { name: manager.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: manager.name })).toBeVisible();
    await expect(page.getByText('Security review')).toBeVisible();
    await expect(page.getByRole('button', { name: `Unsuspend ${manager.name}` })).toBeVisible();
    await screenshot(page, 'member-detail');
  });

  await test.step("the manager's next navigation shows the suspended state", async () => {
    await mainNav(managerPage).getByRole('link', { name: 'Home' }).click();
    await expect(managerPage.getByRole('heading', { name: 'Your access to this workspace is suspended' })).toBeVisible();
    await managerPage.reload();
    await expect(managerPage.getByRole('heading', { name: 'Your access to this workspace is suspended' })).toBeVisible();
    await screenshot(managerPage, 'suspended');
  });

  await test.step('the owner account page renders', async () => {
    await mainNav(page).getByRole('link', { name: 'Account' }).click();
    await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveValue(owner.name);
    await screenshot(page, 'account');
  });

  await managerContext.close();
});
