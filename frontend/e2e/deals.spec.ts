import { expect, test, type Page } from '@playwright/test';
import { DAY } from './support/clock';
import { csrfHeaders, mainNav, newAccount, screenshot, signUpViaUi } from './support/helpers';

function isoDate(days: number): string {
  return new Date(Date.now() + days * DAY * 1000).toISOString().slice(0, 10);
}

/**
 * Keyboard drag with dnd-kit's KeyboardSensor: pick the card up by its handle,
 * one arrow key per stage in `path` (waiting for the screen-reader
 * announcement of each), then drop with Space.
 */
async function keyboardDrag(page: Page, title: string, path: string[], key: 'ArrowRight' | 'ArrowLeft' = 'ArrowRight') {
  await page.getByRole('button', { name: `Move ${title}` }).focus();
  await page.keyboard.press('Space');
  await expect(page.locator('.deal-card-overlay')).toBeVisible();
  for (const stage of path) {
    await page.keyboard.press(key);
    await expect(page.getByRole('status').filter({ hasText: `${title} is over ${stage}.` })).toBeAttached();
  }
  await page.keyboard.press('Space');
}

/** The first day of the current quarter (UTC), as the board's default won/lost period, formatted by the page. */
async function quarterStartLabel(page: Page): Promise<string> {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
  return page.evaluate((iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)), start.toISOString());
}

function column(page: Page, stage: string) {
  return page.getByRole('region', { name: new RegExp(`^${stage}`) });
}

