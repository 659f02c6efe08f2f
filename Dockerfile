# One image for every scamintel process (api, worker, migrations, CLI); the command picks which.
# test/image-tree.e2e-spec.ts assembles the runtime stage's tree from its COPY lines (and ENV), installs production
# dependencies only and starts migrations, an API and a worker from it: a file a process reads at run time that no
# COPY line brings fails that test. Add the COPY line here when a lib gains such files (templates, locales, data).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nest build api && npm prune --omit=dev --omit=optional

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 DATA_DIR=/app/.data BULLETIN_OUT_DIR=/app/out
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
COPY --from=build /app/data ./data
COPY --from=build /app/libs/bulletins/src/locales ./libs/bulletins/src/locales
# The web pages' templates, catalogues, static files and advice data (libs/web/README.md).
COPY --from=build /app/libs/web/assets ./libs/web/assets
# Writable by the unprivileged user: the generated signing key (a volume in compose) and bulletin files.
RUN mkdir -p /app/.data /app/out && chown node:node /app/.data /app/out
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/scripts/healthcheck.js", "api"]
# A larger young generation: intake and ingest allocate many short-lived objects (~15% faster in bench:ingest).
CMD ["node", "--max-semi-space-size=64", "dist/apps/api/src/main.js"]
