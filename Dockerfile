# The Knotwork API + built client (`npm run serve`); Neo4j and Meilisearch run as their own services
# (docker-compose.yml). The entrypoint is node itself, so the runtime's SIGTERM reaches the process that drains.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run -w client build
ENV NODE_ENV=production CLIENT_DIST=/app/client/dist HOST=0.0.0.0 PORT=3000
EXPOSE 3000
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# serve applies pending migrations, then listens. The demo data is loaded by `docker compose run app npm run cli -- seed --if-empty --demo-users` (not on every start).
ENTRYPOINT ["node", "tools/bin/serve.mjs"]
