import type { NotificationView } from '../../api/types';

/** Where a notification leads: its record's page (activities have none: My activities). */
export function notificationPath(workspaceId: string, n: Pick<NotificationView, 'entityType' | 'entityId'>): string {
  const base = `/w/${workspaceId}`;
  switch (n.entityType) {
    case 'lead':
      return `${base}/leads/${n.entityId}`;
    case 'contact':
      return `${base}/contacts/${n.entityId}`;
    case 'company':
      return `${base}/companies/${n.entityId}`;
    case 'deal':
      return `${base}/deals/${n.entityId}`;
    case 'activity':
      return `${base}/activities`;
    default:
      return base;
  }
}

const KIND_LABELS: Record<string, string> = {
  'lead.assigned': 'Lead assigned to you',
  'activity.assigned': 'Activity assigned to you',
  'deal.assigned': 'Deal assigned to you',
};

/** A readable label for any kind, including ones this SPA does not know yet. */
export function kindLabel(kind: string): string {
  const known = KIND_LABELS[kind];
  if (known) return known;
  const [entity = kind, verb = ''] = kind.split('.');
  const text = `${entity} ${verb}`.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
