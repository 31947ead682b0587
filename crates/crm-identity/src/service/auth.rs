//! Accounts and sessions: sign-up, sign-in, sign-out, email verification,
//! password reset and change, profile.

use crm_kernel::{InvitationId, MembershipId, Role, SessionId, UserId, WorkspaceId};

use super::IdentityService;
use crate::error::{FieldErrors, IdentityError};
use crate::mail;
use crate::model::{Account, EmailTokenPurpose, IssuedSession, Membership, Session, User, Workspace};
use crate::ports::{Accepted, Inserted};
use crate::secrets::{dummy_hash, hash_password, random_secret, sha256_hex, verify_password};
use crate::values::{Email, Password, PersonName, Theme, WorkspaceName};

/// What a visitor types to create an account.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub name: String,
    /// Joining through an invitation instead of provisioning a workspace.
    pub invitation: Option<InvitationId>,
}

impl IdentityService {
    /// Creates an account. Without an invitation a workspace is provisioned
    /// with the new user as owner; with one, the user joins that workspace
    /// (the invitation proves the mailbox, so the email counts as verified).
    ///
    /// # Errors
    /// `Invalid` for bad fields, `EmailTaken`, invitation errors, `Store`.
    pub async fn sign_up(&self, input: SignUp) -> Result<(Account, IssuedSession), IdentityError> {
        let mut errors = FieldErrors::default();
        let email = errors.check(Email::parse("email", &input.email));
        let password = errors.check(Password::parse("password", &input.password));
        let name = errors.check(PersonName::parse("name", &input.name));
        errors.finish()?;
        let (Some(email), Some(password), Some(name)) = (email, password, name) else {
            return Err(IdentityError::Invalid(Vec::new()));
        };
        let now = self.now();
        let hash = hash_password(password.expose())?;
        let mut user = User {
            id: UserId::new(),
            email,
            name,
            email_verified_at: None,
            is_platform_admin: false,
            banned_at: None,
            theme: Theme::System,
            created_at: now,
        };

        let inserted = match input.invitation {
            Some(invitation_id) => {
                let invitation = self.pending_invitation(invitation_id).await?;
                if invitation.email != user.email {
                    return Err(IdentityError::InvitationEmailMismatch);
                }
                user.email_verified_at = Some(now);
                let membership = new_membership(invitation.workspace_id, user.id, invitation.role, now);
                match self.store.insert_user_accepting_invitation(&user, &hash, invitation_id, &membership, now).await?
                {
                    Ok(inserted) => inserted,
                    Err(Accepted::NotPending | Accepted::Ok) => {
                        return Err(IdentityError::InvitationNotPending(invitation.status(self.now())));
                    }
                    Err(Accepted::AlreadyMember) => return Err(IdentityError::AlreadyMember),
                }
            }
            None => {
                let workspace = Workspace {
                    id: WorkspaceId::new(),
                    name: WorkspaceName::from_trusted(default_workspace_name(user.name.as_str())),
                    currency: crm_kernel::Currency::default(),
                    created_at: now,
                };
                let owner = new_membership(workspace.id, user.id, Role::Owner, now);
                self.store.insert_user_with_workspace(&user, &hash, &workspace, &owner).await?
            }
        };
        if inserted == Inserted::Duplicate {
            return Err(IdentityError::EmailTaken);
        }
        tracing::info!(user.id = %user.id, "account created");
        if user.email_verified_at.is_none() {
            self.send_verification(&user).await?;
        }
        let session = self.open_session(user.id).await?;
        Ok((self.account_of(user).await?, session))
    }

