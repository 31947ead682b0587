import { describe, expect, it } from 'vitest';
import { activityFixture, eventFixture } from '../../test/crm';
import { mergeTimeline } from './timeline';

describe('timeline merge', () => {
  it('merges activities and events newest first across pages, dropping repeats', () => {
    const call = activityFixture({ id: 'a-call', type: 'call', subject: 'Intro call', createdAt: '2026-11-20T12:00:00Z' });
    const task = activityFixture({ id: 'a-task', subject: 'Send the proposal', createdAt: '2026-11-20T13:00:00Z' });
    const created = eventFixture({ id: 'e-created', at: '2026-11-20T10:00:00Z' });
    const completed = eventFixture({ id: 'e-done', action: 'activity.completed', summary: 'Completed', at: '2026-11-20T14:00:00Z' });
    const entries = mergeTimeline([
      {
        data: [
          { kind: 'event', at: completed.at, activity: null, event: completed },
          { kind: 'activity', at: task.createdAt, activity: task, event: null },
        ],
      },
      {
        data: [
          { kind: 'activity', at: task.createdAt, activity: task, event: null },
          { kind: 'activity', at: call.createdAt, activity: call, event: null },
          { kind: 'event', at: created.at, activity: null, event: created },
          { kind: 'mystery' },
        ],
      },
    ]);
    expect(entries.map((e) => e.key)).toEqual(['event:e-done', 'activity:a-task', 'activity:a-call', 'event:e-created']);
  });

  it('reads a bare audit event (older lead timelines)', () => {
    expect(mergeTimeline([{ data: [eventFixture({ id: 'e1' })] }]).map((e) => e.kind)).toEqual(['event']);
  });
});
