import { expect, test } from '@playwright/test';
import { DAY, resetServerClock, shiftServerClock } from './support/clock';
import { csrfHeaders, mainNav, newAccount, screenshot, signUpViaApi, signUpViaUi } from './support/helpers';

/** A UTC calendar date `days` from now, as the API and <input type="date"> want it. */
function isoDate(days: number): string {
  return new Date(Date.now() + days * DAY * 1000).toISOString().slice(0, 10);
}

test.afterEach(() => resetServerClock());

test('a lead is created, qualified with a next action, found again, and goes stale as time passes', async ({ page }) => {
  const owner = newAccount('leads');
  const suffix = owner.name.split(' ')[1];
  const leadName = `Ada Lovelace ${suffix}`;
  const otherName = `Charles Babbage ${suffix}`;
  let workspaceId = '';
  let leadUrl = '';

  await test.step('the owner opens the empty leads list', async () => {
    workspaceId = await signUpViaUi(page, owner);
    await mainNav(page).getByRole('link', { name: 'Leads' }).click();
    await expect(page.getByRole('heading', { name: 'Leads', level: 1 })).toBeVisible();
    await expect(page.getByText('No leads yet')).toBeVisible();
  });

  await test.step('the owner creates a lead through the form', async () => {
    await page.getByRole('link', { name: 'New lead' }).first().click();
    await expect(page.getByRole('heading', { name: 'New lead', level: 1 })).toBeVisible();
    const form = page.getByRole('form', { name: 'New lead' });
    await form.getByLabel('Name', { exact: true }).fill(leadName);
    await form.getByLabel('Email', { exact: true }).fill('ada@example.test');
    await form.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0000');
    await form.getByLabel('Company', { exact: true }).fill('Analytical Engines');
    await form.getByLabel('Source', { exact: true }).selectOption('referral');
    await form.getByLabel('Tags', { exact: true }).fill('vip');
    await form.getByLabel('Tags', { exact: true }).press('Enter');
    await form.getByLabel('Notes', { exact: true }).fill('Met at the Royal Society.');
    await expect(form.getByRole('list', { name: 'Tags added' })).toContainText('vip');
    await expect(form.getByRole('group', { name: 'Form actions' }).getByRole('button', { name: 'Create lead' })).toBeInViewport();
    await screenshot(page, 'lead-form');
    await page.getByRole('button', { name: 'Create lead' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/leads/[0-9a-f-]{36}$`));
    await expect(page.getByRole('heading', { name: leadName, level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `Lead “${leadName}” created` })).toBeVisible();
    leadUrl = new URL(page.url()).pathname;
  });

  await test.step('qualifying is refused without a next action date, then accepted with one', async () => {
    await page.getByLabel('Status').selectOption('qualified');
    const date = page.getByLabel('Next action date');
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    const panel = page.getByRole('form', { name: 'Set a next action to move to Qualified' });
    await expect(panel.locator('.field-error')).toBeVisible();
    await expect(page.getByLabel('Status')).toHaveValue('new');

    await date.fill(isoDate(3));
    await panel.getByLabel('Next action (optional)').fill('Send the proposal');
    await panel.getByRole('button', { name: 'Save and move to Qualified' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Status changed to Qualified' })).toBeVisible();
    await expect(panel).toBeHidden();
    await expect(page.getByLabel('Status')).toHaveValue('qualified');
    const nextAction = page.getByRole('region', { name: 'Next action' });
    await expect(nextAction).toContainText('Send the proposal');
    await expect(nextAction.getByText('Stale')).toHaveCount(0);

    // A searched picker (server-side), not a select of the first page of members.
    await page.getByRole('combobox', { name: 'Assignee' }).fill(owner.name);
    await page.getByRole('listbox', { name: 'Assignee choices' }).getByRole('option', { name: new RegExp(`^${owner.name}`) }).click();
    await expect(page.getByRole('status').filter({ hasText: `Assigned to ${owner.name}` })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Lead timeline' }).getByRole('listitem')).not.toHaveCount(0);
    await page.getByText('Why this score?').click();
    await expect(page.getByRole('list', { name: 'Score breakdown' }).getByRole('listitem')).not.toHaveCount(0);
    await screenshot(page, 'lead-detail');
  });

  await test.step('the owner edits the lead; only what changed is sent', async () => {
    await page.getByRole('link', { name: 'Edit lead' }).click();
    const form = page.getByRole('form', { name: `Edit ${leadName}` });
    await expect(form.getByLabel('Status', { exact: true })).toHaveValue('qualified');
    await expect(form.getByLabel('Next action date', { exact: true })).toHaveValue(isoDate(3));
    await form.getByLabel('Company', { exact: true }).fill('Analytical Engines Ltd');
    const patch = page.waitForRequest((r) => r.method() === 'PATCH');
    await form.getByRole('button', { name: 'Save changes' }).click();
    expect((await patch).postDataJSON()).toEqual({ company: 'Analytical Engines Ltd' });
    await expect(page.getByRole('status').filter({ hasText: `Lead “${leadName}” saved` })).toBeVisible();
    await expect(page.getByRole('heading', { name: leadName, level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Contact' })).toContainText('Analytical Engines Ltd');
  });

  await test.step('a second lead arrives through the API', async () => {
    const response = await page.request.post(`/api/workspaces/${workspaceId}/leads`, {
      headers: await csrfHeaders(page),
      data: { name: otherName, company: 'Difference Engines', source: 'website' },
    });
    expect(response.status(), await response.text()).toBe(201);
  });

  await test.step('the lead is found by search and by a status filter that survives a reload', async () => {
    await mainNav(page).getByRole('link', { name: 'Leads' }).click();
    await expect(page.getByRole('row', { name: new RegExp(otherName) })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('Lovelace');
    await page.getByRole('searchbox', { name: 'Search leads' }).press('Enter');
    await expect(page).toHaveURL(/[?&]q=Lovelace/);
    await expect(page.getByRole('row', { name: new RegExp(leadName) })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(otherName) })).toHaveCount(0);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByRole('row', { name: new RegExp(otherName) })).toBeVisible();
    await page.getByLabel('Status').selectOption('qualified');
    await expect(page).toHaveURL(/[?&]status=qualified/);
    await expect(page.getByRole('row', { name: new RegExp(otherName) })).toHaveCount(0);
    const row = page.getByRole('row', { name: new RegExp(leadName) });
    await expect(row).toContainText('Qualified');
    await expect(row).toContainText(owner.name);

    await page.reload();
    await expect(page.getByLabel('Status')).toHaveValue('qualified');
    await expect(page.getByRole('row', { name: new RegExp(leadName) })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(otherName) })).toHaveCount(0);
    await expect(page.getByRole('row', { name: new RegExp(leadName) }).getByText('Stale')).toHaveCount(0);
    await page.getByLabel('Status').selectOption('');
    await expect(page.getByRole('row', { name: new RegExp(otherName) })).toBeVisible();
    await screenshot(page, 'leads-list');
  });

  await test.step('eight days later the lead is stale and overdue, on the list and on its page', async () => {
    shiftServerClock(8 * DAY);
    await page.goto(`/w/${workspaceId}/leads?status=qualified`);
    const row = page.getByRole('row', { name: new RegExp(leadName) });
    await expect(row.getByText('Stale')).toBeVisible();
    await expect(row.getByText('Overdue')).toBeVisible();
    // The box mirrors the URL, which updates in a transition: click, then
    // wait for the URL and the box (check() would test the box at once).
    const staleOnly = page.getByRole('checkbox', { name: 'Stale only' });
    await staleOnly.click();
    await expect(page).toHaveURL(/[?&]stale=true/);
    await expect(staleOnly).toBeChecked();
    await expect(page.getByRole('row', { name: new RegExp(leadName) })).toBeVisible();
    await screenshot(page, 'leads-list-stale');

    await page.goto(leadUrl);
    const nextAction = page.getByRole('region', { name: 'Next action' });
    await expect(nextAction.getByText('Stale')).toBeVisible();
    await expect(nextAction.getByText('Overdue')).toBeVisible();
    await screenshot(page, 'lead-detail-stale');
    resetServerClock();
  });

  await test.step('the owner adds and archives a custom lead source', async () => {
    await mainNav(page).getByRole('link', { name: 'Lead sources' }).click();
    await expect(page.getByRole('heading', { name: 'Lead sources', level: 1 })).toBeVisible();
    const referral = page.getByRole('row', { name: /Referral/ });
    await expect(referral).toContainText('Built-in');
    await expect(referral.getByRole('button')).toHaveCount(0);

    await page.getByLabel('Slug').fill('trade_fair');
    await page.getByLabel('Label').fill('Trade fair');
    await page.getByRole('button', { name: 'Add source' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Lead source “Trade fair” added' })).toBeVisible();
    const custom = page.getByRole('row', { name: /trade_fair/ });
    await expect(custom).toContainText('Custom');
    await expect(custom).toContainText('Active');

    await custom.getByRole('button', { name: 'Archive source Trade fair' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Archive “Trade fair”?' });
    await confirm.getByRole('button', { name: 'Archive source' }).click();
    await expect(confirm).toBeHidden();
    await expect(custom).toContainText('Archived');
    await screenshot(page, 'lead-sources');

    await page.goto(`/w/${workspaceId}/leads/new`);
    await expect(page.getByLabel('Source').locator('option', { hasText: 'Trade fair' })).toHaveCount(0);
  });

  await test.step('the workspace home lists the recent activity', async () => {
    await mainNav(page).getByRole('link', { name: 'Home' }).click();
    const activity = page.getByRole('list', { name: 'Recent workspace activity' });
    await expect(activity.getByRole('listitem')).toHaveCount(5);
  });
});

test('a viewer reads leads but cannot change them, and the server refuses too', async ({ page, browser }) => {
  const owner = newAccount('leadowner');
  const viewer = newAccount('leadviewer');
  const me = await signUpViaApi(page.request, owner);
  const workspaceId: string = me.workspaces[0].workspaceId;
  const headers = await csrfHeaders(page);
  const created = await page.request.post(`/api/workspaces/${workspaceId}/leads`, { headers, data: { name: `Lead for ${viewer.name}` } });
  expect(created.status(), await created.text()).toBe(201);
  const lead = await created.json();
  const invitation = await page.request.post(`/api/workspaces/${workspaceId}/invitations`, {
    headers,
    data: { email: viewer.email, role: 'viewer' },
  });
  expect(invitation.status(), await invitation.text()).toBe(201);

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signUpViaApi(viewerPage.request, { ...viewer, invitationId: (await invitation.json()).id });

  await viewerPage.goto(`/w/${workspaceId}/leads`);
  await expect(viewerPage.getByRole('row', { name: new RegExp(`Lead for ${viewer.name}`) })).toBeVisible();
  await expect(viewerPage.getByRole('link', { name: 'New lead' })).toHaveCount(0);
  await expect(mainNav(viewerPage).getByRole('link', { name: 'Lead sources' })).toHaveCount(0);

  await viewerPage.getByRole('link', { name: `Lead for ${viewer.name}` }).click();
  await expect(viewerPage.getByRole('heading', { level: 1, name: `Lead for ${viewer.name}` })).toBeVisible();
  await expect(viewerPage.getByRole('combobox', { name: 'Status' })).toHaveCount(0);
  await expect(viewerPage.getByRole('link', { name: 'Edit lead' })).toHaveCount(0);

  const refused = await viewerPage.request.patch(`/api/workspaces/${workspaceId}/leads/${lead.id}`, {
    headers: await csrfHeaders(viewerPage),
    data: { status: 'contacted' },
  });
  expect(refused.status()).toBe(403);
  await viewerContext.close();
});