    /// # Errors
    /// `InvalidCredentials` (same answer for unknown email and wrong
    /// password), `Banned`, `Store`.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<(Account, IssuedSession), IdentityError> {
        let Ok(email) = Email::parse("email", email) else {
            let _ = verify_password(password, dummy_hash());
            return Err(IdentityError::InvalidCredentials);
        };
        let Some(credentials) = self.store.find_credentials(&email).await? else {
            let _ = verify_password(password, dummy_hash());
            return Err(IdentityError::InvalidCredentials);
        };
        if !verify_password(password, &credentials.password_hash) {
            return Err(IdentityError::InvalidCredentials);
        }
        if credentials.user.banned_at.is_some() {
            return Err(IdentityError::Banned);
        }
        let session = self.open_session(credentials.user.id).await?;
        Ok((self.account_of(credentials.user).await?, session))
    }

    async fn open_session(&self, user: UserId) -> Result<IssuedSession, IdentityError> {
        let now = self.now();
        let csrf_secret = random_secret();
        let session = Session {
            id: SessionId::new(),
            user_id: user,
            csrf_hash: sha256_hex(&csrf_secret),
            created_at: now,
            expires_at: now + self.config.session_ttl,
            revoked_at: None,
        };
        self.store.insert_session(&session).await?;
        Ok(IssuedSession { session, csrf_secret })
    }

    /// Resolves a session named by a (signature-checked) browser token.
    ///
    /// # Errors
    /// `Unauthenticated` when the session is unknown, revoked or expired, or
    /// the user is banned; `Store`.
    pub async fn authenticate_session(&self, id: SessionId) -> Result<(User, Session), IdentityError> {
        let session = self.store.find_session(id).await?.ok_or(IdentityError::Unauthenticated)?;
        if !session.is_live(self.now()) {
            return Err(IdentityError::Unauthenticated);
        }
        let user = self.store.find_user(session.user_id).await?.ok_or(IdentityError::Unauthenticated)?;
        if user.banned_at.is_some() {
            return Err(IdentityError::Unauthenticated);
        }
        Ok((user, session))
    }

    /// # Errors
    /// `Store`.
    pub async fn sign_out(&self, session: SessionId) -> Result<(), IdentityError> {
        Ok(self.store.revoke_session(session, self.now()).await?)
    }

    /// # Errors
    /// `Store`.
    pub async fn account(&self, user: UserId) -> Result<Account, IdentityError> {
        let user = self.store.find_user(user).await?.ok_or(IdentityError::Unauthenticated)?;
        self.account_of(user).await
    }

    async fn account_of(&self, user: User) -> Result<Account, IdentityError> {
        let workspaces = self.store.list_user_workspaces(user.id).await?;
        Ok(Account { user, workspaces })
    }

    /// # Errors
    /// `Invalid` for a bad name or theme, `Store`.
    pub async fn update_profile(
        &self,
        user: &User,
        name: Option<&str>,
        theme: Option<&str>,
    ) -> Result<Account, IdentityError> {
        let mut errors = FieldErrors::default();
        let name = name.map(|n| errors.check(PersonName::parse("name", n)));
        let theme = theme.map(|t| {
            errors.check(t.parse::<Theme>().map_err(|()| {
                crm_kernel::FieldError::new("theme", "invalid_theme", "must be one of light, dark, system")
            }))
        });
        errors.finish()?;
        let name = name.flatten().unwrap_or_else(|| user.name.clone());
        let theme = theme.flatten().unwrap_or(user.theme);
        self.store.update_profile(user.id, &name, theme).await?;
        self.account(user.id).await
    }

    async fn send_verification(&self, user: &User) -> Result<(), IdentityError> {
        let token = random_secret();
        let expires = self.now() + self.config.verification_ttl;
        self.store.insert_email_token(user.id, EmailTokenPurpose::VerifyEmail, &sha256_hex(&token), expires).await?;
        let link = self.config.link(&format!("/verify-email?token={token}"));
        self.send(mail::verify_email(user.email.as_str(), user.name.as_str(), &link), "verify_email").await;
        Ok(())
    }

    /// Sends a fresh verification link, unless the email is verified already.
    ///
    /// # Errors
    /// `Store`.
    pub async fn resend_verification(&self, user: &User) -> Result<(), IdentityError> {
        if user.email_verified_at.is_none() {
            self.send_verification(user).await?;
        }
        Ok(())
    }

    /// # Errors
    /// `InvalidEmailToken` for unknown, used or expired links; `Store`.
    pub async fn verify_email(&self, token: &str) -> Result<(), IdentityError> {
        let now = self.now();
        let user = self
            .store
            .consume_email_token(EmailTokenPurpose::VerifyEmail, &sha256_hex(token), now)
            .await?
            .ok_or(IdentityError::InvalidEmailToken)?;
        Ok(self.store.mark_email_verified(user, now).await?)
    }

    /// Mails a reset link when the account exists. Answers the same either
    /// way, so the endpoint cannot be used to discover accounts.
    ///
    /// # Errors
    /// `Invalid` for a malformed email, `Store`.
    pub async fn request_password_reset(&self, email: &str) -> Result<(), IdentityError> {
        let email = Email::parse("email", email)?;
        let Some(credentials) = self.store.find_credentials(&email).await? else {
            return Ok(());
        };
        let token = random_secret();
        let expires = self.now() + self.config.reset_ttl;
        self.store
            .insert_email_token(credentials.user.id, EmailTokenPurpose::ResetPassword, &sha256_hex(&token), expires)
            .await?;
        let link = self.config.link(&format!("/reset-password?token={token}"));
        self.send(mail::reset_password(email.as_str(), &link), "reset_password").await;
        Ok(())
    }

    /// Sets a new password from an emailed link and ends every session.
    ///
    /// # Errors
    /// `Invalid` for a weak password, `InvalidEmailToken`, `Store`.
    pub async fn reset_password(&self, token: &str, password: &str) -> Result<(), IdentityError> {
        let password = Password::parse("password", password)?;
        let now = self.now();
        let user = self
            .store
            .consume_email_token(EmailTokenPurpose::ResetPassword, &sha256_hex(token), now)
            .await?
            .ok_or(IdentityError::InvalidEmailToken)?;
        let hash = hash_password(password.expose())?;
        self.store.set_password(user, &hash, None, now).await?;
        // Receiving the link proves the mailbox.
        self.store.mark_email_verified(user, now).await?;
        Ok(())
    }

    /// Changes the password and ends every other session of the user.
    ///
    /// # Errors
    /// `Invalid` when the current password is wrong or the new one is weak.
    pub async fn change_password(
        &self,
        user: UserId,
        keep: SessionId,
        current: &str,
        new: &str,
    ) -> Result<(), IdentityError> {
        let credentials = self.store.find_credentials_by_id(user).await?.ok_or(IdentityError::Unauthenticated)?;
        let mut errors = FieldErrors::default();
        if !verify_password(current, &credentials.password_hash) {
            errors.push(crm_kernel::FieldError::new(
                "currentPassword",
                "wrong_password",
                "is not your current password",
            ));
        }
        let new = errors.check(Password::parse("newPassword", new));
        errors.finish()?;
        let Some(new) = new else {
            return Err(IdentityError::Invalid(Vec::new()));
        };
        let hash = hash_password(new.expose())?;
        Ok(self.store.set_password(user, &hash, Some(keep), self.now()).await?)
    }
}

pub(super) fn new_membership(
    workspace: WorkspaceId,
    user: UserId,
    role: Role,
    now: time::OffsetDateTime,
) -> Membership {
    Membership {
        id: MembershipId::new(),
        workspace_id: workspace,
        user_id: user,
        role,
        created_at: now,
        suspended_at: None,
        suspension_reason: None,
    }
}

fn default_workspace_name(person: &str) -> String {
    let name = format!("{person}'s workspace");
    name.chars().take(100).collect()
}
