# Voice appliance image: Debian bookworm + Node 20, the local speech engines, the built service.
#   docker build -t voice-appliance .
#   docker run -p 8080:8080 -p 5060:5060/udp -p 5060:5060/tcp -p 20000-20100:20000-20100/udp \
#     -e APPLIANCE_RTP_PORT_MAX=20100 -v appliance-data:/var/lib/appliance voice-appliance
# BASE is any Debian bookworm image with Node 20 (node, npm and the headers under /usr/local, as
# the official image has them). Where no registry is reachable, `npm run verify:image` makes one
# with debootstrap and passes it: --build-arg BASE=localhost/appliance-base:bookworm-node20.
ARG BASE=node:20-bookworm-slim

FROM ${BASE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ pkg-config \
      libpocketsphinx-dev libsphinxbase-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/appliance
COPY package.json package-lock.json .npmrc ./
# Native addons without a prebuilt binary that can be fetched (better-sqlite3's comes from GitHub)
# compile against the base's own headers instead of downloading them: builds work air-gapped.
ENV ORT_DISABLE_TELEMETRY=1 npm_config_nodedir=/usr/local
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev \
    && test -x models/native/build/ps_helper

FROM ${BASE}
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates sox espeak-ng flite \
      festival festvox-us-slt-hts pocketsphinx pocketsphinx-en-us wordnet-base tar postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/appliance
COPY --from=build /opt/appliance /opt/appliance
ENV NODE_ENV=production ORT_DISABLE_TELEMETRY=1 \
    APPLIANCE_DATA_DIR=/var/lib/appliance APPLIANCE_MODELS_DIR=/var/lib/appliance/models
VOLUME /var/lib/appliance
EXPOSE 8080/tcp 5060/udp 5060/tcp 20000-20999/udp
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "require(process.env.APPLIANCE_TLS==='off'?'http':'https').get({host:'127.0.0.1',port:process.env.APPLIANCE_HTTP_PORT||8080,path:'/healthz',rejectUnauthorized:false},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "dist/appliance/main.js"]
