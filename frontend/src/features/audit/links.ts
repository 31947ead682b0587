import type { AuditEventView } from '../../api/types';

/**
 * The page of an audit event's record, where one exists: record pages for
 * leads, contacts, companies and deals; the list or settings page for kinds
 * without a page of their own (activities, pipelines, lost reasons, lead
 * sources, the workspace). Unknown kinds get no link.
 */
export function auditEventPath(workspaceId: string, event: Pick<AuditEventView, 'entityType' | 'entityId'>): string | undefined {
  const base = `/w/${workspaceId}`;
  switch (event.entityType) {
    case 'lead':
      return `${base}/leads/${event.entityId}`;
    case 'contact':
      return `${base}/contacts/${event.entityId}`;
    case 'company':
      return `${base}/companies/${event.entityId}`;
    case 'deal':
      return `${base}/deals/${event.entityId}`;
    case 'activity':
      return `${base}/activities`;
    case 'pipeline':
    case 'lost_reason':
      return `${base}/settings/pipelines`;
    case 'lead_source':
      return `${base}/settings/lead-sources`;
    case 'workspace':
      return `${base}/settings`;
    default:
      return undefined;
  }
}
