import type { AuditEventView, MemberView } from '../../api/types';
import { MemberName } from '../team/MemberName';

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/**
 * An event's summary with member ids as names: from the loaded page of
 * members, else fetched by id, so members beyond the first page are named
 * too. An id that is no member stays as it is.
 */
export function EventSummary({ summary, members }: { summary: string; members: readonly MemberView[] | undefined }) {
  const parts = summary.split(UUID);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <MemberName key={i} userId={part} members={members} none={part} former={part} /> : part))}
    </>
  );
}

/** Who did it: the member's name (fetched when beyond the first page), "An API token", or "A former member". */
export function EventActor({ event, members }: { event: Pick<AuditEventView, 'actorType' | 'actorId'>; members: readonly MemberView[] | undefined }) {
  if (event.actorType === 'token') return <>An API token</>;
  return <MemberName userId={event.actorId} members={members} none="A former member" />;
}
