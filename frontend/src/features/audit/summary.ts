import type { AuditEventView, MemberView } from '../../api/types';

/** Summaries name people by user id; show the member's name instead where we know it. */
export function readableSummary(summary: string, members: readonly MemberView[] | undefined): string {
  if (!members?.length) return summary;
  return summary.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => {
    const member = members.find((m) => m.userId.toLowerCase() === id.toLowerCase());
    return member ? member.name || member.email : id;
  });
}

/** Who did it: the member's name, "An API token", or "A former member". */
export function actorName(event: Pick<AuditEventView, 'actorType' | 'actorId'>, members: readonly MemberView[] | undefined): string {
  if (event.actorType === 'token') return 'An API token';
  const member = members?.find((m) => m.userId === event.actorId);
  return member ? member.name || member.email : 'A former member';
}
