import { expect, test, type Page } from '@playwright/test';
import { csrfHeaders, mainNav, newAccount, screenshot, signUpViaUi } from './support/helpers';

/** More contacts than the old pickers' single page of 200 (by name). */
const SEEDED = 201;

function column(page: Page, stage: string) {
  return page.getByRole('region', { name: new RegExp(`^${stage}`) });
}

/** Keyboard drag on the board (see deals.spec.ts): pick up, one arrow per stage, drop. */
async function keyboardDrag(page: Page, title: string, path: string[]) {
  await page.getByRole('button', { name: `Move ${title}` }).focus();
  await page.keyboard.press('Space');
  await expect(page.locator('.deal-card-overlay')).toBeVisible();
  for (const stage of path) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('status').filter({ hasText: `${title} is over ${stage}.` })).toBeAttached();
  }
  await page.keyboard.press('Space');
}

function isoDate(daysFromNow: number): string {
  return new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);
}

test('pickers search the server: the 201st contact is found by typing, “Add deal” from it keeps the link, and a deal moving forward asks for its next step', async ({ page }) => {
  const owner = newAccount('pickers');
  const suffix = owner.name.split(' ')[1]!;
  // Alphabetically after every seeded "Contact nnn": beyond the first 200 by name.
  const lastName = `Zz Last ${suffix}`;
  const dealTitle = `Far deal ${suffix}`;
  const linkedTitle = `Linked deal ${suffix}`;
  let workspaceId = '';
  let lastId = '';

  await test.step(`${SEEDED} contacts arrive through the API`, async () => {
    workspaceId = await signUpViaUi(page, owner);
    const headers = await csrfHeaders(page);
    const names = [...Array.from({ length: SEEDED - 1 }, (_, i) => `Contact ${String(i).padStart(3, '0')} ${suffix}`), lastName];
    for (let i = 0; i < names.length; i += 10) {
      const batch = await Promise.all(
        names.slice(i, i + 10).map((name) => page.request.post(`/api/workspaces/${workspaceId}/contacts`, { headers, data: { name } })),
      );
      for (const response of batch) expect(response.status(), await response.text()).toBe(201);
      const last = batch.at(-1)!;
      if (i + 10 >= names.length) lastId = (await last.json()).id;
    }
  });

  await test.step('the deal form’s contact picker finds the last one by typing', async () => {
    await page.goto(`/w/${workspaceId}/deals/new`);
    const form = page.getByRole('form', { name: 'New deal' });
    const contact = form.getByRole('combobox', { name: 'Contact' });
    await contact.click();
    const choices = page.getByRole('listbox', { name: 'Contact choices' });
    await expect(choices.getByRole('option').first()).toBeVisible();
    // The unfiltered list is a short first page: the last contact is not in it…
    await expect(choices.getByRole('option', { name: new RegExp(lastName) })).toHaveCount(0);
    // …but the server finds it as we type.
    await contact.fill('zz last');
    await expect(choices.getByRole('option', { name: new RegExp(lastName) })).toBeVisible();
    await screenshot(page, 'deal-form-contact-picker');
    await page.keyboard.press('Enter');
    await expect(contact).toHaveValue(lastName);
    await form.getByLabel('Title').fill(dealTitle);
    await form.getByRole('button', { name: 'Create deal' }).click();
    await expect(page.getByRole('heading', { name: dealTitle, level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Deal details' }).getByRole('link', { name: lastName })).toHaveAttribute('href', `/w/${workspaceId}/contacts/${lastId}`);
  });

  await test.step('“Add deal” on that contact keeps the prefilled link', async () => {
    await page.goto(`/w/${workspaceId}/contacts/${lastId}`);
    await expect(page.getByRole('heading', { name: lastName, level: 1 })).toBeVisible();
    await page.getByRole('region', { name: 'Related deals' }).getByRole('link', { name: 'Add deal' }).click();
    await expect(page).toHaveURL(new RegExp(`/deals/new\\?contact=${lastId}$`));
    const form = page.getByRole('form', { name: 'New deal' });
    await expect(form.getByRole('combobox', { name: 'Contact' })).toHaveValue(lastName);
    await form.getByLabel('Title').fill(linkedTitle);
    await form.getByRole('button', { name: 'Create deal' }).click();
    await expect(page.getByRole('heading', { name: linkedTitle, level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Deal details' }).getByRole('link', { name: lastName })).toBeVisible();
  });

  await test.step('the board filters by that contact (URL state) with the same picker', async () => {
    await mainNav(page).getByRole('link', { name: 'Deals' }).click();
    await expect(page.getByLabel('Open pipeline totals')).toContainText('Open deals2');
    const contact = page.getByRole('group', { name: 'Deal filters' }).getByRole('combobox', { name: 'Contact' });
    await contact.fill(`last ${suffix}`);
    await page.getByRole('listbox', { name: 'Contact choices' }).getByRole('option', { name: new RegExp(lastName) }).click();
    await expect(page).toHaveURL(new RegExp(`contactId=${lastId}`));
    await expect(page.getByLabel('Open pipeline totals')).toContainText('Open deals2');
    await page.reload();
    await expect(page.getByRole('group', { name: 'Deal filters' }).getByRole('combobox', { name: 'Contact' })).toHaveValue(lastName);
  });

  await test.step('moving a deal without a next step forward asks for one first', async () => {
    await expect(column(page, 'Qualification').getByRole('listitem', { name: dealTitle })).toBeVisible();
    await keyboardDrag(page, dealTitle, ['Needs analysis']);
    const dialog = page.getByRole('dialog', { name: 'Plan the next step' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Move to Needs analysis' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Choose the date of the next step.');
    await screenshot(page, 'deals-board-next-step');
    await dialog.getByLabel('Next action date').fill(isoDate(3));
    await dialog.getByLabel('Next action', { exact: true }).fill('Call back');
    await dialog.getByRole('button', { name: 'Move to Needs analysis' }).click();
    await expect(page.getByRole('status').filter({ hasText: `“${dealTitle}” moved to Needs analysis` })).toBeVisible();
    await expect(column(page, 'Needs analysis').getByRole('listitem', { name: dealTitle })).toBeVisible();
  });

  await test.step('the shell fits a 1280×720 window: the sidebar is full height and scrolls to its last entry', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/w/${workspaceId}`);
    await expect(page.getByRole('heading', { name: 'Recent activity' })).toBeVisible();
    const sidebar = page.locator('.sidebar');
    expect((await sidebar.boundingBox())?.height).toBe(720);
    const bell = page.getByRole('button', { name: /^Notifications/ });
    expect((await bell.locator('svg').boundingBox())?.height).toBeLessThan(24);
    await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
    await page.screenshot({ path: screenshotPath('app-shell-1280x720'), style: '.toasts { display: none !important; }' });
    const last = mainNav(page).getByRole('link', { name: 'API tokens' });
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    // The sidebar scrolls on its own: its last control (the user menu) comes into view.
    const userMenu = page.locator('.user-menu-button');
    await userMenu.scrollIntoViewIfNeeded();
    await expect(userMenu).toBeInViewport();
    expect((await sidebar.boundingBox())?.height).toBe(720);
  });

  await test.step('in dark mode the board, the pickers and the lists stay readable at 1280×720', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const [path, name, ready] of [
      [`/w/${workspaceId}/deals`, 'deals-board-dark-1280x720', 'Open pipeline'],
      [`/w/${workspaceId}/leads`, 'leads-list-dark-1280x720', 'Leads'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByText(ready, { exact: true }).first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await page.screenshot({ path: screenshotPath(name), style: '.toasts { display: none !important; }' });
    }
    await page.goto(`/w/${workspaceId}/deals/new`);
    const contact = page.getByRole('form', { name: 'New deal' }).getByRole('combobox', { name: 'Contact' });
    await contact.click();
    await contact.fill('zz last');
    await expect(page.getByRole('listbox', { name: 'Contact choices' }).getByRole('option', { name: /Zz Last/ })).toBeVisible();
    await page.screenshot({ path: screenshotPath('deal-form-picker-dark-1280x720'), style: '.toasts { display: none !important; }' });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

function screenshotPath(name: string): string {
  const dir = process.env.CRM_SCREENSHOT_DIR ?? `${import.meta.dirname}/../test-results/screenshots`;
  return `${dir}/${name}.png`;
}
