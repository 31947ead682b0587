import { expect, test } from '@playwright/test';
import { csrfHeaders, newAccount, screenshot, signUpViaApi } from './support/helpers';

// The bell polls every 15 s (docs/decisions.md): allow one full interval plus margin.
const POLL_WAIT = { timeout: 40_000 };

test('assigning a lead rings the assignee’s bell without a reload; opening it clears the badge', async ({ page, browser, baseURL }) => {
  const owner = newAccount('bellowner');
  const mate = newAccount('bellmate');
  const ownerMe = await signUpViaApi(page.request, owner);
  const workspaceId: string = ownerMe.workspaces[0].workspaceId;
  const invite = await page.request.post(`/api/workspaces/${workspaceId}/invitations`, {
    headers: await csrfHeaders(page),
    data: { email: mate.email, role: 'manager' },
  });
  expect(invite.status(), await invite.text()).toBe(201);
  const mateContext = await browser.newContext({ baseURL });
  const matePage = await mateContext.newPage();
  await signUpViaApi(matePage.request, { ...mate, invitationId: (await invite.json()).id });
  const created = await page.request.post(`/api/workspaces/${workspaceId}/leads`, {
    headers: await csrfHeaders(page),
    data: { name: 'Grace Hopper' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const leadId: string = (await created.json()).id;

  await test.step('the second member works on another page; their bell is quiet', async () => {
    await matePage.goto(`/w/${workspaceId}/activities`);
    await expect(matePage.getByRole('heading', { name: 'Activities', level: 1 })).toBeVisible();
    await expect(matePage.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  });

  await test.step('the owner assigns the lead to them', async () => {
    await page.goto(`/w/${workspaceId}/leads/${leadId}`);
    // A searched picker (server-side), not a select of the first page of members.
    await page.getByRole('combobox', { name: 'Assignee' }).fill(mate.name);
    await page.getByRole('listbox', { name: 'Assignee choices' }).getByRole('option', { name: new RegExp(`^${mate.name}`) }).click();
    await expect(page.getByRole('status').filter({ hasText: `Assigned to ${mate.name}` })).toBeVisible();
    // Assigning is not self-assignment for the owner's own bell.
    await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  });

  await test.step('their bell shows 1 unread without reloading', async () => {
    const bell = matePage.getByRole('button', { name: 'Notifications, 1 unread' });
    await expect(bell).toBeVisible(POLL_WAIT);
    await expect(matePage.getByTestId('bell-badge')).toHaveText('1');
    await bell.click();
    const panel = matePage.getByRole('dialog', { name: 'Notifications' });
    await expect(panel.getByRole('button', { name: /Grace Hopper/ })).toContainText('Lead assigned to you');
    await screenshot(matePage, 'notification-bell');
  });

  await test.step('clicking it opens the lead and clears the badge', async () => {
    await matePage.getByRole('dialog', { name: 'Notifications' }).getByRole('button', { name: /Grace Hopper/ }).click();
    await expect(matePage).toHaveURL(new RegExp(`/w/${workspaceId}/leads/${leadId}$`));
    await expect(matePage.getByRole('heading', { name: 'Grace Hopper', level: 1 })).toBeVisible();
    await expect(matePage.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
    await expect(matePage.getByTestId('bell-badge')).toHaveCount(0);
  });

  await test.step('the notification settings page is read-only for nobody here: managers may edit', async () => {
    await matePage.goto(`/w/${workspaceId}/settings/notifications`);
    await expect(matePage.getByRole('checkbox', { name: /Stale deals/ })).toBeEnabled();
    await screenshot(matePage, 'notification-settings');
  });
  await mateContext.close();
});
