# Image for both the API and the Temporal worker (docker-compose.yml picks the command).
# Two stages, the same steps as scripts/check-build.sh (which proves them on a clean clone without docker):
#   build:   npm ci, npm run build → every workspace's dist/, the workflow bundle
#            (apps/worker/dist/workflow-bundle.js) and the console (apps/web/dist);
#   runtime: production dependencies only (npm ci --omit=dev) and those build outputs; plain node, no ts-node.

# ---- build ----
FROM node:20-bookworm-slim AS build

# SCARF_ANALYTICS=false: skip the @scarf/scarf install-time telemetry script.
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

WORKDIR /app

# Manifests first so the dependency layer is cached until a package.json / the lockfile changes.
COPY package.json package-lock.json ./
COPY libs/domain/package.json libs/domain/
COPY libs/contracts/package.json libs/contracts/
COPY libs/config/package.json libs/config/
COPY libs/db/package.json libs/db/
COPY libs/files/package.json libs/files/
COPY workflows/package.json workflows/
COPY activities/package.json activities/
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/

# npm 10 (bundled with node 20) ignores the npm 11 `allowScripts` field and runs install scripts as usual.
RUN npm ci

COPY . .
RUN npm run build

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime

ENV NODE_ENV=production \
    SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    WEB_ROOT=/app/apps/web/dist

WORKDIR /app
# /var/lib/supervision/attachments: the uploaded files' volume in docker-compose.yml (a new volume takes this owner).
RUN chown node:node /app && mkdir -p /var/lib/supervision/attachments && chown -R node:node /var/lib/supervision
USER node

COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node libs/domain/package.json libs/domain/
COPY --chown=node:node libs/contracts/package.json libs/contracts/
COPY --chown=node:node libs/config/package.json libs/config/
COPY --chown=node:node libs/db/package.json libs/db/
COPY --chown=node:node libs/files/package.json libs/files/
COPY --chown=node:node workflows/package.json workflows/
COPY --chown=node:node activities/package.json activities/
COPY --chown=node:node apps/api/package.json apps/api/
COPY --chown=node:node apps/worker/package.json apps/worker/
COPY --chown=node:node apps/web/package.json apps/web/

# typeorm names ts-node (and so typescript) as optional peers, which npm keeps with --omit=dev: the build needs neither.
RUN npm ci --omit=dev \
 && rm -rf node_modules/ts-node node_modules/typescript \
 && npm cache clean --force

COPY --from=build --chown=node:node /app/libs/domain/dist libs/domain/dist
COPY --from=build --chown=node:node /app/libs/contracts/dist libs/contracts/dist
COPY --from=build --chown=node:node /app/libs/config/dist libs/config/dist
COPY --from=build --chown=node:node /app/libs/db/dist libs/db/dist
COPY --from=build --chown=node:node /app/libs/files/dist libs/files/dist
COPY --from=build --chown=node:node /app/workflows/dist workflows/dist
COPY --from=build --chown=node:node /app/activities/dist activities/dist
COPY --from=build --chown=node:node /app/apps/api/dist apps/api/dist
COPY --from=build --chown=node:node /app/apps/worker/dist apps/worker/dist
COPY --from=build --chown=node:node /app/apps/web/dist apps/web/dist

EXPOSE 3000
# The worker: node apps/worker/dist/main.js. Migrations alone: node libs/db/dist/migrate.js (the API applies them at start).
CMD ["node", "apps/api/dist/main.js"]
