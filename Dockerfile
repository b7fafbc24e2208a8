# Node.js as pinned in .nvmrc (the current LTS line).
ARG NODE_VERSION=24.22.3
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY src ./src
# The staff console's TypeScript, bundled into templates/console-build/ (content-hashed) by `npm run build`,
# and the donor pages' scripts (donor/src, with src/common/money.ts) into templates/donor-build/.
COPY console ./console
COPY donor ./donor
COPY scripts/build-console.mjs ./scripts/
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The production start and its Node/V8 flags (deploy/node-flags: a 32 MiB young generation).
COPY scripts/start.sh ./scripts/
COPY deploy/node-flags ./deploy/
COPY templates ./templates
COPY --from=build /app/templates/console-build ./templates/console-build
COPY --from=build /app/templates/donor-build ./templates/donor-build
RUN mkdir -p /app/var && chown node:node /app/var
USER node
EXPOSE 3000
CMD ["sh", "scripts/start.sh"]
