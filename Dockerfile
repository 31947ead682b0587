# syntax=docker/dockerfile:1
# Production image: the SPA built with node, the `crm` binary built with Rust,
# both copied into a slim Debian runtime. Build: docker build -t crm .
# Run:  docker run -p 8080:8080 -v crm-data:/data -e CRM_SECRET=... crm
# (or docker compose up, see docker-compose.yml).

# ---- 1. the SPA -------------------------------------------------------------
FROM node:20-bookworm AS spa
WORKDIR /src/frontend
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY openapi/ /src/openapi/
COPY frontend/ ./
RUN npm run build

# ---- 2. the binary ----------------------------------------------------------
FROM rust:1.95-bookworm AS server
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin crm \
 && cp target/release/crm /usr/local/bin/crm

# ---- 3. runtime -------------------------------------------------------------
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin crm \
 && mkdir -p /data /app \
 && chown crm:crm /data
COPY --from=server /usr/local/bin/crm /usr/local/bin/crm
COPY --from=spa /src/frontend/dist /app/frontend/dist
WORKDIR /app
ENV CRM_STATIC_DIR=/app/frontend/dist \
    CRM_ADDR=0.0.0.0:8080 \
    CRM_DATA_DIR=/data \
    CRM_LOG_FORMAT=json
USER crm
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz >/dev/null || exit 1
ENTRYPOINT ["crm"]
CMD ["serve"]
