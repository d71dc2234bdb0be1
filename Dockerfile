# syntax=docker/dockerfile:1
# Expertpool: one image for the app, the standalone collab-server and the operator commands.
#   docker build -t expertpool .
#   docker run … expertpool                          the app (pages, /collab in process, job runner)
#   docker run … expertpool node build/collab.js      a standalone collab-server (COLLAB_PORT)
#   docker run … expertpool node build/migrate.js     migrations only (an upgrade's first step)
# Not built where it was written (no Docker there): tests/unit/bundled-server.test.ts starts what it
# runs (node build/server.js, no tsx) and checks its imports are production dependencies. See docs/deploy.md.

ARG NODE_VERSION=22

# 1. Everything, to build: the Remix build and the bundles of server/, collab-server/ and the commands.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# patches/: what `postinstall` (patch-package) changes in a dependency; see docs/decisions/023.
COPY package.json package-lock.json ./
COPY patches ./patches
# `npm install`, not `npm ci`: docs/decisions/005-npm-install-rather-than-npm-ci.md
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:server

# 2. Production dependencies only (no TypeScript, no tsx use, no test tools).
FROM node:${NODE_VERSION}-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. What runs: node, the built JavaScript, the static files and the migrations; as the user `node`.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    COLLAB_PORT=3001 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY package.json ./
# The runner reads supabase/migrations and supabase/bootstrap.sql at start (from the working directory).
COPY supabase ./supabase
# Embedded mode only (no DATABASE_URL): PGlite and the generated session secret live here.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 3001
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "build/server.js"]
