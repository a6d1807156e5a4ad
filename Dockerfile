# Weir's image: Next's standalone output (server.js and only the files it needs, the PNG
# report's wasm and fonts and the demo mesh included; next.config.ts) on a slim Node, as a
# non-root user. The chart runs it with a read-only root filesystem.
#   docker build -t <registry>/weir:<version> .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# `install`, not `ci`: see tools/setup.sh.
RUN npm install --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    # The standalone server listens on HOSTNAME; every interface in a container. With
    # WEIR_AUTH=local (the default) Weir then refuses to start: set WEIR_AUTH (the chart does).
    HOSTNAME=0.0.0.0 \
    WEIR_HOST=0.0.0.0 \
    # Weir drains on SIGTERM itself (instrumentation.ts), not Next.
    NEXT_MANUAL_SIG_HANDLE=true
RUN groupadd --system --gid 10001 weir && useradd --system --uid 10001 --gid weir --no-create-home weir
COPY --from=build --chown=10001:10001 /src/.next/standalone ./
COPY --from=build --chown=10001:10001 /src/.next/static ./.next/static
USER 10001:10001
EXPOSE 3000
CMD ["node", "server.js"]
