import { expect, test, type Page } from '@playwright/test';
import { csrfHeaders, mainNav, newAccount, screenshot, signUpViaApi, signUpViaUi } from './support/helpers';

/** A local `<input type="datetime-local">` value `hours` from now. */
function localDateTime(hours: number): string {
  const d = new Date(Date.now() + hours * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

async function logActivity(page: Page, type: string, subject: string, due?: string) {
  await page.getByRole('button', { name: 'Log activity' }).click();
  const form = page.getByRole('form', { name: 'Log an activity' });
  await form.getByLabel('Type', { exact: true }).selectOption(type);
  await form.getByLabel('Subject', { exact: true }).fill(subject);
  if (due) await form.getByLabel('Due', { exact: true }).fill(due);
  await form.getByRole('button', { name: 'Log activity' }).click();
  await expect(page.getByRole('status').filter({ hasText: `“${subject}” logged` })).toBeVisible();
  await expect(form).toBeHidden();
}

/** The timeline items' text, top to bottom. */
async function timelineTexts(page: Page, label: string): Promise<string[]> {
  return page.getByRole('list', { name: label }).getByRole('listitem').allInnerTexts();
}

function indexOfItem(items: string[], text: string): number {
  return items.findIndex((item) => item.includes(text));
}

test('a company with two contacts, a call and a task: logged, completed, reopened, and on both timelines', async ({ page }) => {
  const owner = newAccount('relations');
  const suffix = owner.name.split(' ')[1];
  const companyName = `Analytical Engines ${suffix}`;
  const domain = `engines-${suffix}.test`.toLowerCase();
  const ada = `Ada Lovelace ${suffix}`;
  const charles = `Charles Babbage ${suffix}`;
  const adaEmail = `ada-${suffix}@example.test`.toLowerCase();
  const call = `Intro call ${suffix}`;
  const task = `Send the proposal ${suffix}`;
  let companyUrl = '';
  let adaUrl = '';

  await test.step('the owner creates a company', async () => {
    await signUpViaUi(page, owner);
    await mainNav(page).getByRole('link', { name: 'Companies' }).click();
    await expect(page.getByRole('heading', { name: 'Companies', level: 1 })).toBeVisible();
    await expect(page.getByText('No companies yet')).toBeVisible();
    await page.getByRole('link', { name: 'New company' }).first().click();
    const form = page.getByRole('form', { name: 'New company' });
    await form.getByLabel('Name', { exact: true }).fill(companyName);
    await form.getByLabel('Domain', { exact: true }).fill(domain);
    await form.getByLabel('Website', { exact: true }).fill(`https://${domain}`);
    await form.getByLabel('Industry', { exact: true }).fill('Computing');
    await form.getByLabel('Size', { exact: true }).selectOption('11-50');
    await form.getByLabel('Status', { exact: true }).selectOption('active');
    await expect(form.getByRole('group', { name: 'Form actions' }).getByRole('button', { name: 'Create company' })).toBeInViewport();
    await form.getByRole('button', { name: 'Create company' }).click();
    await expect(page.getByRole('heading', { name: companyName, level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `Company “${companyName}” created` })).toBeVisible();
    companyUrl = new URL(page.url()).pathname;
  });

  await test.step('a second company with the same domain is flagged as a possible duplicate', async () => {
    await page.goto(companyUrl.replace(/\/[^/]+$/, '/new'));
    const form = page.getByRole('form', { name: 'New company' });
    await form.getByLabel('Name', { exact: true }).fill(`Engines Copy ${suffix}`);
    await form.getByLabel('Domain', { exact: true }).fill(domain);
    const live = page.getByRole('status', { name: 'Possible duplicates' });
    await expect(live.getByRole('link', { name: companyName })).toBeVisible();
    await form.getByRole('button', { name: 'Create company' }).click();
    const conflict = page.getByRole('alert', { name: 'Possible duplicate companies' });
    await expect(conflict.getByRole('link', { name: companyName })).toBeVisible();
    await expect(conflict.getByRole('button', { name: 'Create anyway' })).toBeVisible();
    await form.getByRole('link', { name: 'Cancel' }).click();
  });

  await test.step('two contacts are added to the company', async () => {
    await page.goto(companyUrl);
    for (const [name, email, job] of [
      [ada, adaEmail, 'Analyst'],
      [charles, '', 'Engineer'],
    ] as const) {
      await page.getByRole('link', { name: 'Add contact' }).click();
      const form = page.getByRole('form', { name: 'New contact' });
      // Prefilled from the company page: the picker names the company.
      await expect(form.getByRole('combobox', { name: 'Company' })).toHaveValue(companyName);
      await form.getByLabel('Name', { exact: true }).fill(name);
      if (email) await form.getByLabel('Email', { exact: true }).fill(email);
      await form.getByLabel('Job title', { exact: true }).fill(job);
      await form.getByLabel('Tags', { exact: true }).fill('key');
      await form.getByLabel('Tags', { exact: true }).press('Enter');
      await form.getByRole('button', { name: 'Create contact' }).click();
      await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
      if (name === ada) adaUrl = new URL(page.url()).pathname;
      await page.getByRole('link', { name: companyName }).first().click();
      await expect(page.getByRole('heading', { name: companyName, level: 1 })).toBeVisible();
    }
    await expect(page.getByRole('region', { name: 'Company details' })).toContainText(/Contacts\s*2/);
    const keyContacts = page.getByRole('list', { name: 'Key contacts' });
    await expect(keyContacts.getByRole('link', { name: ada })).toBeVisible();
    await expect(keyContacts.getByRole('link', { name: charles })).toBeVisible();
  });

  await test.step('a taken email is shown on the email field with a link to the contact', async () => {
    await page.getByRole('link', { name: 'Add contact' }).click();
    const form = page.getByRole('form', { name: 'New contact' });
    await form.getByLabel('Name', { exact: true }).fill(`Ada Again ${suffix}`);
    await form.getByLabel('Email', { exact: true }).fill(adaEmail);
    await form.getByRole('button', { name: 'Create contact' }).click();
    await expect(form.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('A contact with this email already exists:')).toBeVisible();
    await form.getByRole('link', { name: ada }).click();
    await expect(page.getByRole('heading', { name: ada, level: 1 })).toBeVisible();
  });

  await test.step('a call and a task are logged on the contact; the task is completed and reopened', async () => {
    await page.goto(adaUrl);
    await logActivity(page, 'call', call);
    await logActivity(page, 'task', task, localDateTime(24));
    const timeline = page.getByRole('list', { name: 'Contact timeline' });
    const taskItem = timeline.getByRole('listitem').filter({ hasText: task });
    await taskItem.getByRole('button', { name: `Complete ${task}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Completed “${task}”` })).toBeVisible();
    await expect(taskItem.getByText('Completed', { exact: true })).toBeVisible();
    await taskItem.getByRole('button', { name: `Reopen ${task}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Reopened “${task}”` })).toBeVisible();
    await expect(taskItem.getByRole('button', { name: `Complete ${task}` })).toBeVisible();
    await expect(taskItem.getByText('Completed', { exact: true })).toHaveCount(0);

    const items = await timelineTexts(page, 'Contact timeline');
    expect(indexOfItem(items, task)).toBeGreaterThanOrEqual(0);
    expect(indexOfItem(items, task)).toBeLessThan(indexOfItem(items, call));
    await screenshot(page, 'contact-detail');
  });

  await test.step('the company timeline shows its own events and the activities linked to it, newest first', async () => {
    await page.getByRole('link', { name: companyName }).first().click();
    const timeline = page.getByRole('list', { name: 'Company timeline' });
    await expect(timeline.getByRole('listitem').filter({ hasText: task })).toBeVisible();
    await expect(timeline.getByRole('listitem').filter({ hasText: call })).toBeVisible();
    const items = await timelineTexts(page, 'Company timeline');
    expect(indexOfItem(items, task)).toBeLessThan(indexOfItem(items, call));
    // The company's own creation is the oldest entry.
    expect(items[items.length - 1]).toContain('Company created');
    await screenshot(page, 'company-detail');
  });

  await test.step('the lists find the records again', async () => {
    await mainNav(page).getByRole('link', { name: 'Contacts' }).click();
    await expect(page.getByRole('row', { name: new RegExp(ada) })).toBeVisible();
    await page.getByRole('combobox', { name: 'Company' }).fill(companyName);
    await page.getByRole('listbox', { name: 'Company choices' }).getByRole('option', { name: new RegExp(companyName) }).click();
    await expect(page).toHaveURL(/[?&]company=/);
    await expect(page.getByRole('row', { name: new RegExp(charles) })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Babbage');
    await page.getByRole('searchbox', { name: 'Search contacts' }).press('Enter');
    await expect(page.getByRole('row', { name: new RegExp(ada) })).toHaveCount(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByRole('row', { name: new RegExp(ada) })).toBeVisible();
    await screenshot(page, 'contacts-list');

    await mainNav(page).getByRole('link', { name: 'Companies' }).click();
    // Contact rows name their company too: wait for the companies page first.
    await expect(page).toHaveURL(/\/companies$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(companyName) });
    await expect(row).toContainText('Active');
    await expect(row).toContainText('Computing');
    await page.getByLabel('Status', { exact: true }).selectOption('inactive');
    await expect(page).toHaveURL(/[?&]status=inactive/);
    await expect(page.getByText('No companies match these filters')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('inactive');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(row).toBeVisible();
    await screenshot(page, 'companies-list');
  });

  await test.step('"My activities" lists the open task, which can be completed there', async () => {
    await mainNav(page).getByRole('link', { name: 'Activities' }).click();
    await expect(page.getByRole('tab', { name: 'Mine' })).toHaveAttribute('aria-selected', 'true');
    const list = page.getByRole('list', { name: 'Activities' });
    const taskItem = list.getByRole('listitem').filter({ hasText: task });
    await expect(taskItem).toBeVisible();
    await screenshot(page, 'activities');
    await page.getByLabel('Type', { exact: true }).selectOption('call');
    await expect(page).toHaveURL(/[?&]type=call/);
    await expect(taskItem).toHaveCount(0);
    await page.getByLabel('Type', { exact: true }).selectOption('');
    await taskItem.getByRole('button', { name: `Complete ${task}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Completed “${task}”` })).toBeVisible();
    await expect(taskItem).toHaveCount(0);
    await page.getByLabel('Status', { exact: true }).selectOption('completed');
    await expect(page).toHaveURL(/[?&]status=completed/);
    await expect(list.getByRole('listitem').filter({ hasText: task }).getByRole('button', { name: `Reopen ${task}` })).toBeVisible();
  });

  await test.step('a lead page has the same activities island, linked to the lead', async () => {
    const workspaceId = new URL(page.url()).pathname.split('/')[2];
    const created = await page.request.post(`/api/workspaces/${workspaceId}/leads`, {
      headers: await csrfHeaders(page),
      data: { name: `Lead ${suffix}` },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto(`/w/${workspaceId}/leads/${(await created.json()).id}`);
    const post = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/activities'));
    await logActivity(page, 'meeting', `Demo ${suffix}`);
    expect((await post).postDataJSON()).toMatchObject({ type: 'meeting', subject: `Demo ${suffix}`, leadId: expect.any(String) });
    const items = await timelineTexts(page, 'Lead timeline');
    expect(items[0]).toContain(`Demo ${suffix}`);
  });
});

test('a viewer reads contacts, companies and activities but sees no create or complete controls', async ({ page, browser }) => {
  const owner = newAccount('relowner');
  const viewer = newAccount('relviewer');
  const me = await signUpViaApi(page.request, owner);
  const workspaceId: string = me.workspaces[0].workspaceId;
  const headers = await csrfHeaders(page);
  const base = `/api/workspaces/${workspaceId}`;
  const company = await page.request.post(`${base}/companies`, { headers, data: { name: `Viewer Co ${viewer.name}` } });
  expect(company.status(), await company.text()).toBe(201);
  const companyId = (await company.json()).id;
  const contact = await page.request.post(`${base}/contacts`, { headers, data: { name: `Viewer Contact ${viewer.name}`, companyId } });
  expect(contact.status(), await contact.text()).toBe(201);
  const contactId = (await contact.json()).id;
  const activity = await page.request.post(`${base}/activities`, {
    headers,
    data: { type: 'task', subject: 'Viewer-visible task', contactId, companyId },
  });
  expect(activity.status(), await activity.text()).toBe(201);
  const invitation = await page.request.post(`${base}/invitations`, { headers, data: { email: viewer.email, role: 'viewer' } });
  expect(invitation.status(), await invitation.text()).toBe(201);

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signUpViaApi(viewerPage.request, { ...viewer, invitationId: (await invitation.json()).id });

  await viewerPage.goto(`/w/${workspaceId}/companies`);
  await expect(viewerPage.getByRole('row', { name: new RegExp(`Viewer Co ${viewer.name}`) })).toBeVisible();
  await expect(viewerPage.getByRole('link', { name: 'New company' })).toHaveCount(0);
  for (const name of ['Contacts', 'Companies', 'Activities']) await expect(mainNav(viewerPage).getByRole('link', { name })).toBeVisible();

  await viewerPage.goto(`/w/${workspaceId}/companies/${companyId}`);
  await expect(viewerPage.getByRole('list', { name: 'Company timeline' }).getByRole('listitem').filter({ hasText: 'Viewer-visible task' })).toBeVisible();
  await expect(viewerPage.getByRole('link', { name: 'Edit company' })).toHaveCount(0);
  await expect(viewerPage.getByRole('link', { name: 'Add contact' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'Log activity' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: /^Complete / })).toHaveCount(0);

  await viewerPage.goto(`/w/${workspaceId}/contacts`);
  await expect(viewerPage.getByRole('link', { name: 'New contact' })).toHaveCount(0);
  await viewerPage.getByRole('link', { name: `Viewer Contact ${viewer.name}` }).click();
  await expect(viewerPage.getByRole('list', { name: 'Contact timeline' }).getByRole('listitem').filter({ hasText: 'Viewer-visible task' })).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'Log activity' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: /^Complete / })).toHaveCount(0);
  await expect(viewerPage.getByRole('link', { name: 'Edit contact' })).toHaveCount(0);

  await viewerPage.goto(`/w/${workspaceId}/activities?scope=all`);
  await expect(viewerPage.getByRole('list', { name: 'Activities' }).getByRole('listitem').filter({ hasText: 'Viewer-visible task' })).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: /^Complete / })).toHaveCount(0);

  await viewerPage.goto(`/w/${workspaceId}/contacts/new`);
  await expect(viewerPage.getByRole('heading', { name: 'Viewers cannot change contacts' })).toBeVisible();

  const refused = await viewerPage.request.put(`${base}/activities/${(await activity.json()).id}/completion`, { headers: await csrfHeaders(viewerPage) });
  expect(refused.status()).toBe(403);
  await viewerContext.close();
});
