import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

describe('workspace settings', () => {
  it('shows the API field error on the currency field', async () => {
    const { seen } = mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`PATCH /api/workspaces/${WS_ID}`]: () =>
        problem(422, 'request.invalid', {
          title: 'Request is invalid',
          detail: 'currency: not an ISO 4217 currency',
          errors: [{ field: 'currency', code: 'invalid_currency', message: 'not an ISO 4217 currency' }],
        }),
    });
    document.cookie = 'crm_csrf=csrf-1';
    renderRoute(`/w/${WS_ID}/settings`);
    const currency = await screen.findByLabelText('Currency');
    await waitFor(() => expect((currency as HTMLInputElement).value).toBe('EUR'));
    const user = userEvent.setup();
    await user.clear(currency);
    await user.type(currency, 'XYZ');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('not an ISO 4217 currency')).toBeTruthy();
    expect(currency.getAttribute('aria-invalid')).toBe('true');
    const patch = seen.find((r) => r.method === 'PATCH')!;
    expect(await patch.clone().json()).toEqual({ name: "Ada's workspace", currency: 'XYZ' });
    expect(patch.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(await screen.findByText(/Could not save the settings/)).toBeTruthy();
  });
});
