//! Configuration: one struct, read from the environment once in `main` and
//! passed down. Nothing else reads the environment.

use std::env;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use crm_mail::{SmtpSettings, SmtpTls};

#[derive(Clone, Debug)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub addr: SocketAddr,
    pub public_url: String,
    pub production: bool,
    /// `CRM_SECRET`; when absent (outside production) a secret generated once
    /// is kept in the data dir.
    pub secret: Option<String>,
    pub static_dir: Option<PathBuf>,
    pub smtp: Option<SmtpSettings>,
    pub log_json: bool,
    pub sign_in_attempts: NonZeroU32,
    pub sign_in_window: Duration,
    /// Browser tests move time by writing seconds into this file.
    pub test_clock_file: Option<PathBuf>,
    /// `CRM_DIGEST_ENABLED` (default on): whether `crm serve` sends the
    /// daily digest at 06:00 UTC. `crm digest run` works either way.
    pub digest_enabled: bool,
}

fn var(name: &str) -> Option<String> {
    env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str) -> Result<Option<T>>
where
    T::Err: std::fmt::Display,
{
    var(name).map(|v| v.parse::<T>().map_err(|e| anyhow::anyhow!("{name}: {e}"))).transpose()
}

impl Config {
    /// Reads every setting; refuses incoherent ones with a message naming
    /// the variable.
    ///
    /// # Errors
    /// A bad value, or production without `CRM_SECRET`.
    pub fn from_env() -> Result<Self> {
        let data_dir = PathBuf::from(var("CRM_DATA_DIR").unwrap_or_else(|| "./data".to_owned()));
        let addr: SocketAddr = parsed("CRM_ADDR")?.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let production = var("CRM_ENV").is_some_and(|e| e == "production");
        let secret = var("CRM_SECRET");
        if production && secret.is_none() {
            bail!("CRM_ENV=production requires CRM_SECRET (at least 32 characters); refusing to start");
        }
        if production && var("CRM_TEST_CLOCK_FILE").is_some() {
            bail!("CRM_TEST_CLOCK_FILE is for tests and refused with CRM_ENV=production");
        }
        if secret.as_ref().is_some_and(|s| s.len() < 32) {
            bail!("CRM_SECRET must be at least 32 characters");
        }
        let database_url = var("DATABASE_URL").unwrap_or_else(|| sqlite_url(&data_dir.join("crm.db")));
        let public_url = var("CRM_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}"));
        let static_dir = match var("CRM_STATIC_DIR") {
            Some(dir) => Some(PathBuf::from(dir)),
            None => Some(PathBuf::from("frontend/dist")).filter(|d| d.join("index.html").is_file()),
        };
        let smtp = match var("CRM_SMTP_HOST") {
            None => None,
            Some(host) => Some(SmtpSettings {
                host,
                port: parsed("CRM_SMTP_PORT")?.unwrap_or(587),
                username: var("CRM_SMTP_USERNAME"),
                password: var("CRM_SMTP_PASSWORD"),
                tls: parsed::<SmtpTls>("CRM_SMTP_TLS")?.unwrap_or(SmtpTls::StartTls),
                from: var("CRM_MAIL_FROM").unwrap_or_else(|| crm_mail::DEFAULT_FROM.to_owned()),
            }),
        };
        Ok(Self {
            data_dir,
            database_url,
            addr,
            public_url,
            production,
            secret,
            static_dir,
            smtp,
            log_json: var("CRM_LOG_FORMAT").map_or(production, |f| f == "json"),
            sign_in_attempts: parsed("CRM_SIGNIN_ATTEMPTS")?.unwrap_or(NonZeroU32::MIN.saturating_add(9)),
            sign_in_window: Duration::from_secs(parsed("CRM_SIGNIN_WINDOW_SECS")?.unwrap_or(900)),
            test_clock_file: var("CRM_TEST_CLOCK_FILE").map(PathBuf::from),
            digest_enabled: parsed("CRM_DIGEST_ENABLED")?.unwrap_or(true),
        })
    }

    /// The signing secret: `CRM_SECRET`, or one generated on first start and
    /// kept (mode 0600) in the data dir so sessions survive restarts.
    ///
    /// # Errors
    /// When the data dir cannot be written.
    pub fn session_secret(&self) -> Result<Vec<u8>> {
        if let Some(secret) = &self.secret {
            return Ok(secret.as_bytes().to_vec());
        }
        let path = self.data_dir.join("secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let existing = existing.trim();
            if existing.len() >= 32 {
                return Ok(existing.as_bytes().to_vec());
            }
        }
        std::fs::create_dir_all(&self.data_dir).with_context(|| format!("creating {}", self.data_dir.display()))?;
        let mut bytes = [0_u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
        let secret = hex::encode(bytes);
        write_private(&path, &secret)?;
        tracing::info!(path = %path.display(), "generated a signing secret");
        Ok(secret.into_bytes())
    }
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(content.as_bytes())?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> Result<()> {
    std::fs::write(path, content).with_context(|| format!("writing {}", path.display()))
}
