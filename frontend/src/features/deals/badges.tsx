import { Badge } from '../../components/Badge';
import type { DealStatus } from '../../api/types';

const LABELS: Record<DealStatus, string> = { open: 'Open', won: 'Won', lost: 'Lost' };
const TONES = { open: 'info', won: 'success', lost: 'danger' } as const;

export function DealStatusBadge({ status }: { status: DealStatus }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}

/** Open deals without an update for two weeks. */
export function StaleBadge({ stale }: { stale: boolean }) {
  return stale ? <Badge tone="warning">Stale</Badge> : null;
}
