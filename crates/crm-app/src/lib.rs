//! The composition root: configuration, the concrete adapters behind each
//! port, the HTTP server and the operator CLI. `main` and the HTTP tests
//! build the application through [`Application::build`].

pub mod cli;
mod clock;
pub mod config;
pub mod scheduler;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::{HttpServer, web};
use anyhow::{Context, Result};
use crm_api::{ApiConfig, AppState, Readiness, build_app};
use crm_identity::{IdentityConfig, IdentityService};
use crm_kernel::{Clock, StoreError, SystemClock};
use sea_orm::DatabaseConnection;

pub use config::Config;

struct DbReadiness(DatabaseConnection);

#[async_trait::async_trait]
impl Readiness for DbReadiness {
    async fn ready(&self) -> Result<(), StoreError> {
        crm_store::ping(&self.0).await
    }
}

/// Everything built over the configured adapters: the API's services (the
/// one list, [`crm_api::Services`]) plus what only the composition root uses,
/// the database handle (closed on shutdown) and the digest service (the
/// scheduler and `crm digest run`).
pub struct Services {
    pub db: DatabaseConnection,
    pub api: crm_api::Services,
    pub digest: Arc<crm_notifications::DigestService>,
}

impl Services {
    /// Connects, migrates, and wires every port to its adapter.
    ///
    /// # Errors
    /// When the database is unreachable or a migration fails.
    pub async fn build(config: &Config, clock: Arc<dyn Clock>) -> Result<Self> {
        if config.database_url.starts_with("sqlite:") {
            std::fs::create_dir_all(&config.data_dir)
                .with_context(|| format!("creating data dir {}", config.data_dir.display()))?;
        }
        let db = crm_store::connect(&config.database_url).await.context("connecting to the database")?;
        crm_store::migrate(&db).await.context("applying migrations")?;
        let mailer = crm_mail::try_mailer_from_settings(config.smtp.clone(), config.data_dir.join("mail"))
            .context("mail settings")?;
        let store = Arc::new(crm_store::SeaIdentityStore::new(db.clone()));
        let identity = Arc::new(IdentityService::new(
            store,
            mailer.clone(),
            clock.clone(),
            IdentityConfig::new(config.public_url.clone()),
        ));
        let leads = Arc::new(crm_leads::LeadService::new(
            Arc::new(crm_store::SeaLeadStore::new(db.clone())),
            Arc::new(crm_store::SeaAuditLog::new(db.clone())),
            clock.clone(),
        ));
        let contact_store = Arc::new(crm_store::SeaContactStore::new(db.clone()));
        let contacts = Arc::new(crm_contacts::ContactService::new(contact_store.clone(), clock.clone()));
        let activities = Arc::new(crm_activities::ActivityService::new(
            Arc::new(crm_store::SeaActivityStore::new(db.clone())),
            Arc::new(crm_store::SeaAuditLog::new(db.clone())),
            clock.clone(),
        ));
        let deal_store = Arc::new(crm_store::SeaDealStore::new(db.clone()));
        let deals = Arc::new(crm_deals::DealService::new(deal_store.clone(), deal_store.clone(), clock.clone()));
        let conversion = Arc::new(crm_deals::ConversionService::new(
            Arc::new(crm_store::SeaLeadStore::new(db.clone())),
            contact_store,
            deal_store.clone(),
            deal_store.clone(),
            deal_store,
            clock.clone(),
        ));
        let notification_store = Arc::new(crm_store::SeaNotificationStore::new(db.clone()));
        let notifications =
            Arc::new(crm_notifications::NotificationService::new(notification_store.clone(), clock.clone()));
        let digest = Arc::new(crm_notifications::DigestService::new(
            notification_store,
            mailer,
            clock.clone(),
            config.public_url.clone(),
        ));
        let api = crm_api::Services {
            identity,
            leads,
            contacts,
            activities,
            deals,
            conversion,
            notifications,
            idempotency: Arc::new(crm_store::SeaIdempotencyStore::new(db.clone())),
            clock,
            readiness: Arc::new(DbReadiness(db.clone())),
        };
        Ok(Self { db, api, digest })
    }
}

/// A bound, not yet running HTTP server.
pub struct Application {
    port: u16,
    server: actix_web::dev::Server,
    db: DatabaseConnection,
    /// The daily digest scheduler, when enabled.
    digest: Option<(Arc<crm_notifications::DigestService>, Arc<dyn Clock>)>,
}

impl Application {
    /// Builds everything `crm serve` runs, bound to `config.addr` (port 0
    /// picks a free port: tests do that).
    ///
    /// # Errors
    /// Database, migration, secret or bind failures.
    pub async fn build(config: &Config, clock: Arc<dyn Clock>) -> Result<Self> {
        let Services { db, api, digest } = Services::build(config, clock).await?;
        let api_config = ApiConfig {
            static_dir: config.static_dir.clone(),
            secure_cookies: config.public_url.starts_with("https://"),
            session_secret: config.session_secret()?,
            sign_in_attempts: config.sign_in_attempts,
            sign_in_window: config.sign_in_window,
        };
        let clock = api.clock.clone();
        let state = web::Data::new(AppState::new(&api_config, api));
        let listener = TcpListener::bind(config.addr).with_context(|| format!("binding {}", config.addr))?;
        let port = listener.local_addr()?.port();
        let server = HttpServer::new(move || build_app(state.clone())).listen(listener)?.shutdown_timeout(10).run();
        let digest = config.digest_enabled.then_some((digest, clock));
        Ok(Self { port, server, db, digest })
    }

    #[must_use]
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves (and runs the digest scheduler, when enabled) until
    /// SIGINT/SIGTERM, then closes the pool.
    ///
    /// # Errors
    /// When the server fails.
    pub async fn run_until_stopped(self) -> Result<()> {
        let scheduler = self.digest.map(|(digest, clock)| tokio::spawn(scheduler::run_daily(digest, clock)));
        let served = self.server.await;
        if let Some(task) = scheduler {
            task.abort();
        }
        self.db.close().await.ok();
        Ok(served?)
    }
}

/// The clock `main` uses: the real one, or (outside production, for
/// browser tests) the real one shifted by the seconds written in
/// `CRM_TEST_CLOCK_FILE`.
#[must_use]
pub fn clock_for(config: &Config) -> Arc<dyn Clock> {
    match &config.test_clock_file {
        Some(path) if !config.production => Arc::new(clock::FileOffsetClock::new(path.clone())),
        _ => Arc::new(SystemClock),
    }
}

/// The real clock.
#[must_use]
pub fn system_clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}
