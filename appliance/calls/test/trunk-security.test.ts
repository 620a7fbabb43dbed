/**
 * Issue 23 item 8: the trunk's SIP digest credentials are configurable (`sip.inboundCredentials`,
 * APPLIANCE_SIP_INBOUND_USERNAME / _PASSWORD / _REALM) and reach the SIP stack: with an
 * allow-list too, a source outside it is challenged (401) and admitted with the right digest.
 */
import t from 'tap';
import { buildAuthorization, parseChallenge } from '../../../sip/auth/digest.js';
import { RawPeer, request } from '../../../sip/test/helpers/raw-peer.js';
import { ConfigError, loadConfig } from '../../config/index.js';
import { startCallsApi } from './helpers/calls-api.js';

t.test('inbound credentials come from the environment and are validated', async (t) => {
  const cfg = loadConfig({
    APPLIANCE_SIP_ALLOW_FROM: '192.0.2.10',
    APPLIANCE_SIP_INBOUND_USERNAME: 'pbx',
    APPLIANCE_SIP_INBOUND_PASSWORD: 'a long trunk secret',
    APPLIANCE_SIP_INBOUND_REALM: 'voice.example',
  });
  t.same(cfg.sip.inboundCredentials, {
    username: 'pbx',
    password: 'a long trunk secret',
    realm: 'voice.example',
  });
  t.same(loadConfig({}).sip.inboundCredentials, undefined, 'none by default');
  const message = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
      return '';
    } catch (err) {
      return err instanceof ConfigError ? err.message : `not a ConfigError: ${String(err)}`;
    }
  };
  t.match(
    message({ APPLIANCE_SIP_INBOUND_USERNAME: 'pbx' }),
    /sip\.inboundCredentials\.password/,
    'a username without a password names the missing key',
  );
  t.match(
    message({ APPLIANCE_SIP_INBOUND_USERNAME: 'pbx', APPLIANCE_SIP_INBOUND_PASSWORD: 'short' }),
    /APPLIANCE_SIP_INBOUND_PASSWORD/,
    'a short password names its variable',
  );
});

t.test('the appliance challenges sources outside the allow-list with the configured digest', async (t) => {
  const creds = { username: 'pbx', password: 'a long trunk secret', realm: 'voice.test' };
  const { sipPort, calls } = await startCallsApi(t, {
    rtpPortMin: 39000,
    config: {
      sip: {
        enabled: true,
        port: 0,
        bindAddress: '127.0.0.1',
        publicAddress: '127.0.0.1',
        allowFrom: ['127.0.0.2'],
        maxConcurrentCalls: 4,
        inboundCredentials: creds,
      },
    },
  });
  t.ok(calls.sipPort > 0);
  const peer = await RawPeer.udp(sipPort); // from 127.0.0.1: not on the list
  t.teardown(() => peer.close());
  peer.send(request(peer, 'OPTIONS', { callId: 'trunk-1' }));
  const ch = await peer.status(401, 'trunk-1', 5000);
  const challenge = parseChallenge(ch.header('www-authenticate') ?? '');
  t.equal(challenge?.realm, 'voice.test', 'challenged in the configured realm');
  if (!challenge) return;
  const auth = buildAuthorization(challenge, creds, 'OPTIONS', 'sip:1000@127.0.0.1');
  peer.send(request(peer, 'OPTIONS', { callId: 'trunk-1', cseq: 2, headers: [`Authorization: ${auth}`] }));
  t.equal((await peer.status(200, 'trunk-1', 5000)).status, 200, 'the right digest is admitted');
  const bad = buildAuthorization(
    challenge,
    { ...creds, password: 'guessed wrongly' },
    'OPTIONS',
    'sip:1000@127.0.0.1',
  );
  peer.send(request(peer, 'OPTIONS', { callId: 'trunk-2', headers: [`Authorization: ${bad}`] }));
  t.equal((await peer.status(403, 'trunk-2', 5000)).status, 403, 'a wrong one is refused');
});
