# One image holds every shop binary; docker-compose picks the command.
# Build: docker build -t shop .
FROM rust:1.95-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends protobuf-compiler && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p user -p product -p order -p notification -p router -p xtask \
 && mkdir /out && cp target/release/user target/release/product target/release/order target/release/notification target/release/router target/release/xtask /out/

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app shop && mkdir -p /app/data && chown shop /app/data
COPY --from=build /out/ /usr/local/bin/
COPY router-config /app/router-config
COPY supergraph.graphql /app/supergraph.graphql
WORKDIR /app
USER shop
