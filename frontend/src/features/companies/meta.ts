import type { CompanySize, CompanyStatus } from '../../api/types';

export const COMPANY_STATUSES: readonly CompanyStatus[] = ['prospect', 'active', 'inactive'];
export const COMPANY_SIZES: readonly CompanySize[] = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'];

export const COMPANY_STATUS_LABELS: Record<CompanyStatus, string> = { prospect: 'Prospect', active: 'Active', inactive: 'Inactive' };
export const COMPANY_STATUS_TONES = { prospect: 'info', active: 'success', inactive: 'neutral' } as const;

export function isCompanyStatus(value: string | null | undefined): value is CompanyStatus {
  return COMPANY_STATUSES.includes(value as CompanyStatus);
}

export function isCompanySize(value: string | null | undefined): value is CompanySize {
  return COMPANY_SIZES.includes(value as CompanySize);
}

/** `acme.com` → `https://acme.com`; something already with a scheme stays as it is. */
export function websiteHref(website: string): string {
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}
