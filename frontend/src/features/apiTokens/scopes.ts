import { API_SCOPES, type ApiScope } from '../../api/types';

/**
 * What each scope unlocks today. Only the leads API answers bearer tokens so
 * far; the other scopes exist in the contract for modules still to come, so
 * the form shows them disabled rather than sell a key that opens nothing.
 */
const SCOPE_STATUS: Record<ApiScope, { grants: string } | { pending: string }> = {
  'leads:read': { grants: 'Read leads' },
  'leads:write': { grants: 'Create and change leads' },
  'products:read': { pending: 'Available when the catalog module ships' },
  'customers:read': { pending: 'Available when the orders module ships' },
  'customers:write': { pending: 'Available when the orders module ships' },
  'orders:read': { pending: 'Available when the orders module ships' },
  'orders:write': { pending: 'Available when the orders module ships' },
};

export interface ScopeOption {
  scope: ApiScope;
  usable: boolean;
  note: string;
}

export function scopeOptions(): ScopeOption[] {
  return API_SCOPES.map((scope) => {
    const status = SCOPE_STATUS[scope] ?? { pending: 'Not available yet' };
    return 'grants' in status ? { scope, usable: true, note: status.grants } : { scope, usable: false, note: status.pending };
  });
}

export const USABLE_SCOPES: readonly ApiScope[] = scopeOptions()
  .filter((o) => o.usable)
  .map((o) => o.scope);
