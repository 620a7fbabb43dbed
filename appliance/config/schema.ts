import { z } from 'zod';

/**
 * The one schema for the appliance's configuration. Values come from built-in defaults, then an
 * optional JSON file (APPLIANCE_CONFIG), then environment variables (`envBindings` in load.ts).
 * Every field has a default so the box starts with no configuration at all; modules read their
 * knobs from `app.config`, never from process.env.
 */
const port = z.number().int().min(0).max(65535);
const cidr = z
  .string()
  .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'an IP address or CIDR such as 192.0.2.10 or 10.0.0.0/24');
/** A period driven by setInterval/setTimeout: Node treats anything above 2^31-1 ms as 1 ms. */
const timerMs = (min: number, max: number) => z.number().int().min(min).max(Math.min(max, 2_147_483_647));

export const configSchema = z.strictObject({
  /** Where the SQLite file, key file, recordings, indexes and jobs live. */
  dataDir: z.string().min(1).default('./data'),
  /** Directory that holds model files (see `appliance models list`). */
  modelsDir: z.string().min(1).default('./models-data'),
  /**
   * WordNet's dict folder (Debian package wordnet-base), read when an agent is compiled to relate
   * callers' words to the documents' ("repair" ~ "fix"). Missing or empty: words match as written.
   */
  lexiconDir: z.string().default('/usr/share/wordnet'),
  /** Empty: embedded SQLite in dataDir. A postgres:// URL switches to PostgreSQL. */
  databaseUrl: z
    .string()
    .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'must be empty or a postgres:// URL')
    .default(''),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Keep the `pii` log field (phone numbers, transcripts, DTMF); false redacts it (default true: on-prem box). */
  logPii: z.boolean().default(true),
  http: z
    .strictObject({
      bindAddress: z.string().min(1).default('0.0.0.0'),
      port: port.default(8080),
      /** Largest JSON body accepted, bytes. */
      maxBodyBytes: z.number().int().min(1024).default(1_048_576),
      /** Requests still in flight get this long to finish on SIGTERM, ms. */
      shutdownGraceMs: z.number().int().min(0).default(10_000),
      /** API requests/s for a business without a subscription (plans set their own). */
      unsubscribedRatePerS: z.number().int().min(1).default(20),
      /** Requests/s per client address on public routes (register, login, refresh). */
      publicRatePerS: z.number().int().min(1).default(5),
      /**
       * Box-wide IP allow-list for the API and admin UI (addresses/CIDRs, IPv4/IPv6); empty: any.
       * `/healthz` stays open (load balancers) and `/metrics` has its own `metrics.allowFrom`.
       * Businesses can narrow it further (`PUT /business/security`).
       */
      allowFrom: z.array(cidr).default([]),
    })
    .default({
      bindAddress: '0.0.0.0',
      port: 8080,
      maxBodyBytes: 1_048_576,
      shutdownGraceMs: 10_000,
      unsubscribedRatePerS: 20,
      publicRatePerS: 5,
      allowFrom: [],
    }),
  /**
   * HTTPS for the API and admin UI on `http.port`. Default `self-signed`: a certificate made at
   * first start (`<dataDir>/tls/`, key 0600) naming the host and its addresses; `installed`: the
   * operator's PEM files (reloaded on SIGHUP and when the files change); `off`: plain HTTP (a lab
   * behind a TLS proxy, or tests).
   */
  tls: z
    .strictObject({
      mode: z.enum(['self-signed', 'installed', 'off']).default('self-signed'),
      /** PEM certificate chain for `installed` (leaf first). */
      certFile: z.string().default(''),
      /** PEM private key for `installed`. */
      keyFile: z.string().default(''),
      /** Plain HTTP arriving on the HTTPS port: `redirect` (308 to https, default) or `refuse` (400). */
      plainHttp: z.enum(['redirect', 'refuse']).default('redirect'),
      /** Extra DNS names for the self-signed certificate (the host name, localhost and every address are always in it). */
      hostnames: z.array(z.string().regex(/^[A-Za-z0-9.*-]{1,253}$/, 'a DNS name')).default([]),
      /** Strict-Transport-Security max-age with an installed certificate, s (default 1 year; 0: no header). Never sent for a self-signed one. */
      hstsMaxAgeS: z.number().int().min(0).max(63_072_000).default(31_536_000),
    })
    .prefault({})
    .refine((t) => t.mode !== 'installed' || (t.certFile !== '' && t.keyFile !== ''), {
      message: 'mode installed needs certFile and keyFile',
      path: ['certFile'],
    }),
  sip: z
    .strictObject({
      enabled: z.boolean().default(true),
      bindAddress: z.string().min(1).default('0.0.0.0'),
      port: port.default(5060),
      /** Address put in Contact and SDP; defaults to the bind address (or 127.0.0.1 for 0.0.0.0). */
      publicAddress: z.string().default(''),
      /**
       * PBX addresses allowed to send calls (the recommended setting). Empty and no credentials:
       * accept all (lab default, warned at start). Without credentials, TCP connections from other
       * addresses are closed as they are accepted.
       */
      allowFrom: z.array(cidr).default([]),
      /**
       * SIP digest credentials the trunk must present (401 challenge, MD5/SHA-256). With
       * `allowFrom` too, listed addresses pass and others must authenticate; alone, everyone must.
       */
      inboundCredentials: z
        .strictObject({
          username: z.string().min(1).max(128),
          /** At least 12 characters: it guards who can place calls into the box. */
          password: z.string().min(12).max(256),
          /** Realm in the challenge (default 'appliance'). */
          realm: z
            .string()
            .min(1)
            .max(128)
            .regex(/^[^"\\\r\n]+$/, 'no quotes or backslashes')
            .optional(),
        })
        .optional(),
      /**
       * Where the box's own calls to phone numbers go (campaigns, test calls): the PBX or carrier
       * that places them, e.g. `sip:pbx.example.com:5060`. A number is sent as
       * `sip:<number>@<domain>` (domain: the URI's host unless set); the credentials answer its
       * 401/407 challenge; `register` also registers the box there. Absent: the box dials only
       * SIP URIs the outbound policy (outbound.allowNetworks) allows.
       */
      outboundTrunk: z
        .strictObject({
          uri: z.string().regex(/^sips?:[^\s]+$/i, 'a sip: URI such as sip:pbx.example.com:5060'),
          username: z.string().min(1).max(128).optional(),
          password: z.string().min(1).max(256).optional(),
          domain: z.string().min(1).max(255).optional(),
          register: z.boolean().default(false),
        })
        .optional(),
      /** Per-box concurrent call limit; further INVITEs get 503. */
      maxConcurrentCalls: z.number().int().min(1).default(20),
      /** SIP over TLS (RFC 3261 §26) towards the PBX, on its own port. */
      tls: z
        .strictObject({
          enabled: z.boolean().default(false),
          /** TLS listening port (default 5061; 0: any free port). */
          port: port.default(5061),
          /** PEM certificate chain and key; both empty: a self-signed pair in <dataDir>/keys/sip-tls.{crt,key}. */
          certFile: z.string().default(''),
          keyFile: z.string().default(''),
          /** PEM CA bundle the PBX's certificate must chain to (empty: the system CAs, outbound only). */
          caFile: z.string().default(''),
          /** Ask the PBX for a client certificate valid under `caFile` and refuse connections without one. */
          requireClientCert: z.boolean().default(false),
          /** Outbound: check the PBX certificate against the CAs and host name (off only for labs). */
          verifyServer: z.boolean().default(true),
          /**
           * SHA-256 fingerprints (hex, colons optional) of the PBX certificates accepted; set, every
           * connection either way must present one of them (self-signed PBX certificates then work).
           */
          pinSha256: z
            .array(z.string().regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'a SHA-256 fingerprint in hex'))
            .default([]),
        })
        .default({
          enabled: false,
          port: 5061,
          certFile: '',
          keyFile: '',
          caFile: '',
          requireClientCert: false,
          verifyServer: true,
          pinSha256: [],
        })
        .refine((t) => (t.certFile === '') === (t.keyFile === ''), {
          message: 'certFile and keyFile go together',
          path: ['certFile'],
        }),
      /**
       * SRTP for the trunk's media (SDES, AES_CM_128_HMAC_SHA1_80): `require` (plain RTP offers get
       * 488), `allow` (SRTP when the PBX offers it) or `off` (SRTP offers get 488). SDES keys are
       * exchanged only over SIP over TLS: on UDP/TCP `allow` means plain RTP and `require` means 488.
       */
      srtp: z.enum(['require', 'allow', 'off']).default('allow'),
    })
    .default({
      enabled: true,
      bindAddress: '0.0.0.0',
      port: 5060,
      publicAddress: '',
      allowFrom: [],
      maxConcurrentCalls: 20,
      tls: {
        enabled: false,
        port: 5061,
        certFile: '',
        keyFile: '',
        caFile: '',
        requireClientCert: false,
        verifyServer: true,
        pinSha256: [],
      },
      srtp: 'allow',
    }),
  rtp: z
    .strictObject({
      portMin: port.default(20000),
      portMax: port.default(20999),
      /** Calls whose RTP stops for this long are ended, ms. */
      inactivityTimeoutMs: z.number().int().min(1000).default(30_000),
    })
    .default({ portMin: 20000, portMax: 20999, inactivityTimeoutMs: 30_000 })
    .refine((r) => r.portMin < r.portMax, { message: 'portMin must be below portMax', path: ['portMin'] }),
  models: z
    .strictObject({
      /** Load the speech engines in the background right after start, so the first call is warm. */
      warmOnStart: z.boolean().default(true),
      /** The pocketsphinx STT helper binary; unset: the one `npm run build` compiles (models/native/build/ps_helper). */
      pocketsphinxHelper: z.string().min(1).optional(),
      /** Derived files the engines rebuild on demand (e.g. decoded word vectors); empty: <dataDir>/cache. */
      cacheDir: z.string().default(''),
      prefer: z
        .strictObject({
          vad: z.enum(['silero-vad', 'energy']).optional(),
          stt: z.enum(['whisper', 'pocketsphinx']).optional(),
          tts: z.enum(['piper', 'flite', 'festival', 'espeak-ng']).optional(),
          embeddings: z.enum(['all-MiniLM-L6-v2', 'wink-sif']).optional(),
        })
        .default({}),
      /** Optional LLM: an OpenAI-compatible endpoint on the LAN, or a local GGUF file. */
      llm: z
        .strictObject({
          baseUrl: z.url().optional(),
          model: z.string().optional(),
          apiKey: z.string().optional(),
          ggufPath: z.string().optional(),
          timeoutMs: z.number().int().min(100).optional(),
        })
        .default({}),
    })
    .default({ warmOnStart: true, cacheDir: '', prefer: {}, llm: {} }),
  auth: z
    .strictObject({
      /** Lifetime of a JWT access token, s (default 15 min). */
      accessTokenTtlS: z.number().int().min(30).default(900),
      /** Lifetime of a refresh token, s (default 30 days). */
      refreshTokenTtlS: z.number().int().min(60).default(2_592_000),
      /** How long a rotated API key keeps working, s (default 24 h). */
      apiKeyRotationGraceS: z.number().int().min(0).default(86_400),
      /** Failed logins per account+address before throttling starts (then 2^n s, at most 15 min; kept in the database across restarts). */
      loginFailuresBeforeThrottle: z.number().int().min(1).default(5),
      /**
       * Resetting another user's password needs a sign-in (password checked, not a token refresh)
       * within this many seconds (default 600 = 10 min).
       */
      freshLoginS: z.number().int().min(30).max(86_400).default(600),
    })
    .default({
      accessTokenTtlS: 900,
      refreshTokenTtlS: 2_592_000,
      apiKeyRotationGraceS: 86_400,
      loginFailuresBeforeThrottle: 5,
      freshLoginS: 600,
    }),
  calls: z
    .strictObject({
      /** How often expired recordings are deleted, ms (default 1 h; 1 s to 24 h). */
      recordingSweepMs: timerMs(1000, 86_400_000).default(3_600_000),
      /** Budget for greeting a known caller by name via the CRM, ms (default 800; 0 turns the lookup off; max 10 s). */
      crmLookupTimeoutMs: z.number().int().min(0).max(10_000).default(800),
      /**
       * A call row still `ringing` this long after it started is ended as stale and its plan
       * admission given back, s (default 300; at least 120, above the 60 s test-call answer timeout).
       */
      staleRingingS: z.number().int().min(120).max(86_400).default(300),
      /** How often stale ringing calls are looked for, ms (default 60 s). */
      staleCallSweepMs: timerMs(1000, 3_600_000).default(60_000),
      /**
       * Admission by load (like FreeSWITCH's min-idle-cpu): new calls get a fast 503 + Retry-After
       * while the main event loop was busy more than this fraction of the last window (0..1,
       * default 0.9 = under 10 % idle; 1 turns it off).
       */
      maxEventLoopUtilization: z.number().min(0).max(1).default(0.9),
      /** ... or while the p99 event-loop delay of the last window is above this, ms (default 1000; 0: off). */
      maxEventLoopDelayMs: z.number().int().min(0).max(60_000).default(1000),
      /** The load measurement window, ms (default 1000; 100 ms to 60 s). */
      loadWindowMs: timerMs(100, 60_000).default(1000),
      /** Retry-After of a 503 for load, s (default 5). */
      overloadRetryAfterS: z.number().int().min(1).max(3600).default(5),
      /**
       * The endpointer's silence window: quiet after the caller's speech that ends a turn whatever
       * was said, ms (default 500, as LiveKit's endpointing; 200 to 3000). A complete question
       * ends sooner (end of turn from content, 400 ms). Longer suits slow or hesitant callers.
       */
      silenceWindowMs: z.number().int().min(200).max(3000).default(500),
    })
    .prefault({}),
  /**
   * Twilio calls through Media Streams (appliance/twilio). `publicBaseUrl` is the https origin
   * Twilio reaches the appliance at (a reverse proxy's address, e.g. `https://voice.example.com`):
   * request signatures are computed over it, and the Media Streams URL (wss) is derived from it.
   * Absent: the request's own scheme and Host (only right without a proxy in front).
   */
  twilio: z
    .strictObject({
      publicBaseUrl: z
        .url({ protocol: /^https?$/ })
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
      /** Lifetime of the signed token that lets Twilio's WebSocket in after the webhook, s (default 60). */
      streamTokenTtlS: z.number().int().min(5).max(600).default(60),
    })
    .prefault({}),
  billing: z
    .strictObject({
      /** Roll-over tick for ended subscription periods, ms (default 60 s; periods also roll over lazily on access). */
      tickMs: timerMs(10, 86_400_000).default(60_000),
      /** How often batched API request counts are written, ms (default 5 s; a crash loses at most one interval). */
      usageFlushMs: timerMs(10, 3_600_000).default(5000),
    })
    .prefault({}),
  /** The delivery outbox shared by webhooks and CRM call summaries (tests use millisecond timings). */
  outbox: z
    .strictObject({
      /** How often due rows are looked for, ms (default 1 s). */
      pollMs: timerMs(10, 3_600_000).default(1000),
      /** Per-request timeout, ms (default 10 s); a claimed row's lease is 2x this plus 2 s. */
      timeoutMs: z.number().int().min(50).max(300_000).default(10_000),
      /** Attempts before a row is dead-lettered (default 8). */
      maxAttempts: z.number().int().min(1).max(1000).default(8),
      /** Retry backoff: full jitter over min(backoffMaxMs, backoffBaseMs * 2^(attempt-1)), ms (default 10 s). */
      backoffBaseMs: z.number().int().min(1).max(86_400_000).default(10_000),
      /** Ceiling of the retry backoff, ms (default 1 h). */
      backoffMaxMs: z.number().int().min(1).max(604_800_000).default(3_600_000),
    })
    .prefault({})
    .refine((o) => o.backoffBaseMs <= o.backoffMaxMs, {
      message: 'backoffBaseMs must not exceed backoffMaxMs',
      path: ['backoffBaseMs'],
    }),
  /** Document extraction runs in a worker thread per document under these limits (a bad file fails, never retried). */
  knowledge: z
    .strictObject({
      /** Wall-clock limit per document, ms (default 45 s, below the 60 s job lease); the worker is stopped. */
      extractTimeoutMs: z.number().int().min(100).max(600_000).default(45_000),
      /** V8 heap of the extraction worker, MB (default 512). */
      extractMaxMemoryMb: z.number().int().min(16).max(8192).default(512),
      /** Decompressed bytes a document may expand to (DOCX zip entries, PDF content streams), default 64 MiB. */
      maxInflatedBytes: z.number().int().min(1_048_576).max(2_147_483_647).default(67_108_864),
      /** Pages a PDF may have (default 2000). */
      maxPages: z.number().int().min(1).max(100_000).default(2000),
    })
    .prefault({}),
  /** The audit trail (`audit_log`): security-relevant actions with actor, time and client address. */
  audit: z
    .strictObject({
      /** Entries older than this are deleted, days (default 365; 1 to 3650). */
      retentionDays: z.number().int().min(1).max(3650).default(365),
      /** How often the retention purge runs, ms (default 6 h; it also runs at start). */
      purgeIntervalMs: timerMs(1000, 86_400_000).default(21_600_000),
    })
    .prefault({}),
  /** Who may read `/metrics` (Prometheus text). A request passes when it meets both settings. */
  metrics: z
    .strictObject({
      /** When set, `/metrics` needs `Authorization: Bearer <token>` (Prometheus `authorization.credentials`); min 16 chars. */
      token: z
        .string()
        .refine((v) => v === '' || v.length >= 16, 'at least 16 characters (or empty: no token)')
        .default(''),
      /**
       * Client addresses/CIDRs allowed to scrape. Empty with no token (default): loopback only;
       * empty with a token: any address that presents it.
       */
      allowFrom: z.array(cidr).default([]),
    })
    .prefault({}),
  /**
   * Box-wide outbound policy for webhooks, CRM connectors, test calls and bridged transfers:
   * loopback, private, link-local, unique-local, multicast and reserved addresses are refused
   * unless listed here (set by the box operator, never by a tenant). Entries: an IP, a CIDR
   * (`10.0.0.0/8`, `fd00::/8`) or a host name (exact match, e.g. `crm.lan`). The appliance's own
   * HTTP port on a local address stays refused.
   */
  outbound: z
    .strictObject({
      allowNetworks: z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(
              /^([0-9a-f:.]+(\/\d{1,3})?|[a-z0-9]([a-z0-9-]{0,62})(\.[a-z0-9]([a-z0-9-]{0,62}))*)$/,
              'an IP address, a CIDR such as 10.0.0.0/8, or a host name',
            ),
        )
        .default([]),
    })
    .prefault({}),
  /**
   * Browser calls (WebRTC) through a Janus Gateway on the same box: the appliance writes Janus's
   * configuration to `janusConfigDir` at start (the operator runs `janus -F <that dir>`), talks to
   * its WebSocket API on 127.0.0.1:`janusWsPort` with a secret derived from the key file, and
   * Janus's SIP plugin calls the appliance's SIP port on 127.0.0.1 (which must be allowed by
   * `sip.allowFrom` when that is set).
   */
  webcall: z
    .strictObject({
      enabled: z.boolean().default(false),
      /** Janus's WebSocket API port on 127.0.0.1 (default 8188). */
      janusWsPort: port.default(8188),
      /** Where Janus's configuration is written (empty: `<dataDir>/janus`). */
      janusConfigDir: z.string().default(''),
      /** Interfaces/address prefixes Janus may use for browsers' ICE (Janus `ice_enforce_list`; empty: all). */
      iceInterfaces: z.string().default(''),
      /** UDP ports for browser media (ICE + DTLS-SRTP), "min-max". */
      iceRtpPortRange: z
        .string()
        .regex(/^\d{1,5}-\d{1,5}$/)
        .default('30000-30999'),
      /** UDP ports for Janus's plain RTP legs towards the appliance (loopback), "min-max". */
      sipRtpPortRange: z
        .string()
        .regex(/^\d{1,5}-\d{1,5}$/)
        .default('31000-31999'),
      /** Lifetime of a call token (minted by the API, spent by one call), s. */
      tokenTtlS: z.number().int().min(10).max(3600).default(120),
      /** How long a browser call may take to be answered by the appliance, ms. */
      answerTimeoutMs: timerMs(1000, 60_000).default(15_000),
    })
    .prefault({}),
  /**
   * Several nodes on one PostgreSQL (README "Cluster"). Each node registers under its id, beats
   * every `heartbeatMs`, and ends the live calls of nodes silent for `nodeTimeoutS`.
   */
  cluster: z
    .strictObject({
      /**
       * The SIP front door of a cluster: a Kamailio (Debian 5.6) whose configuration
       * `appliance cluster kamailio-config DIR` writes from these keys (appliance/cluster/kamailio.ts).
       * The PBX sends every call to `address:port`; Kamailio's dispatcher spreads new calls over
       * `nodes`, probes them with OPTIONS and fails an INVITE over to the next node on 500, 503 or
       * no answer. Media flows straight between the PBX and the chosen node.
       */
      front: z
        .strictObject({
          /** Address Kamailio listens on (UDP and TCP): the one address the PBX sees (default 0.0.0.0). */
          address: z.string().min(1).default('0.0.0.0'),
          /** Kamailio's SIP port (default 5060). */
          port: port.default(5060),
          /** The appliance nodes: `sip:host:port` and a weight 1..100 (used by `algorithm: weight`). */
          nodes: z
            .array(
              z.strictObject({
                uri: z
                  .string()
                  .regex(/^sip:[A-Za-z0-9.-]+(:\d{1,5})?$/, 'a node as sip:host or sip:host:port'),
                weight: z.number().int().min(1).max(100).default(1),
              }),
            )
            .default([]),
          /** How a new call picks its node: round-robin (default), hash of the Call-ID, or by weight. */
          algorithm: z.enum(['round-robin', 'hash-callid', 'weight']).default('round-robin'),
          /** OPTIONS probe period per node, s (default 2: a dead or draining node leaves within ~2-4 s). */
          probeIntervalS: z.number().int().min(1).max(60).default(2),
          /** Failed probes (timeout or non-200, e.g. 503 while draining) before a node leaves the set (default 1). */
          failureThreshold: z.number().int().min(1).max(10).default(1),
          /**
           * A node that has not answered an INVITE (not even 100 Trying) or an OPTIONS probe within
           * this is taken as down and the INVITE goes to the next node, ms (Kamailio fr_timer; default 1500).
           */
          noResponseTimeoutMs: z.number().int().min(200).max(30_000).default(1500),
          /**
           * A node that sent 100/180 but no final answer within this is skipped for the next node,
           * ms (Kamailio fr_inv_timer; default 10 000: an agent answers at once, it does not ring).
           */
          ringTimeoutMs: z.number().int().min(1000).max(300_000).default(10_000),
        })
        .prefault({}),
      /**
       * This node's stable id (letters, digits, `.`, `_`, `-`; at most 64). Empty: the host name
       * plus a hash of the data directory, stable across restarts of the same install.
       */
      nodeId: z
        .string()
        .regex(/^([A-Za-z0-9][A-Za-z0-9._-]{0,63})?$/, 'letters, digits, ".", "_", "-" (at most 64)')
        .default(''),
      /**
       * How often this node writes its heartbeat and looks for lost nodes, ms (default 5 s). Keep
       * it well under `nodeTimeoutS` (a warning is logged when two beats do not fit in it).
       */
      heartbeatMs: timerMs(200, 3_600_000).default(5000),
      /** A node whose heartbeat is older than this is lost: its live calls are ended, s (default 15). */
      nodeTimeoutS: z.number().min(1).max(86_400).default(15),
      /**
       * A directory every node mounts (NFS, CephFS, ...) for the files all nodes read: encrypted
       * recordings (`recordings/`) and original knowledge uploads (`knowledge/`). Empty: the data
       * directory (one node). The key file, TLS files, caches and knowledge indexes stay per node.
       */
      sharedDir: z.string().default(''),
    })
    .prefault({}),
});

export type AppConfig = z.infer<typeof configSchema>;
/** What a config file or a test may set: every field optional, nested objects partial. */
export type ConfigInput = z.input<typeof configSchema>;
