# The Knotwork app (API + built client) for docker-compose.yml. Neo4j and Meilisearch run as their own services.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run -w client build
ENV NODE_ENV=production CLIENT_DIST=/app/client/dist
EXPOSE 3000
CMD ["sh", "-c", "npm run cli -- migrate && npm run cli -- seed --if-empty --demo-users && npm run cli -- reindex --if-needed && exec node_modules/.bin/tsx server/src/main.ts"]
