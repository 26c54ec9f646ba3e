# syntax=docker/dockerfile:1.7
# The Proxie server image: the server compiled to JavaScript by tsc (dist/, with the files it reads
# at run time), the web app built by Vite, production dependencies only, as the unprivileged `node` user.
#   docker build -t proxie .
#   docker run -p 3000:3000 -e DATABASE_URL=... -e REDIS_URL=... -e CLERK_JWT_KEY=... proxie
# The same image runs the migrations: `node dist/db/cli.js migrate` (k8s/base/migration-job.yaml).

ARG NODE_IMAGE=node:20-bookworm-slim

# All dependencies, for the builds of the server and the web app.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The server, compiled: dist/ (npm run build:server).
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY agents ./agents
COPY core ./core
COPY db ./db
COPY graph ./graph
COPY jobs ./jobs
COPY memory ./memory
COPY models ./models
COPY server ./server
COPY tools ./tools
RUN npm run build:server

# The web app: ui/dist.
FROM deps AS ui
COPY tsconfig.json ./
COPY ui ./ui
RUN npm run build:ui

# Production dependencies only.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Owned by root and read-only to the server, which writes nothing to its own files.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY --from=build /app/dist ./dist
COPY --from=ui /app/ui/dist ./ui/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and gets SIGTERM: server/shutdown.ts drains and exits (no npm in between).
CMD ["node", "dist/server/main.js"]
