//! Test support shared by every crate's tests: a freshly migrated database per
//! test on SQLite (a temp file) or PostgreSQL (a throwaway database created
//! from `CRM_TEST_DATABASE_URL`), [`on_both_backends!`], workspace and member
//! seeding ([`seed`]), a storable clock reading ([`now`]) and the SMTP sink's
//! Maildir.
//!
//! Tests migrate with the real migrations; no schema is derived from
//! entities.

pub mod seed;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// The two backends every store test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub const ALL: [Self; 2] = [Self::Sqlite, Self::Postgres];
}

/// Runs each named `async fn name(backend: Backend)` of the calling test
/// file as two tests, `sqlite::name` and `postgres::name`, on a
/// multi-threaded runtime (2 workers, or `workers = N;` first).
///
/// ```ignore
/// crm_testkit::on_both_backends!(workers = 4; concurrent_claims_win_once, lists_match);
/// ```
#[macro_export]
macro_rules! on_both_backends {
    (workers = $workers:literal; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = $workers)]
            async fn $name() { super::$name($crate::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = $workers)]
            async fn $name() { super::$name($crate::Backend::Postgres).await })*
        }
    };
    ($($name:ident),* $(,)?) => {
        $crate::on_both_backends!(workers = 2; $($name),*);
    };
}

/// The current time at microsecond precision: what both backends store, so
/// a value written and read back compares equal.
///
/// The last microsecond digit is never 0: SQLite keeps timestamps as RFC 3339
/// text with trailing fraction zeros trimmed (`…:25.5Z`), and such text does
/// not sort like the instant it names against a longer fraction (`Z` sorts
/// after `0`-`9`), so a base time ending in zeros made boundary comparisons
/// (the stale cutoff, 1 µs after it) flaky. docs/decisions.md, "Timestamps
/// on SQLite".
#[must_use]
pub fn now() -> time::OffsetDateTime {
    let t = time::OffsetDateTime::now_utc();
    let micros = t.nanosecond() / 1000 / 10 * 10 + 7;
    t.replace_nanosecond(micros * 1000).unwrap_or(t)
}

/// A migrated, empty database that is dropped (PostgreSQL) or deleted
/// (SQLite) by the OS/test run.
pub struct TestDb {
    pub url: String,
    pub db: DatabaseConnection,
    pub backend: Backend,
}

/// The PostgreSQL server tests use. The test command sets it; running the
/// store tests without it is an error, never a silent skip.
///
/// # Errors
/// When `CRM_TEST_DATABASE_URL` is not set.
pub fn postgres_admin_url() -> Result<String> {
    std::env::var("CRM_TEST_DATABASE_URL").or_else(|_| {
        if std::env::var("CRM_TEST_REQUIRE_POSTGRES").is_ok() {
            bail!("CRM_TEST_REQUIRE_POSTGRES is set but CRM_TEST_DATABASE_URL is missing")
        }
        // Local default: the machine's PostgreSQL with trust auth.
        Ok("postgres://postgres@127.0.0.1:5432/postgres".to_owned())
    })
}

/// Creates and migrates a fresh database on `backend`.
///
/// # Errors
/// When the server cannot be reached or a migration fails: the test fails
/// loudly rather than skipping PostgreSQL.
pub async fn fresh_db(backend: Backend) -> Result<TestDb> {
    let name = format!("crm_test_{}", uuid::Uuid::now_v7().simple());
    let url = match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("crm-tests");
            std::fs::create_dir_all(&dir)?;
            format!("sqlite://{}?mode=rwc", dir.join(format!("{name}.db")).display())
        }
        Backend::Postgres => {
            let admin_url = postgres_admin_url()?;
            let admin = Database::connect(&admin_url)
                .await
                .with_context(|| format!("PostgreSQL for tests is not reachable at {admin_url}; run the test command (scripts/test), which starts it"))?;
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await?;
            admin.close().await?;
            let (base, _) = admin_url.rsplit_once('/').context("CRM_TEST_DATABASE_URL has no database name")?;
            format!("{base}/{name}")
        }
    };
    let db = connect(&url).await?;
    Migrator::up(&db, None).await.context("migrations failed")?;
    Ok(TestDb { url, db, backend })
}

async fn connect(url: &str) -> Result<DatabaseConnection> {
    let mut options = sea_orm::ConnectOptions::new(url.to_owned());
    options.max_connections(10).sqlx_logging(false).acquire_timeout(Duration::from_secs(20));
    let db = Database::connect(options).await?;
    if url.starts_with("sqlite:") {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
        db.execute_unprepared("PRAGMA busy_timeout = 10000").await?;
        db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    }
    Ok(db)
}

/// Where the SMTP sink started by the test command keeps received mail.
///
/// # Errors
/// When `CRM_TEST_MAILDIR` is not set (the test command sets it).
pub fn maildir() -> Result<PathBuf> {
    std::env::var("CRM_TEST_MAILDIR")
        .map(PathBuf::from)
        .context("CRM_TEST_MAILDIR is not set: run the test command (scripts/test), which starts an SMTP sink")
}

/// The SMTP sink's port.
///
/// # Errors
/// When `CRM_TEST_SMTP_PORT` is not set or not a port.
pub fn smtp_port() -> Result<u16> {
    std::env::var("CRM_TEST_SMTP_PORT")
        .context("CRM_TEST_SMTP_PORT is not set: run the test command (scripts/test)")?
        .parse()
        .context("CRM_TEST_SMTP_PORT is not a port")
}

/// Waits until a message to `to` whose raw text contains `needle` arrives in
/// the sink's Maildir, and returns its raw text.
///
/// # Errors
/// When nothing matching arrives within 10 seconds.
pub async fn wait_for_mail(to: &str, needle: &str) -> Result<String> {
    let dir = maildir()?.join("new");
    for _ in 0..100 {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let raw = std::fs::read_to_string(entry.path()).unwrap_or_default();
                if raw.contains(to) && raw.contains(needle) {
                    return Ok(raw);
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("no mail to {to} containing {needle:?} arrived in {}", dir.display())
}