test('a qualified lead converts into a deal (linking its company), moves across the board, is refused lost without a reason, and is won', async ({ page }) => {
  const owner = newAccount('deals');
  const suffix = owner.name.split(' ')[1]!;
  const companyName = `Navy Yard ${suffix}`;
  const domain = `navy-${suffix}.test`.toLowerCase();
  const leadName = `Grace Hopper ${suffix}`;
  const dealTitle = `COBOL compiler ${suffix}`;
  let workspaceId = '';
  let leadUrl = '';

  await test.step('the company already exists; the lead arrives through the API', async () => {
    workspaceId = await signUpViaUi(page, owner);
    const headers = await csrfHeaders(page);
    const company = await page.request.post(`/api/workspaces/${workspaceId}/companies`, { headers, data: { name: companyName, domain } });
    expect(company.status(), await company.text()).toBe(201);
    const lead = await page.request.post(`/api/workspaces/${workspaceId}/leads`, {
      headers,
      data: { name: leadName, email: `grace@${domain}`, company: companyName, source: 'referral' },
    });
    expect(lead.status(), await lead.text()).toBe(201);
    leadUrl = `/w/${workspaceId}/leads/${(await lead.json()).id}`;
  });

  await test.step('only a qualified lead can be converted', async () => {
    await page.goto(leadUrl);
    const convert = page.getByRole('button', { name: 'Convert' });
    await expect(convert).toBeDisabled();
    await expect(page.getByText('Only a qualified lead can be converted')).toBeVisible();
    await page.getByLabel('Status').selectOption('qualified');
    const panel = page.getByRole('form', { name: 'Set a next action to move to Qualified' });
    await panel.getByLabel('Next action date').fill(isoDate(2));
    await panel.getByRole('button', { name: 'Save and move to Qualified' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Status changed to Qualified' })).toBeVisible();
    await expect(convert).toBeEnabled();
  });

  await test.step('the preview proposes linking the existing company; the conversion opens the new deal', async () => {
    await page.getByRole('button', { name: 'Convert' }).click();
    const dialog = page.getByRole('dialog', { name: `Convert ${leadName}` });
    const companies = dialog.getByRole('group', { name: 'Company' });
    const link = companies.getByRole('radio', { name: new RegExp(`Link to ${companyName}`) });
    await expect(link).toBeChecked();
    await expect(companies.getByText(/Same domain|Similar name/)).toBeVisible();
    await expect(dialog.getByRole('group', { name: 'Contact' }).getByRole('radio', { name: new RegExp(`Create a new contact: ${leadName}`) })).toBeChecked();
    await dialog.getByLabel('Deal title').fill(dealTitle);
    await dialog.getByLabel(/^Amount/).fill('12000');
    await screenshot(page, 'lead-conversion');
    await dialog.getByRole('button', { name: 'Convert lead' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/deals/[0-9a-f-]{36}$`));
    await expect(page.getByRole('heading', { name: dealTitle, level: 1 })).toBeVisible();
    const notice = page.getByRole('status').filter({ hasText: 'Lead converted' });
    await expect(notice).toContainText(`company ${companyName} linked`);
    await expect(notice.getByRole('link', { name: leadName })).toBeVisible();

    // Linked, not recreated: still one company with that name.
    const list = await page.request.get(`/api/workspaces/${workspaceId}/companies?q=${encodeURIComponent(companyName)}`);
    expect((await list.json()).data).toHaveLength(1);
    const details = page.getByRole('region', { name: 'Deal details' });
    await expect(details.getByRole('link', { name: companyName })).toBeVisible();
    await expect(details.getByRole('link', { name: leadName })).toBeVisible();
  });

  await test.step('the lead shows what it became', async () => {
    await page.goto(leadUrl);
    const converted = page.getByRole('region', { name: 'Converted' });
    await expect(converted.getByRole('link', { name: 'Open the deal' })).toBeVisible();
    await expect(converted.getByRole('link', { name: 'Open the company' })).toBeVisible();
  });

  await test.step('the deal is dragged across stages with the keyboard', async () => {
    await mainNav(page).getByRole('link', { name: 'Deals' }).click();
    await expect(page.getByRole('heading', { name: 'Deals', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Open pipeline totals')).toContainText('Open deals1');
    await expect(column(page, 'Qualification').getByRole('listitem', { name: dealTitle })).toBeVisible();

    await keyboardDrag(page, dealTitle, ['Needs analysis', 'Proposal']);
    await expect(page.getByRole('status').filter({ hasText: `“${dealTitle}” moved to Proposal` })).toBeVisible();
    await expect(column(page, 'Proposal').getByRole('listitem', { name: dealTitle })).toBeVisible();
    await expect(column(page, 'Qualification').getByRole('listitem', { name: dealTitle })).toHaveCount(0);
    await expect(column(page, 'Proposal')).toContainText('50%');
    await screenshot(page, 'deals-board');

    await page.reload();
    await expect(column(page, 'Proposal').getByRole('listitem', { name: dealTitle })).toBeVisible();
  });

  await test.step('dropping it on Lost asks for a reason; none given is refused; cancel keeps it open', async () => {
    await keyboardDrag(page, dealTitle, ['Negotiation', 'Won', 'Lost']);
    const dialog = page.getByRole('dialog', { name: 'Mark the deal as lost' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Choose why the deal was lost.');
    await dialog.getByRole('radio', { name: 'Other' }).check();
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Describe the reason.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(column(page, 'Proposal').getByRole('listitem', { name: dealTitle })).toBeVisible();
    await expect(column(page, 'Lost').getByRole('listitem', { name: dealTitle })).toHaveCount(0);
  });

  await test.step('the deal is won from its page', async () => {
    await column(page, 'Proposal').getByRole('link', { name: dealTitle }).click();
    await expect(page.getByRole('heading', { name: dealTitle, level: 1 })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Stage progress' }).locator('[aria-current="step"]')).toHaveText('Proposal');
    await page.getByRole('button', { name: 'Win' }).click();
    await page.getByRole('alertdialog', { name: `Mark “${dealTitle}” as won?` }).getByRole('button', { name: 'Mark as won' }).click();
    await expect(page.getByRole('status').filter({ hasText: `“${dealTitle}” won` })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Stage progress' }).locator('[aria-current="step"]')).toHaveText('Won');
    await expect(page.getByRole('list', { name: 'Deal timeline' }).getByRole('listitem')).not.toHaveCount(0);
    await screenshot(page, 'deal-detail');
  });

  await test.step('the contact’s related deals show the won deal and its lifetime value', async () => {
    await page.getByRole('region', { name: 'Deal details' }).getByRole('link', { name: leadName }).first().click();
    await expect(page.getByRole('heading', { name: leadName, level: 1 })).toBeVisible();
    const island = page.getByRole('region', { name: 'Related deals' });
    await expect(island.getByRole('list', { name: 'Won deals' }).getByRole('link', { name: dealTitle })).toBeVisible();
    await expect(island.getByLabel('Deal totals')).toContainText(/Lifetime value\s*€?12,?000/);
    await screenshot(page, 'contact-deals');
  });

  await test.step('the board headline is the open pipeline: the won deal is in the Won column of this quarter, not in the totals', async () => {
    await mainNav(page).getByRole('link', { name: 'Deals' }).click();
    await expect(column(page, 'Won').getByRole('listitem', { name: dealTitle })).toBeVisible();
    const headline = page.getByLabel('Open pipeline totals');
    await expect(headline).toContainText('Open deals0');
    await expect(headline).toContainText(/Open pipeline\s*€?0\.00/);
    await expect(headline).toContainText(/Weighted forecast\s*€?0\.00/);
    await expect(column(page, 'Won')).toContainText(/Deals\s*1/);
    await expect(column(page, 'Won')).toContainText(`Closed since ${await quarterStartLabel(page)}`);
    await expect(column(page, 'Lost')).toContainText('Closed since');
    await expect(page.getByLabel('Won and lost')).toHaveValue('quarter');
    // The board scrolls sideways: bring the Won column into the picture.
    await column(page, 'Won').scrollIntoViewIfNeeded();
    await screenshot(page, 'deals-board-won');

    // The period is kept in the URL; "All time" still holds the deal won today.
    await page.getByLabel('Won and lost').selectOption({ label: 'All time' });
    await expect(page).toHaveURL(/closedSince=1970-01-01/);
    await expect(column(page, 'Won')).toContainText('Closed, all time');
    await page.reload();
    await expect(page.getByLabel('Won and lost')).toHaveValue('all');
    await expect(column(page, 'Won').getByRole('listitem', { name: dealTitle })).toBeVisible();
    await page.getByLabel('Won and lost').selectOption({ label: 'This quarter' });
    await expect(page).not.toHaveURL(/closedSince/);
  });

  await test.step('a won deal dropped on an open stage is not moved but offered an explicit reopen', async () => {
    await expect(column(page, 'Won').getByRole('listitem', { name: dealTitle })).toBeVisible();
    await keyboardDrag(page, dealTitle, ['Negotiation'], 'ArrowLeft');
    const dialog = page.getByRole('alertdialog', { name: 'Reopen the deal?' });
    await expect(dialog.getByLabel('Reopen into')).toHaveValue(/[0-9a-f-]{36}/);
    await expect(dialog.getByLabel('Reopen into').locator('option:checked')).toHaveText('Negotiation (75%)');
    await expect(column(page, 'Won').getByRole('listitem', { name: dealTitle })).toBeVisible();
    await dialog.getByRole('button', { name: 'Reopen deal' }).click();
    await expect(page.getByRole('status').filter({ hasText: `“${dealTitle}” reopened in Negotiation` })).toBeVisible();
    await expect(column(page, 'Negotiation').getByRole('listitem', { name: dealTitle })).toBeVisible();
    await expect(column(page, 'Won').getByRole('listitem', { name: dealTitle })).toHaveCount(0);
    // Back in the forecast.
    await expect(page.getByLabel('Open pipeline totals')).toContainText('Open deals1');
  });

  await test.step('the owner sees the pipeline’s stages and the lost reasons in the settings', async () => {
    await mainNav(page).getByRole('link', { name: 'Pipelines' }).click();
    await expect(page.getByRole('heading', { name: 'Pipelines and lost reasons', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Name of stage 1')).toHaveValue('Qualification');
    await expect(page.getByRole('region', { name: 'Lost reasons' }).getByRole('button', { name: 'Add reason' })).toBeVisible();
    await screenshot(page, 'pipeline-settings');
  });
});
