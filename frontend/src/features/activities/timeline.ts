import type { ActivityView, AuditEventView, TimelineItem } from '../../api/types';

export type TimelineEntry =
  | { kind: 'activity'; key: string; at: string; activity: ActivityView }
  | { kind: 'event'; key: string; at: string; event: AuditEventView };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * One row of a `/timeline` page as an entry. Accepts the `TimelineItem`
 * shape and, for leads' older timelines, a bare audit event.
 */
export function toTimelineEntry(raw: TimelineItem | AuditEventView | unknown): TimelineEntry | null {
  if (!isRecord(raw)) return null;
  if (raw.kind === 'activity' && isRecord(raw.activity)) {
    const activity = raw.activity as unknown as ActivityView;
    return { kind: 'activity', key: `activity:${activity.id}`, at: String(raw.at ?? activity.createdAt), activity };
  }
  if (raw.kind === 'event' && isRecord(raw.event)) {
    const event = raw.event as unknown as AuditEventView;
    return { kind: 'event', key: `event:${event.id}`, at: String(raw.at ?? event.at), event };
  }
  if (typeof raw.action === 'string' && typeof raw.id === 'string') {
    const event = raw as unknown as AuditEventView;
    return { kind: 'event', key: `event:${event.id}`, at: event.at, event };
  }
  return null;
}

/**
 * The entries of every loaded page, newest first. Pages come newest first
 * already; sorting again keeps the order right when an activity shows up on
 * two pages after a refetch (the later copy is dropped).
 */
export function mergeTimeline(pages: readonly { data: readonly unknown[] }[]): TimelineEntry[] {
  const seen = new Set<string>();
  const entries: TimelineEntry[] = [];
  for (const page of pages) {
    for (const raw of page.data) {
      const entry = toTimelineEntry(raw);
      if (!entry || seen.has(entry.key)) continue;
      seen.add(entry.key);
      entries.push(entry);
    }
  }
  return entries
    .map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }))
    .sort((a, b) => (Number.isNaN(a.time) || Number.isNaN(b.time) || a.time === b.time ? a.index - b.index : b.time - a.time))
    .map(({ entry }) => entry);
}
