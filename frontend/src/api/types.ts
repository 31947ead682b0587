/**
 * Names the SPA uses for the API's views. They come from the generated
 * schema; this file is the one place to adapt if the backend renames one.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Theme = Schemas['ThemeName'];
export type Role = Schemas['RoleName'];
export type ApiScope = Schemas['ScopeName'];
export type InvitationStatus = Schemas['InvitationStatusName'];
export type UserView = Schemas['UserView'];
export type MembershipSummary = Schemas['MembershipSummary'];
export type MeView = Schemas['MeView'];
export type WorkspaceView = Schemas['WorkspaceView'];
export type MemberView = Schemas['MemberView'];
export type InvitationView = Schemas['InvitationView'];
export type InvitationPreview = Schemas['InvitationPreviewView'];
export type ApiTokenView = Schemas['ApiTokenView'];
export type CreatedApiTokenView = Schemas['CreatedApiTokenView'];
export type AdminUserView = Schemas['AdminUserView'];
export type LeadView = Schemas['LeadView'];
export type LeadStatus = LeadView['status'];
/** The statuses a user may set (`converted` comes only from conversion). */
export type SettableLeadStatus = Schemas['SettableLeadStatus'];
export type UpdateWorkspaceRequest = Schemas['UpdateWorkspaceRequest'];
export type ScoreView = LeadView['score'];
export type ScoreItem = ScoreView['items'][number];
export type CreateLeadRequest = Schemas['CreateLeadRequest'];
export type UpdateLeadRequest = Schemas['UpdateLeadRequest'];
export type LeadSourceView = Schemas['LeadSourceView'];
export type AuditEventView = Schemas['AuditEventView'];
export type CompanyView = Schemas['CompanyView'];
export type CompanyStatus = Schemas['CompanyStatusName'];
export type CompanySize = Schemas['CompanySizeName'];
export type CompanyDuplicateView = Schemas['CompanyDuplicateView'];
export type CreateCompanyRequest = Schemas['CreateCompanyRequest'];
export type UpdateCompanyRequest = Schemas['UpdateCompanyRequest'];
export type ContactView = Schemas['ContactView'];
export type CreateContactRequest = Schemas['CreateContactRequest'];
export type UpdateContactRequest = Schemas['UpdateContactRequest'];
export type ActivityView = Schemas['ActivityView'];
export type ActivityType = Schemas['ActivityType'];
export type ActivityPriority = Schemas['PriorityName'];
export type CreateActivityRequest = Schemas['CreateActivityRequest'];
export type TimelineItem = Schemas['TimelineItemView'];
export type MoneyView = Schemas['MoneyView'];
export type DealStatus = Schemas['DealStatusName'];
export type StageView = Schemas['StageView'];
export type PipelineView = Schemas['PipelineView'];
export type StageInput = Schemas['StageInputView'];
export type DealView = Schemas['DealView'];
export type DealPage = Schemas['DealPage'];
export type BoardView = Schemas['BoardView'];
export type BoardColumnView = Schemas['BoardColumnView'];
export type LostReasonView = Schemas['LostReasonView'];
export type DealSummaryView = Schemas['DealSummaryView'];
export type CreateDealRequest = Schemas['CreateDealRequest'];
export type UpdateDealRequest = Schemas['UpdateDealRequest'];
export type MoveDealRequest = Schemas['MoveDealRequest'];
/** What a lead conversion would create or link (`POST /leads/{id}/conversion/preview`). */
export type ConversionPlanView = Schemas['ConversionPlanView'];
export type ConvertLeadRequest = Schemas['ConvertLeadRequest'];
export type ConversionResultView = Schemas['ConversionResultView'];
export type ConvertedTo = Schemas['ConvertedToView'];

export const ROLES: readonly Role[] = ['owner', 'manager', 'viewer'];

export const API_SCOPES: readonly ApiScope[] = [
  'products:read',
  'leads:read',
  'leads:write',
  'customers:read',
  'customers:write',
  'orders:read',
  'orders:write',
];

export interface Page<T> {
  data: T[];
  nextCursor?: string | null;
}
export type NotificationView = Schemas['NotificationView'];
export type NotificationPage = Schemas['NotificationPage'];
export type UnreadCountView = Schemas['UnreadCountView'];
export type NotificationPreferencesView = Schemas['NotificationPreferencesView'];
export type UpdateNotificationPreferencesRequest = Schemas['UpdateNotificationPreferencesRequest'];
