import type { LeadSourceView, LeadView } from '../api/types';

export const LEAD_ID = '0193a000-0000-7000-8000-0000000000c1';

export function leadFixture(overrides: Partial<LeadView> = {}): LeadView {
  return {
    id: LEAD_ID,
    name: 'Grace Hopper',
    email: 'grace@example.test',
    phone: '+14155550100',
    company: 'Navy',
    source: 'referral',
    status: 'new',
    assigneeId: null,
    nextActionDate: null,
    nextActionText: null,
    notes: null,
    tags: ['vip'],
    score: { value: 55, items: [{ reason: 'Source: referral', points: 20 }, { reason: 'Has an email', points: 10 }] },
    stale: false,
    overdue: false,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    lastActivityAt: '2026-11-20T10:00:00Z',
    convertedAt: null,
    ...overrides,
  };
}

export const sourcesFixture: LeadSourceView[] = [
  { slug: 'website', label: 'Website', builtIn: true, archived: false },
  { slug: 'referral', label: 'Referral', builtIn: true, archived: false },
  { slug: 'other', label: 'Other', builtIn: true, archived: false },
  { slug: 'trade_show', label: 'Trade show', builtIn: false, archived: true },
  { slug: 'podcast', label: 'Podcast', builtIn: false, archived: false },
];
