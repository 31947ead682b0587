import { describe, expect, it } from 'vitest';
import { canWriteCrm } from '../workspaces/permissions';
import { activityActions } from './access';

describe('allowed actions per role', () => {
  it('lets owners and managers write, viewers only read', () => {
    expect(canWriteCrm('owner')).toBe(true);
    expect(canWriteCrm('manager')).toBe(true);
    expect(canWriteCrm('viewer')).toBe(false);
  });

  it('offers complete on open activities and reopen on completed ones, never delete, nothing for viewers', () => {
    const open = { completedAt: null };
    const done = { completedAt: '2026-11-20T10:00:00Z' };
    for (const role of ['owner', 'manager'] as const) {
      expect(activityActions(role, open)).toEqual(['complete']);
      expect(activityActions(role, done)).toEqual(['reopen']);
    }
    expect(activityActions('viewer', open)).toEqual([]);
    expect(activityActions('viewer', done)).toEqual([]);
  });
});
