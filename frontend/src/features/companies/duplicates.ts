import { ApiError } from '../../api/problem';
import type { CompanyDuplicateView } from '../../api/types';

function isDuplicate(value: unknown): value is CompanyDuplicateView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.name === 'string';
}

/** The possible duplicates of a 409 `company.possible_duplicate`, or `null` for any other outcome. */
export function possibleDuplicates(error: unknown): CompanyDuplicateView[] | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'company.possible_duplicate') return null;
  const raw = error.problem.extensions?.duplicates;
  return Array.isArray(raw) ? raw.filter(isDuplicate) : [];
}

export function duplicateReason(duplicate: CompanyDuplicateView): string {
  return duplicate.reason === 'domain' ? 'same domain' : 'similar name';
}
