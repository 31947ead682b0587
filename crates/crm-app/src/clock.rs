//! A test clock for browser journeys: real time plus an offset (seconds)
//! read from a file on every call, so a test moves time by writing the file
//! instead of sleeping. Refused in production (see `Config::from_env`).

use std::path::PathBuf;

use crm_kernel::Clock;
use time::{Duration, OffsetDateTime};

pub struct FileOffsetClock {
    path: PathBuf,
}

impl FileOffsetClock {
    #[must_use]
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }
}

impl Clock for FileOffsetClock {
    fn now(&self) -> OffsetDateTime {
        let offset = std::fs::read_to_string(&self.path).ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(0);
        OffsetDateTime::now_utc() + Duration::seconds(offset)
    }
}
