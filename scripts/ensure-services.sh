#!/usr/bin/env bash
# Makes sure what the test suite needs from the machine is there:
#   - PostgreSQL answering on 127.0.0.1:5432 (started if it is not);
#   - Debian's chromium at /usr/bin/chromium (installed if missing), for Playwright.
# Fails loudly (non-zero exit, clear message) when either cannot be had.
set -euo pipefail

PG_HOST=${CRM_PG_HOST:-127.0.0.1}
PG_PORT=${CRM_PG_PORT:-5432}

log() { printf 'ensure-services: %s\n' "$*"; }
die() { printf '\nensure-services: ERROR: %s\n\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    die "need root to run: $* (run as root or install sudo)"
  fi
}

# --- PostgreSQL ---------------------------------------------------------------
pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }

command -v pg_isready >/dev/null 2>&1 \
  || die "pg_isready not found: the PostgreSQL client tools are missing (apt-get install -y postgresql-client)."

if pg_ready; then
  log "PostgreSQL answers on $PG_HOST:$PG_PORT"
else
  log "PostgreSQL does not answer on $PG_HOST:$PG_PORT; starting it"
  [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ] \
    || die "no PostgreSQL cluster under /etc/postgresql; cannot start PostgreSQL on $PG_HOST:$PG_PORT."
  for dir in /etc/postgresql/*/; do
    version=$(basename "$dir")
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start \
      || log "pg_ctlcluster $version main start exited non-zero (it may already be starting)"
  done
  for _ in $(seq 1 30); do
    pg_ready && break
    sleep 1
  done
  pg_ready || die "PostgreSQL still does not answer on $PG_HOST:$PG_PORT after 30 s.
  The database tests need it (CRM_TEST_REQUIRE_POSTGRES=1). Check the server log under
  /var/log/postgresql/ and start it with:
    pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start"
  log "PostgreSQL started and answers on $PG_HOST:$PG_PORT"
fi

# --- Chromium (Playwright drives Debian's build; never a downloaded browser) ---
if [ -x /usr/bin/chromium ]; then
  log "chromium present: /usr/bin/chromium"
else
  log "installing Debian's chromium (about a minute)"
  command -v apt-get >/dev/null 2>&1 || die "/usr/bin/chromium is missing and apt-get is not available."
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; then
    log "apt-get install failed; running apt-get update and retrying"
    as_root apt-get update -q || die "apt-get update failed; cannot install chromium."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
      || die "apt-get install -y chromium failed; the browser tests need /usr/bin/chromium."
  fi
  [ -x /usr/bin/chromium ] || die "chromium was installed but /usr/bin/chromium is missing."
  log "chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
fi
