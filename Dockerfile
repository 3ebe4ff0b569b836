# duban: one image for the web and the worker processes (compose.yaml, docs/deployment.md).
# The build stage checks the types and compiles src/ to dist/ (`npm run build`); the image holds
# dist/ and the production dependencies, installed without their install scripts, and no src/:
# bin/duban.js then runs dist/ (bin/build-state.js), never tsx.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
COPY scripts ./scripts
COPY cards ./cards
RUN npx tsc --noEmit -p tsconfig.json && node scripts/build.js

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    METRICS_PORT=9464 \
    METRICS_HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node cards ./cards
COPY --chown=node:node migrations ./migrations
COPY --chown=node:node samples ./samples
COPY --chown=node:node directory.example.yaml ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 9464
# The operational port answers /healthz in web and worker processes alike.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.METRICS_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM closes in order (src/app/lifecycle.ts); give it the grace period compose.yaml sets.
STOPSIGNAL SIGTERM
CMD ["node", "bin/duban.js", "serve"]
