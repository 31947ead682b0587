# Routine tasks. `just --list` shows them. `just` itself comes from
# requirements-dev.txt (pip install rust-just) into .venv/bin.

set shell := ["bash", "-euo", "pipefail", "-c"]

export PATH := justfile_directory() + "/.venv/bin:" + env_var("PATH")

target_dir := env_var_or_default("CARGO_TARGET_DIR", justfile_directory() + "/target")

# List the recipes
default:
    @just --list

# Build the SPA and run the product (release build) on CRM_ADDR (default 127.0.0.1:8080)
serve:
    scripts/serve

# The full test command: lint, domain deps, Rust tests (SQLite + PostgreSQL), frontend, schemathesis, Playwright
test:
    scripts/test

# Regenerate the committed OpenAPI document and the SPA's typed client from it
openapi:
    cargo run -q --bin crm -- openapi > openapi/openapi.json
    cd frontend && npm run gen:api

# Format Rust code
fmt:
    cargo fmt --all

# Clippy with warnings as errors, plus the frontend's lint and typecheck
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings
    cd frontend && npm run lint && npm run typecheck

# Prove the domain crates do not depend on actix-web, sea-orm, sqlx, reqwest or serde_json
check-deps:
    scripts/check-domain-deps.sh

# Rust tests only (SQLite + PostgreSQL + the SMTP sink), like stage 4 of scripts/test
test-rust:
    scripts/ensure-services.sh
    CRM_TEST_DATABASE_URL="${CRM_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}" CRM_TEST_REQUIRE_POSTGRES=1 scripts/with-smtp-sink cargo nextest run --workspace
    cargo test --workspace --doc

# Fuzz the API with schemathesis (builds the debug binary first)
schemathesis:
    cargo build --bin crm
    CRM_BIN="{{ target_dir }}/debug/crm" scripts/with-smtp-sink scripts/schemathesis.sh

# Playwright journeys in Debian's chromium (builds the debug binary first)
e2e:
    scripts/ensure-services.sh
    cargo build --bin crm
    rm -rf test-output/screenshots && mkdir -p test-output/screenshots
    CRM_BIN="{{ target_dir }}/debug/crm" CRM_SCREENSHOT_DIR="{{ justfile_directory() }}/test-output/screenshots" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 scripts/with-smtp-sink bash -c 'cd frontend && npm run e2e'

# Apply database migrations (DATABASE_URL, or SQLite under CRM_DATA_DIR)
migrate:
    cargo run -q --bin crm -- migrate

# Seed a migrated database (DATABASE_URL): 50 small workspaces and one of 1,000,000 leads; prints the big workspace id
seed *ARGS:
    cargo build -q --release --bin crm-bench
    "{{ target_dir }}/release/crm-bench" seed {{ ARGS }}

# Benchmark the Leads API (real `crm serve`) against raw SQL on a seeded PostgreSQL database (DATABASE_URL); see docs/benchmarks.md
bench-leads *ARGS:
    cargo build -q --release --bin crm --bin crm-bench
    "{{ target_dir }}/release/crm-bench" leads {{ ARGS }}

# Seed a migrated database (DATABASE_URL): one workspace of 50,000 companies, 1,000,000 contacts and one contact with a 10,000-activity timeline; prints the workspace id
seed-contacts *ARGS:
    cargo build -q --release --bin crm-bench
    "{{ target_dir }}/release/crm-bench" seed-contacts {{ ARGS }}

# Benchmark the Contacts API and a contact timeline (real `crm serve`, signed-in session) against raw SQL on a seeded PostgreSQL database (DATABASE_URL); see docs/benchmarks.md
bench-contacts *ARGS:
    cargo build -q --release --bin crm --bin crm-bench
    "{{ target_dir }}/release/crm-bench" contacts {{ ARGS }}

# Seed a migrated database (DATABASE_URL): one workspace whose default pipeline holds 50,000 open deals (plus 5,000 won and 5,000 lost), and a smaller second workspace; prints the workspace id
seed-deals *ARGS:
    cargo build -q --release --bin crm-bench
    "{{ target_dir }}/release/crm-bench" seed-deals {{ ARGS }}

# Benchmark the deals kanban board (per-column pagination), a column's next page and a deal's detail (real `crm serve`, signed-in session) against raw SQL on a seeded PostgreSQL database (DATABASE_URL); see docs/benchmarks.md
bench-deals *ARGS:
    cargo build -q --release --bin crm --bin crm-bench
    "{{ target_dir }}/release/crm-bench" deals {{ ARGS }}

# Seed one member with 100,000 notifications in a PostgreSQL database (DATABASE_URL) and benchmark the bell (unread count, first page) through the real `crm serve` against raw SQL; see docs/benchmarks.md
bench-notifications *ARGS:
    cargo build -q --release --bin crm --bin crm-bench
    "{{ target_dir }}/release/crm-bench" notifications {{ ARGS }}
