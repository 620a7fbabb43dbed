/**
 * The web call API without a browser, on SQLite and PostgreSQL: the origin allow-list (admin
 * only, normalized, per business), token minting for the admin UI and for allow-listed pages,
 * refusals (foreign origin, tampered, expired, spent tokens; malformed offers spend nothing),
 * CORS preflight, the embed script, and the Janus configuration the appliance writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { WebCallTokens } from '../token.js';
import { normalizeOrigin } from '../store.js';
import { startTestApi } from '../../test/helpers/app.js';
import { dialects } from '../../test/helpers/dialects.js';
import { freePort } from '../../test/helpers/postgres.js';

const SHOP = 'https://shop.example';
const OFFER = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\na=ice-ufrag:abcd\r\n';

t.test('origins are normalized; anything else is refused', async (t) => {
  t.equal(normalizeOrigin('HTTPS://Shop.Example:443/'), 'https://shop.example');
  t.equal(normalizeOrigin('http://localhost:8080'), 'http://localhost:8080');
  for (const bad of [
    'javascript:alert(1)',
    'https://shop.example/page',
    'https://u:p@shop.example',
    'null',
    'ftp://x.y',
    'shop.example',
  ])
    t.equal(normalizeOrigin(bad), undefined, bad);
});

t.test('tokens: signature, expiry, single use', async (t) => {
  let now = 1_000_000;
  const tokens = new WebCallTokens(Buffer.alloc(32, 7), () => now);
  const { token } = tokens.mint({ businessId: 'b', agentId: 'a', origin: SHOP }, 60);
  t.equal(tokens.verify(token).agentId, 'a');
  const [payload, mac] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...tokens.verify(token), agentId: 'other' })).toString(
    'base64url',
  );
  t.throws(() => tokens.verify(`${forged}.${mac}`), /invalid call token/, 'a changed payload fails the MAC');
  t.throws(() => tokens.verify(`${payload}`), /malformed/);
  tokens.redeem(token);
  t.throws(() => tokens.redeem(token), /already used/, 'spent once');
  const second = tokens.mint({ businessId: 'b', agentId: 'a', origin: SHOP }, 60).token;
  now += 60_001;
  t.throws(() => tokens.verify(second), /expired/, 'expired after its lifetime');
});

for (const dialect of dialects) {
  t.test(`web call API (${dialect})`, async (t) => {
    const janusWsPort = await freePort();
    const api = await startTestApi(t, dialect, { webcall: { enabled: true, janusWsPort, tokenTtlS: 60 } });
    const a = await api.register('Web Shop A');
    const b = await api.register('Web Shop B');
    const agent = await api.call<{ id: string }>('POST', '/api/v1/agents', {
      token: a.token,
      body: { name: 'Desk', greeting: 'Hello.' },
    });
    t.equal(agent.status, 201);
    const agentId = agent.body.id;

    // The allow-list: admin only, normalized, per business.
    const put = await api.call('PUT', '/api/v1/business/web-call-origins', {
      token: a.token,
      body: { origins: ['HTTPS://Shop.Example/', SHOP] },
    });
    t.same(put.body, { origins: [SHOP] });
    t.equal(
      (
        await api.call('PUT', '/api/v1/business/web-call-origins', {
          token: a.token,
          body: { origins: ['https://x.y/path'] },
        })
      ).status,
      400,
    );
    t.same((await api.call('GET', '/api/v1/business/web-call-origins', { token: b.token })).body, {
      origins: [],
    });

    const pub = (origin: string | undefined, id = agentId) =>
      api.call<{ token: string }>('POST', `/api/v1/web-call/agents/${id}/token`, {
        headers: origin ? { origin } : {},
      });
    const minted = await pub(SHOP);
    t.equal(minted.status, 201, 'an allowed page gets a token');
    t.equal((await pub('https://evil.example')).status, 403, 'another origin does not');
    t.equal((await pub(undefined)).status, 403, 'nor a request without an origin');
    t.equal((await pub(SHOP, '00000000-0000-4000-8000-000000000000')).status, 403, 'nor an unknown agent');
    // Business B's admin token for A's agent: 404.
    t.equal(
      (await api.call('POST', `/api/v1/agents/${agentId}/web-call-token`, { token: b.token })).status,
      404,
    );

    const place = (token: string, origin: string, sdp = OFFER) =>
      api.call<{ error: { message: string } }>('POST', '/api/v1/web-call/calls', {
        headers: { origin },
        body: { token, sdp },
      });
    t.equal((await place(minted.body.token, 'https://evil.example')).status, 403, 'wrong page origin');
    const [p, m] = minted.body.token.split('.');
    t.equal((await place(`${p}x.${m}`, SHOP)).status, 401, 'tampered token');
    t.equal((await place(minted.body.token, SHOP, 'hello')).status, 400, 'a malformed offer is refused');
    // The malformed offer spent nothing; with no gateway running the call gets 503 and spends it.
    const noGateway = await place(minted.body.token, SHOP);
    t.equal(noGateway.status, 503, `no gateway: ${noGateway.body.error?.message}`);
    const replay = await place(minted.body.token, SHOP);
    t.equal(replay.status, 401);
    t.match(replay.body.error.message, /already used/);
    // The admin UI's token works only from the appliance's own origin.
    const own = await api.call<{ token: string }>('POST', `/api/v1/agents/${agentId}/web-call-token`, {
      token: a.token,
    });
    t.equal(own.status, 201);
    t.equal((await place(own.body.token, SHOP)).status, 403, "the admin token from the shop's page");
    t.equal(
      (await place(own.body.token, api.baseUrl)).status,
      503,
      'from the admin origin it reaches the gateway',
    );

    // CORS preflight and the embed script.
    const pre = await fetch(`${api.baseUrl}/api/v1/web-call/calls`, {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST' },
    });
    t.equal(pre.status, 204);
    t.equal(pre.headers.get('access-control-allow-origin'), SHOP);
    const js = await fetch(`${api.baseUrl}/web-call/embed.js`);
    t.match(js.headers.get('content-type') ?? '', /javascript/);
    t.match(await js.text(), /ApplianceWebCall/);

    // Janus's configuration: loopback API with a secret, SIP plugin only, SIP leg on loopback.
    const dir = api.app.modules.webcall.janusConfigDir;
    const main = readFileSync(path.join(dir, 'janus.jcfg'), 'utf8');
    t.match(main, /api_secret = "[0-9a-f]{64}"/);
    t.match(main, /libjanus_videoroom\.so/, 'other plugins disabled');
    t.match(
      readFileSync(path.join(dir, 'janus.transport.websockets.jcfg'), 'utf8'),
      new RegExp(`ws_port = ${janusWsPort}\\s+ws_ip = "127.0.0.1"`),
    );
    t.match(readFileSync(path.join(dir, 'janus.plugin.sip.jcfg'), 'utf8'), /local_ip = "127.0.0.1"/);
  });
}
