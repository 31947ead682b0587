import { Badge } from '../../components/Badge';
import { COMPANY_STATUS_LABELS, COMPANY_STATUS_TONES, isCompanyStatus } from './meta';

/** The view types `status` as a string: an unknown one shows as it is. */
export function CompanyStatusBadge({ status }: { status: string }) {
  if (!isCompanyStatus(status)) return <Badge>{status}</Badge>;
  return <Badge tone={COMPANY_STATUS_TONES[status]}>{COMPANY_STATUS_LABELS[status]}</Badge>;
}
