# One image holds every shop binary (user, product, order, notification,
# router, xtask); docker-compose and the Kubernetes manifests pick the
# command. Build: docker build -t shop .
#
# Dependencies are compiled in a layer of their own (cargo-chef): a change to
# the shop's code rebuilds only the workspace crates, not the ~700
# dependencies (the Apollo Router among them). No system protoc is needed
# (proto/protoc runs the vendored one). The runtime image is Debian slim,
# runs as an unprivileged user (uid 10001) and holds only the binaries, the
# router's config and the supergraph. The web apps are a second target,
# `web` (nginx with the built apps).

ARG RUST_VERSION=1.95

FROM rust:${RUST_VERSION}-slim-bookworm AS chef
RUN cargo install --locked cargo-chef --version 0.1.78
WORKDIR /src

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS build
COPY --from=planner /src/recipe.json recipe.json
# The vendored protoc wrapper and cargo config are needed by the dependency
# build already (the router's build script runs protoc).
COPY .cargo .cargo
COPY proto/protoc proto/protoc
RUN cargo chef cook --release --locked --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked -p user -p product -p order -p notification -p router -p xtask \
 && mkdir /out \
 && cp target/release/user target/release/product target/release/order target/release/notification target/release/router target/release/xtask /out/

# The web apps (docker-compose's `web` service: `--target web`): built with
# Node 20 from the committed lockfile and generated types, served by nginx
# with deploy/web/nginx.conf.
FROM node:20-bookworm-slim AS web-build
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
COPY web/shared/package.json shared/
COPY web/graphiql/package.json graphiql/
COPY web/storefront/package.json storefront/
COPY web/admin/package.json admin/
RUN npm ci --no-audit --no-fund
COPY supergraph.graphql /src/supergraph.graphql
COPY web/ ./
RUN npm run build

# nginx as uid 101, its pid and temporary files under /tmp: it runs with a
# read-only root on Kubernetes (deploy/k8s/base/web.yaml).
FROM nginxinc/nginx-unprivileged:1.27-alpine AS web
COPY deploy/web/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /src/web/storefront/dist /usr/share/shop-web
COPY --from=web-build /src/web/admin/dist /usr/share/shop-web/admin
COPY --from=web-build /src/web/graphiql/dist /usr/share/shop-web/graphiql
EXPOSE 3000

# The services (the default target: the last stage).
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 shop \
 && useradd --system --uid 10001 --gid shop --home-dir /app --shell /usr/sbin/nologin shop \
 && mkdir -p /app/data && chown shop:shop /app/data
COPY --from=build /out/ /usr/local/bin/
COPY router-config /app/router-config
COPY supergraph.graphql /app/supergraph.graphql
WORKDIR /app
USER 10001:10001
EXPOSE 4000 4001 4002 4003 4004 8088 9090 50051 50052 50053 50054
