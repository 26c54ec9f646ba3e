# syntax=docker/dockerfile:1.7
# The Proxie server image: the TypeScript sources run by tsx (a production dependency), the web app
# built by Vite, production dependencies only, as the unprivileged `node` user.
#   docker build -t proxie .
#   docker run -p 3000:3000 -e DATABASE_URL=... -e REDIS_URL=... -e CLERK_JWT_KEY=... proxie
# The same image runs the migrations: `npm run db:migrate` (k8s/base/migration-job.yaml).

ARG NODE_IMAGE=node:20-bookworm-slim

# All dependencies, for the web app's build.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

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
# Owned by root and read-only to the server: it writes only to /tmp (tsx's cache).
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY agents ./agents
COPY core ./core
COPY db ./db
COPY graph ./graph
COPY jobs ./jobs
COPY memory ./memory
COPY models ./models
COPY server ./server
COPY tools ./tools
COPY --from=ui /app/ui/dist ./ui/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and gets SIGTERM: server/shutdown.ts drains and exits (no npm in between).
CMD ["node", "--import", "tsx", "server/main.ts"]
