import type { ActivityPriority, ActivityType } from '../../api/types';

export const ACTIVITY_TYPES: readonly ActivityType[] = ['task', 'call', 'meeting', 'email', 'note'];
export const ACTIVITY_PRIORITIES: readonly ActivityPriority[] = ['low', 'medium', 'high'];

export const TYPE_LABELS: Record<ActivityType, string> = {
  task: 'Task',
  call: 'Call',
  meeting: 'Meeting',
  email: 'Email',
  note: 'Note',
};

/** A glyph per type; decorative, the label is always next to it. */
export const TYPE_ICONS: Record<ActivityType, string> = {
  task: '☑',
  call: '☎',
  meeting: '👥',
  email: '✉',
  note: '✎',
};

export const PRIORITY_LABELS: Record<ActivityPriority, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export function isActivityType(value: string | null | undefined): value is ActivityType {
  return ACTIVITY_TYPES.includes(value as ActivityType);
}

export function typeLabel(type: string): string {
  return isActivityType(type) ? TYPE_LABELS[type] : type;
}

/** `<input type="datetime-local">` value (local time) → RFC 3339 in UTC; blank stays blank. */
export function localDateTimeToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
