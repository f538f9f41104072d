# syntax=docker/dockerfile:1
# One image for every MedAlliance process; the command picks it:
#   docker run medalliance gateway | alliance | hospital --id <hospitalId> | migrate --hospital <id>
# Settings come from environment variables only (docs/CONFIGURATION.md).

# --- build: the full toolchain, compiled to dist/ -------------------------------------
FROM node:20-bookworm-slim AS build
# better-sqlite3 (the embedded database) is native: npm fetches a prebuilt binary where one
# is reachable and compiles it with these otherwise
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY cli ./cli
COPY common ./common
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
RUN npm run build

# --- runtime: production dependencies and the compiled code, as an unprivileged user ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    MEDALLIANCE_DATA_DIR=/data \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
RUN apt-get purge -y --auto-remove python3 make g++
COPY --from=build /app/dist ./dist
# The contract and the composed supergraph are read at run time (contract check, gateway),
# and the dashboard page is served from its static folder.
COPY schema ./schema
COPY gateway/dashboard/static ./gateway/dashboard/static
RUN mkdir -p /data && chown node:node /data
USER node
# Embedded databases, the gateway's signing key and its last good registry copy.
VOLUME ["/data"]
EXPOSE 4000 4001 4101
# Ready means serving and, for a subgraph, its database answering (GET /readyz).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: /readyz 503, in-flight requests finish, then the database closes and the process exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/cli/index.js"]
CMD ["gateway"]
