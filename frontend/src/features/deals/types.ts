/**
 * The deals API's views, as described in docs/api-design.md. They move to
 * `src/api/types.ts` (derived from the generated schema) once the backend's
 * OpenAPI document has the deals paths; until then this file is the one place
 * that knows their shape.
 */

/** An amount as a decimal string (`"1234.50"`) in an ISO 4217 currency. */
export interface Money {
  amount: string;
  currency: string;
}

export type StageKind = 'open' | 'won' | 'lost';
export type DealStatus = StageKind;

export interface StageView {
  id: string;
  name: string;
  position: number;
  /** 0–100: the default probability of deals in the stage. */
  probability: number;
  kind: StageKind;
}

export interface PipelineView {
  id: string;
  name: string;
  position: number;
  /** Board order: open stages, then won, then lost. */
  stages: StageView[];
}

export interface DealView {
  id: string;
  title: string;
  amount: Money;
  weighted: Money;
  /** The effective probability (override, else the stage's). */
  probability: number;
  probabilityOverride: number | null;
  pipelineId: string;
  stageId: string;
  stageName: string;
  status: DealStatus;
  expectedCloseDate: string | null;
  nextActionText: string | null;
  nextActionDate: string | null;
  ownerId: string | null;
  contactId: string | null;
  contactName: string | null;
  companyId: string | null;
  companyName: string | null;
  leadId: string | null;
  lostReasonId: string | null;
  lostReasonOther: string | null;
  /** The reason's label, or the "other" text. */
  lostReason: string | null;
  notes: string | null;
  stale: boolean;
  openedAt: string;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BoardColumnView {
  stageId: string;
  count: number;
  amount: Money;
  weighted: Money;
  deals: DealView[];
  nextCursor: string | null;
}

export interface BoardTotals {
  count: number;
  amount: Money;
  weighted: Money;
}

export interface BoardView {
  pipeline: PipelineView;
  currency: string;
  columns: BoardColumnView[];
  totals: BoardTotals;
}

export interface LostReasonView {
  id: string;
  label: string;
  archived: boolean;
}

export interface DealSummaryView {
  open: { count: number; amount: Money; weighted: Money };
  won: { count: number; amount: Money };
  lostCount: number;
  lifetimeValue: Money;
  openDeals: DealView[];
  wonDeals: DealView[];
}

export interface CreateDealRequest {
  title: string;
  amount?: string;
  pipelineId?: string;
  stageId?: string;
  probability?: number;
  expectedCloseDate?: string;
  nextActionText?: string;
  nextActionDate?: string;
  ownerId?: string;
  contactId?: string;
  companyId?: string;
  notes?: string;
}

export interface UpdateDealRequest {
  title?: string;
  amount?: string;
  probability?: number | null;
  expectedCloseDate?: string | null;
  nextActionText?: string | null;
  nextActionDate?: string | null;
  ownerId?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  notes?: string | null;
}

export interface MoveDealRequest {
  stageId: string;
  lostReasonId?: string;
  lostReasonOther?: string;
}

export interface ContactCandidate {
  id: string;
  name: string;
  email: string | null;
  companyName: string | null;
}

export interface CompanyCandidate {
  id: string;
  name: string;
  domain: string | null;
  reason: 'domain' | 'name';
}

export interface ConversionPreviewView {
  contact: { proposed: 'create' | 'link'; draft: { name: string; email: string | null; phone: string | null }; candidates: ContactCandidate[] };
  company: { proposed: 'create' | 'link' | 'none'; draft: { name: string | null; domain: string | null }; candidates: CompanyCandidate[] };
  deal: { title: string; pipelineId: string; stageId: string };
}

export interface ConvertLeadRequest {
  contact: { action: 'create' | 'link'; id?: string };
  company: { action: 'create' | 'link' | 'none'; id?: string };
  deal: { title?: string; amount?: string; pipelineId?: string; stageId?: string; expectedCloseDate?: string };
}

export interface ConversionResultView {
  leadId: string;
  contactId: string;
  companyId: string | null;
  dealId: string;
  contactCreated: boolean;
  companyCreated: boolean;
}
