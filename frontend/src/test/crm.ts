import type { ActivityView, AuditEventView, CompanyView, ContactView } from '../api/types';

export const COMPANY_ID = '0193a000-0000-7000-8000-0000000000d1';
export const CONTACT_ID = '0193a000-0000-7000-8000-0000000000e1';
export const ACTIVITY_ID = '0193a000-0000-7000-8000-0000000000f1';
export const USER_ID = '0193a000-0000-7000-8000-0000000000aa';

export function companyFixture(overrides: Partial<CompanyView> = {}): CompanyView {
  return {
    id: COMPANY_ID,
    name: 'Analytical Engines',
    domain: 'engines.test',
    website: 'https://engines.test',
    industry: 'Computing',
    size: '11-50',
    status: 'active',
    ownerId: USER_ID,
    address: null,
    notes: null,
    contactCount: 2,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

export function contactFixture(overrides: Partial<ContactView> = {}): ContactView {
  return {
    id: CONTACT_ID,
    name: 'Ada Lovelace',
    email: 'ada@engines.test',
    otherEmails: [],
    phone: '+44 20 7946 0000',
    jobTitle: 'Analyst',
    company: { id: COMPANY_ID, name: 'Analytical Engines' },
    ownerId: USER_ID,
    tags: ['vip'],
    address: null,
    notes: null,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

export function activityFixture(overrides: Partial<ActivityView> = {}): ActivityView {
  return {
    id: ACTIVITY_ID,
    type: 'task',
    subject: 'Send the proposal',
    body: null,
    priority: 'medium',
    dueAt: '2026-11-21T09:00:00Z',
    assigneeId: USER_ID,
    leadId: null,
    contactId: CONTACT_ID,
    companyId: COMPANY_ID,
    completedAt: null,
    completedBy: null,
    overdue: false,
    createdBy: USER_ID,
    createdAt: '2026-11-20T11:00:00Z',
    updatedAt: '2026-11-20T11:00:00Z',
    ...overrides,
  };
}

export function eventFixture(overrides: Partial<AuditEventView> = {}): AuditEventView {
  return {
    id: '0193a000-0000-7000-8000-0000000001e1',
    actorType: 'user',
    actorId: USER_ID,
    action: 'contact.created',
    entityType: 'contact',
    entityId: CONTACT_ID,
    summary: 'Created contact Ada Lovelace',
    at: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}
