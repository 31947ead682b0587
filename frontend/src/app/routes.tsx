import type { RouteObject } from 'react-router';
import { AccountPage } from '../features/account/AccountPage';
import { AdminUsersPage } from '../features/admin/AdminUsersPage';
import { ApiTokensPage } from '../features/apiTokens/ApiTokensPage';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { RedirectIfSignedIn, RequireAuth, RequirePlatformAdmin } from '../features/auth/guards';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage';
import { SignInPage } from '../features/auth/SignInPage';
import { SignUpPage } from '../features/auth/SignUpPage';
import { VerifyEmailPage } from '../features/auth/VerifyEmailPage';
import { ActivitiesPage } from '../features/activities/ActivitiesPage';
import { CompaniesPage } from '../features/companies/CompaniesPage';
import { CompanyDetailPage } from '../features/companies/CompanyDetailPage';
import { CompanyCreatePage, CompanyEditPage } from '../features/companies/CompanyFormPage';
import { ContactDetailPage } from '../features/contacts/ContactDetailPage';
import { ContactCreatePage, ContactEditPage } from '../features/contacts/ContactFormPage';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { DealDetailPage } from '../features/deals/DealDetailPage';
import { DealCreatePage, DealEditPage } from '../features/deals/DealFormPage';
import { DealsBoardPage } from '../features/deals/DealsBoardPage';
import { PipelineSettingsPage } from '../features/deals/PipelineSettingsPage';
import { InvitePage } from '../features/invitations/InvitePage';
import { LeadDetailPage } from '../features/leads/LeadDetailPage';
import { LeadCreatePage, LeadEditPage } from '../features/leads/LeadFormPage';
import { LeadSourcesPage } from '../features/leads/LeadSourcesPage';
import { LeadsPage } from '../features/leads/LeadsPage';
import { NotificationSettingsPage } from '../features/notifications/NotificationSettingsPage';
import { MemberDetailPage } from '../features/team/MemberDetailPage';
import { TeamPage } from '../features/team/TeamPage';
import { HomeRedirect } from '../features/workspaces/NoWorkspacePage';
import { SettingsPage } from '../features/workspaces/SettingsPage';
import { WorkspaceHome } from '../features/workspaces/WorkspaceHome';
import { WorkspaceLayout } from '../features/workspaces/WorkspaceLayout';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import { TitledRoute } from './TitledRoute';

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: <TitledRoute title="Sign in"><RedirectIfSignedIn><SignInPage /></RedirectIfSignedIn></TitledRoute> },
      { path: '/sign-up', element: <TitledRoute title="Sign up"><RedirectIfSignedIn><SignUpPage /></RedirectIfSignedIn></TitledRoute> },
      { path: '/verify-email', element: <TitledRoute title="Verify email"><VerifyEmailPage /></TitledRoute> },
      { path: '/forgot-password', element: <TitledRoute title="Forgot password"><ForgotPasswordPage /></TitledRoute> },
      { path: '/reset-password', element: <TitledRoute title="Reset password"><ResetPasswordPage /></TitledRoute> },
      { path: '/invite/:invitationId', element: <TitledRoute title="Invitation"><InvitePage /></TitledRoute> },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <TitledRoute title="Home"><HomeRedirect /></TitledRoute> },
          {
            path: 'w/:workspaceId',
            element: <WorkspaceLayout />,
            children: [
              { index: true, element: <TitledRoute title="Workspace"><WorkspaceHome /></TitledRoute> },
              { path: 'leads', element: <TitledRoute title="Leads"><LeadsPage /></TitledRoute> },
              { path: 'leads/new', element: <TitledRoute title="New lead"><LeadCreatePage /></TitledRoute> },
              { path: 'leads/:leadId', element: <TitledRoute title="Lead"><LeadDetailPage /></TitledRoute> },
              { path: 'leads/:leadId/edit', element: <TitledRoute title="Edit lead"><LeadEditPage /></TitledRoute> },
              { path: 'contacts', element: <TitledRoute title="Contacts"><ContactsPage /></TitledRoute> },
              { path: 'contacts/new', element: <TitledRoute title="New contact"><ContactCreatePage /></TitledRoute> },
              { path: 'contacts/:contactId', element: <TitledRoute title="Contact"><ContactDetailPage /></TitledRoute> },
              { path: 'contacts/:contactId/edit', element: <TitledRoute title="Edit contact"><ContactEditPage /></TitledRoute> },
              { path: 'companies', element: <TitledRoute title="Companies"><CompaniesPage /></TitledRoute> },
              { path: 'companies/new', element: <TitledRoute title="New company"><CompanyCreatePage /></TitledRoute> },
              { path: 'companies/:companyId', element: <TitledRoute title="Company"><CompanyDetailPage /></TitledRoute> },
              { path: 'companies/:companyId/edit', element: <TitledRoute title="Edit company"><CompanyEditPage /></TitledRoute> },
              { path: 'deals', element: <TitledRoute title="Deals"><DealsBoardPage /></TitledRoute> },
              { path: 'deals/new', element: <TitledRoute title="New deal"><DealCreatePage /></TitledRoute> },
              { path: 'deals/:dealId', element: <TitledRoute title="Deal"><DealDetailPage /></TitledRoute> },
              { path: 'deals/:dealId/edit', element: <TitledRoute title="Edit deal"><DealEditPage /></TitledRoute> },
              { path: 'activities', element: <TitledRoute title="Activities"><ActivitiesPage /></TitledRoute> },
              { path: 'team', element: <TitledRoute title="Team"><TeamPage /></TitledRoute> },
              { path: 'team/:userId', element: <TitledRoute title="Member"><MemberDetailPage /></TitledRoute> },
              { path: 'settings', element: <TitledRoute title="Workspace settings"><SettingsPage /></TitledRoute> },
              { path: 'settings/lead-sources', element: <TitledRoute title="Lead sources"><LeadSourcesPage /></TitledRoute> },
              { path: 'settings/pipelines', element: <TitledRoute title="Pipelines and lost reasons"><PipelineSettingsPage /></TitledRoute> },
              { path: 'settings/notifications', element: <TitledRoute title="Notification settings"><NotificationSettingsPage /></TitledRoute> },
              { path: 'settings/api-tokens', element: <TitledRoute title="API tokens"><ApiTokensPage /></TitledRoute> },
            ],
          },
          { path: 'account', element: <TitledRoute title="Account"><AccountPage /></TitledRoute> },
          {
            path: 'admin/users',
            element: (
              <TitledRoute title="Users">
                <RequirePlatformAdmin>
                  <AdminUsersPage />
                </RequirePlatformAdmin>
              </TitledRoute>
            ),
          },
        ],
      },
      { path: '*', element: <TitledRoute title="Not found"><NotFoundPage /></TitledRoute> },
    ],
  },
];
