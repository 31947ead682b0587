import type { LeadView } from '../../api/types';
import { Badge } from '../../components/Badge';
import { statusLabel, statusTone } from './status';

export function StatusBadge({ status }: { status: LeadView['status'] }) {
  return <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge>;
}

/** "Overdue" (next action date passed) and "Stale" (overdue or untouched for 7 days). */
export function AttentionBadges({ lead }: { lead: Pick<LeadView, 'stale' | 'overdue'> }) {
  if (!lead.stale && !lead.overdue) return null;
  return (
    <span className="badge-row">
      {lead.overdue && <Badge tone="danger">Overdue</Badge>}
      {lead.stale && <Badge tone="warning">Stale</Badge>}
    </span>
  );
}
