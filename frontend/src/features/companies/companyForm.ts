import { z } from 'zod';
import type { CompanySize, CompanyStatus, CompanyView, CreateCompanyRequest, UpdateCompanyRequest } from '../../api/types';
import { COMPANY_SIZES, COMPANY_STATUSES, isCompanySize, isCompanyStatus } from './meta';

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}: use at most ${max} characters`);

/** Shape only; whether a domain or website is valid is the API's call (its field errors land here). */
export const companyFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters'),
  domain: optionalText(253, 'Domain'),
  website: optionalText(500, 'Website'),
  industry: optionalText(100, 'Industry'),
  size: z.union([z.enum(COMPANY_SIZES as [CompanySize, ...CompanySize[]]), z.literal('')]),
  status: z.enum(COMPANY_STATUSES as [CompanyStatus, ...CompanyStatus[]]),
  ownerId: z.string(),
  address: optionalText(500, 'Address'),
  notes: optionalText(10_000, 'Notes'),
});

export type CompanyFormInput = z.input<typeof companyFormSchema>;
export type CompanyFormValues = z.output<typeof companyFormSchema>;

export const COMPANY_FORM_FIELDS = [
  'name',
  'domain',
  'website',
  'industry',
  'size',
  'status',
  'ownerId',
  'address',
  'notes',
] as const satisfies readonly (keyof CompanyFormValues)[];

export function emptyCompanyForm(ownerId = ''): CompanyFormInput {
  return { name: '', domain: '', website: '', industry: '', size: '', status: 'prospect', ownerId, address: '', notes: '' };
}

export function companyToForm(company: CompanyView): CompanyFormInput {
  return {
    name: company.name,
    domain: company.domain ?? '',
    website: company.website ?? '',
    industry: company.industry ?? '',
    size: isCompanySize(company.size) ? company.size : '',
    status: isCompanyStatus(company.status) ? company.status : 'prospect',
    ownerId: company.ownerId ?? '',
    address: company.address ?? '',
    notes: company.notes ?? '',
  };
}

const NULLABLE = ['domain', 'website', 'industry', 'size', 'ownerId', 'address', 'notes'] as const;

export function toCreateCompanyRequest(values: CompanyFormValues, confirmDuplicate = false): CreateCompanyRequest {
  const body: CreateCompanyRequest = { name: values.name, status: values.status };
  if (values.domain) body.domain = values.domain;
  if (values.website) body.website = values.website;
  if (values.industry) body.industry = values.industry;
  if (values.size) body.size = values.size;
  if (values.ownerId) body.ownerId = values.ownerId;
  if (values.address) body.address = values.address;
  if (values.notes) body.notes = values.notes;
  if (confirmDuplicate) body.confirmDuplicate = true;
  return body;
}

/** Only what changed; a cleared field is `null`. */
export function toUpdateCompanyRequest(values: CompanyFormValues, company: CompanyView): UpdateCompanyRequest {
  const body: Record<string, unknown> = {};
  if (values.name !== company.name) body.name = values.name;
  if (values.status !== company.status) body.status = values.status;
  for (const key of NULLABLE) {
    const next = values[key] || null;
    if (next !== (company[key] ?? null)) body[key] = next;
  }
  return body as UpdateCompanyRequest;
}
