# Image for both the API and the Temporal worker (docker-compose.yml picks the command).
# The TypeScript sources run directly through scripts/register.js (ts-node + SWC), so there
# is no build step; ts-node, @swc/core and typescript are devDependencies that are needed
# at run time, hence `npm ci --include=dev`.
FROM node:20-bookworm-slim

# SCARF_ANALYTICS=false: skip the @scarf/scarf install-time telemetry script.
ENV NODE_ENV=production \
    SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

WORKDIR /app
RUN chown node:node /app
USER node

# Manifests first so the dependency layer is cached until a package.json / the lockfile changes.
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node libs/domain/package.json libs/domain/
COPY --chown=node:node libs/contracts/package.json libs/contracts/
COPY --chown=node:node libs/config/package.json libs/config/
COPY --chown=node:node libs/db/package.json libs/db/
COPY --chown=node:node workflows/package.json workflows/
COPY --chown=node:node activities/package.json activities/
COPY --chown=node:node apps/api/package.json apps/api/
COPY --chown=node:node apps/worker/package.json apps/worker/

# npm 10 (bundled with node 20) ignores the npm 11 `allowScripts` field and runs install
# scripts as usual. --include=dev overrides the omission implied by NODE_ENV=production.
RUN npm ci --include=dev \
 && npm cache clean --force

COPY --chown=node:node . .

EXPOSE 3000
CMD ["node", "-r", "./scripts/register.js", "apps/api/src/main.ts"]
